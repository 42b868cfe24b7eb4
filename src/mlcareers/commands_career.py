"""Commands for career planning, and for checking catalogues: skills, match, path, learn,
faq, sources, validate and schema."""

import sys
from typing import Annotated

import typer

from mlcareers.options import FormatOption, JsonFlag, catalogue_of, completer, emit, warn

SKILLS_FILE_LIMIT = 1024 * 1024


def skills(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            "-r",
            metavar="ROLE",
            help="Only the skills this role lists.",
            autocompletion=completer("role"),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """List the skills and tools the roles ask for, most-demanded first.

    \b
    Examples:
      mlcareers skills
      mlcareers skills --role mlops
      mlcareers skills --json | jq -r '.[] | select(.count > 1) | .skill'
    """
    from mlcareers.catalogue import find_role
    from mlcareers.models import fold
    from mlcareers.skills import demand
    from mlcareers.views.career import skills_report

    catalogue = catalogue_of(ctx)
    rows = demand(catalogue.roles)
    title = None
    if role is not None:
        found = find_role(catalogue, role)
        listed = {fold(skill) for skill in found.skills}
        rows = [row for row in rows if fold(row.skill) in listed]
        title = found.title
    emit(skills_report(catalogue, rows, title), fmt, as_json)


def match(
    ctx: typer.Context,
    have: Annotated[
        list[str] | None,
        typer.Option(
            "--have",
            metavar="SKILL[,SKILL...]",
            help="Skills you have, comma-separated (repeatable).",
            autocompletion=completer("skill"),
            show_default=False,
        ),
    ] = None,
    have_file: Annotated[
        str | None,
        typer.Option(
            "--have-file",
            metavar="FILE",
            help="A file of skills you have, one per line (# starts a comment).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Match your skills against every role: what you have, what you miss, what to learn next.

    Scoring, the same every time: a role's coverage is the share of the skills it lists
    that you have; roles rank by coverage, then by median salary. The pay-weighted fit is
    coverage times median salary. The next skill is the missing one that would raise your
    best pay-weighted fit the most (ties: the skill more roles list, then A to Z). Skills
    match in any case and spacing; one the catalogue never names is reported, not counted.

    \b
    Examples:
      mlcareers match --have python,docker,kubernetes
      mlcareers match --have "python, SQL ,  r" --have spark
      mlcareers match --have-file my-skills.txt --json | jq .next_skill
    """
    from mlcareers.errors import UsageError
    from mlcareers.skills import match as match_skills
    from mlcareers.skills import split_skills
    from mlcareers.views.career import match_report

    texts = list(have or [])
    if have_file is not None:
        texts.extend(_skill_lines(have_file))
    wanted = split_skills(texts)
    if not wanted:
        raise UsageError("give the skills you have with --have or --have-file")
    catalogue = catalogue_of(ctx)
    result = match_skills(catalogue, wanted)
    if result.unknown:
        warn(f"not in the catalogue, so not counted: {', '.join(result.unknown)}")
    emit(match_report(catalogue, result), fmt, as_json)


def _skill_lines(path: str) -> list[str]:
    from pathlib import Path

    from mlcareers.catalogue import read_bytes
    from mlcareers.errors import CatalogueError, UsageError

    try:
        data = read_bytes(Path(path), "skills", SKILLS_FILE_LIMIT)
    except CatalogueError as error:
        raise UsageError(str(error)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise UsageError(
            f"{path}: is not UTF-8 text (invalid byte at offset {bad.start})"
        ) from None
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def path(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            metavar="ROLE",
            help="A role to place on the ladder; none for the whole ladder.",
            autocompletion=completer("role"),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the career ladder, or where one role sits on it.

    The ladder runs from entry-level jobs through mid-level roles (2-5 years) to senior and
    leadership roles (5+ years). With a ROLE: its stage, the jobs that lead to it and the
    senior roles it leads to; rungs that are stages of the same role are its direct line.

    \b
    Examples:
      mlcareers path
      mlcareers path "ML engineer"
      mlcareers path ds --json | jq '.leads_to[].title'
    """
    from mlcareers.views.career import ladder_report, path_report

    catalogue = catalogue_of(ctx)
    if role is None:
        emit(ladder_report(catalogue), fmt, as_json)
        return
    from mlcareers.catalogue import find_role
    from mlcareers.ladder import path_of

    emit(path_report(catalogue, path_of(catalogue, find_role(catalogue, role))), fmt, as_json)


def learn(ctx: typer.Context, fmt: FormatOption = None, as_json: JsonFlag = False) -> None:
    """Ways in: education, certifications, entry jobs, time to entry, skills and tips.

    \b
    Examples:
      mlcareers learn
      mlcareers learn --json | jq '.certifications[] | "\\(.provider): \\(.programme)"'
    """
    from mlcareers.views.career import learn_report

    emit(learn_report(catalogue_of(ctx)), fmt, as_json)


def outlook(ctx: typer.Context, fmt: FormatOption = None, as_json: JsonFlag = False) -> None:
    """Show where ML is hiring: industries, what they use ML for, remote work and growth.

    \b
    Examples:
      mlcareers outlook
      mlcareers outlook --json | jq -r '.industries[].name'
    """
    from mlcareers.views.career import outlook_report

    emit(outlook_report(catalogue_of(ctx)), fmt, as_json)


def faq(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(metavar="TERM", help="Only entries that mention this.", show_default=False),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer the questions people ask about ML careers, all or those matching TERM.

    \b
    Examples:
      mlcareers faq
      mlcareers faq degree
      mlcareers faq remote --json | jq -r '.[].answer'
    """
    from mlcareers.views.career import faq_report

    report = faq_report(catalogue_of(ctx), term)
    if term and not report.rows:
        warn(f"no question or answer mentions {term!r}")
    emit(report, fmt, as_json)


def sources(ctx: typer.Context, fmt: FormatOption = None, as_json: JsonFlag = False) -> None:
    """Say where every kind of figure comes from, which are derived, and how.

    \b
    Examples:
      mlcareers sources
      mlcareers sources --json | jq '.figures[] | select(.estimated)'
    """
    from mlcareers.views.career import sources_report

    emit(sources_report(catalogue_of(ctx)), fmt, as_json)


def validate(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The catalogue file to check.", show_default=False)
    ],
) -> None:
    """Check a catalogue file against the catalogue's rules.

    Prints a one-line summary and exits 0 when the file is valid; otherwise exits 1 with one
    line per problem on stderr, each naming where it is (roles[2].salary: ...).

    \b
    Examples:
      mlcareers validate my-roles.json
      mlcareers schema > catalogue.schema.json    # for your editor's help
    """
    from mlcareers.catalogue import load

    checked = load(file)
    source = checked.source
    sys.stdout.write(
        f"{file}: valid catalogue: {_count(len(checked.roles), 'role')}, "
        f"{_count(len(checked.cities), 'city', 'cities')}, from {source.publisher} "
        f"({source.year}, as of {source.as_of})\n"
    )


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def schema() -> None:
    """Print the JSON Schema of a catalogue file.

    Point your editor at it to get completion and checking while you write a catalogue.

    \b
    Examples:
      mlcareers schema > catalogue.schema.json
      mlcareers schema | jq '.properties | keys'
    """
    import json

    from mlcareers.models import catalogue_schema

    sys.stdout.write(json.dumps(catalogue_schema(), indent=2) + "\n")
