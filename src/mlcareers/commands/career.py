"""Commands for career planning, and for checking catalogues: skills, match, path, learn,
outlook, faq, sources, validate and schema, each with its help beside it."""

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from mlcareers.commands.common import catalogue_of, role_argument, skills_option, warn
from mlcareers.options import Output, emit, output_options

SKILLS_FILE_LIMIT = 1024 * 1024

app = typer.Typer()

SKILLS_HELP = """List the skills and tools the roles ask for, most-demanded first.

    A skill with alternatives (a cloud platform: AWS, GCP or Azure) is one requirement, met
    by any one of them. Skills the source names that no role lists come last.

    \b
    Examples:
      mlcareers skills
      mlcareers skills mlops
      mlcareers skills --json | jq -r '.[] | select(.count > 1) | .skill'
    """


@app.command("skills", help=SKILLS_HELP)
@output_options()
def skills(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        role_argument("Only what this role asks for; none for every skill the catalogue knows."),
    ] = None,
    role_option: Annotated[
        str | None,
        typer.Option("--role", "-r", metavar="ROLE", hidden=True, show_default=False),
    ] = None,
    *,
    output: Output,
) -> None:
    from mlcareers.catalogue import find_role
    from mlcareers.skills import demand
    from mlcareers.views.career import skills_report

    catalogue = catalogue_of(ctx)
    wanted = role if role is not None else role_option
    if wanted is None:
        emit(skills_report(catalogue, demand(catalogue), None), output)
        return
    found = find_role(catalogue, wanted)
    emit(skills_report(catalogue, demand(catalogue, [found]), found.title), output)


MATCH_HELP = """
    Match your skills against every role: what you have, what you miss, what to learn next.

    A role's coverage is the share of its requirements you meet; a group of alternatives
    (a cloud platform: AWS, GCP or Azure) counts once and is met by any one of them. Roles
    rank by coverage, then by median salary. Learn next: the missing requirement the most
    roles ask for; ties go to the one asked for by the better-paid role; still tied, all are
    named. Skills match in any case and spacing; one the catalogue never names is reported
    on stderr, with close names, and not counted.

    \b
    Examples:
      mlcareers match --have python,docker,kubernetes
      mlcareers match --have "python, SQL ,  r" --have spark
      mlcareers match --have-file my-skills.txt --json | jq .next
    """


@app.command("match", help=MATCH_HELP)
@output_options()
def match(
    ctx: typer.Context,
    have: Annotated[
        list[str] | None,
        skills_option(
            "--have",
            None,
            "Skills you have: commas, repeats, or both (--have python,sql --have r).",
        ),
    ] = None,
    have_file: Annotated[
        str | None,
        typer.Option(
            "--have-file",
            metavar="FILE",
            help="A file of skills you have, one per line (# starts a comment); - reads stdin.",
            show_default=False,
        ),
    ] = None,
    *,
    output: Output,
) -> None:
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
    for unknown in result.unknown:
        close = result.suggestions.get(unknown, ())
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        warn(f"unknown skill {unknown!r}, not counted{hint}")
    emit(match_report(catalogue, result), output)


def _skill_lines(path: str) -> list[str]:
    from pathlib import Path

    from mlcareers.errors import UsageError
    from mlcareers.files import FileError, read_bytes

    if path == "-":
        data = sys.stdin.buffer.read(SKILLS_FILE_LIMIT + 1)
        if len(data) > SKILLS_FILE_LIMIT:
            raise UsageError("standard input: more than 1 MiB of skills")
    else:
        try:
            data = read_bytes(Path(path), "skills", SKILLS_FILE_LIMIT)
        except FileError as error:
            raise UsageError(str(error)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        raise UsageError(
            f"{path}: is not UTF-8 text (invalid byte at offset {bad.start})"
        ) from None
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


PATH_HELP = """Show the career ladder, or where one role or job sits on it.

    The ladder runs from entry-level jobs through mid-level roles (typically 2-5 years) to
    senior and leadership roles (generally 5+ years). ROLE may be a catalogue role or any job
    on the ladder, such as 'data analyst' or 'junior ML engineer'.

    \b
    Examples:
      mlcareers path
      mlcareers path "data analyst"
      mlcareers path ds --json | jq '.leads_to[].title'
    """


@app.command("path", help=PATH_HELP)
@output_options()
def path(
    ctx: typer.Context,
    role: Annotated[
        str | None, role_argument("A role to place on the ladder; none for the whole ladder.")
    ] = None,
    *,
    output: Output,
) -> None:
    from mlcareers.views.career import ladder_report, path_report

    catalogue = catalogue_of(ctx)
    if role is None:
        emit(ladder_report(catalogue), output)
        return
    from mlcareers.catalogue import closest, find_role
    from mlcareers.errors import NotFoundError
    from mlcareers.ladder import find_rung, path_of, rung_titles
    from mlcareers.models import fold

    try:
        found = find_role(catalogue, role)
    except NotFoundError as error:
        rung = find_rung(catalogue, role)
        if rung is None:
            titles = rung_titles(catalogue)
            close = closest(fold(role), titles)
            raise NotFoundError("role or ladder job", role, close or error.suggestions) from None
        emit(path_report(catalogue, rung, rung.home.rung.title), output)
        return
    emit(path_report(catalogue, path_of(catalogue, found), found.title), output)


def _whole_catalogue_view(view: str) -> Callable[..., None]:
    """A command that prints one view of the whole catalogue: learn, sources."""

    @output_options()
    def command(ctx: typer.Context, *, output: Output) -> None:
        from mlcareers.views import career

        emit(getattr(career, view)(catalogue_of(ctx)), output)

    return command


LEARN_HELP = """Ways in: education, certifications, entry jobs, time to entry, skills and tips.

    \b
    Examples:
      mlcareers learn
      mlcareers learn --json | jq -r '.[] | select(.kind == "certification") | .name'
    """

learn = app.command("learn", help=LEARN_HELP)(_whole_catalogue_view("learn_report"))

OUTLOOK_HELP = """Show where ML is growing: industries, uses, growth by role, remote work.

    Growth by role is the article's words; beside them, once you have imported BLS
    Employment Projections (occupation.xlsx), the official projection for each role's first
    occupation, on a line of its own with its source. Neither is rewritten into the other.

    \b
    Examples:
      mlcareers outlook
      mlcareers outlook --json | jq -r '.[] | select(.kind == "growth") | .name'
      mlcareers outlook --json | jq '.[] | select(.kind == "projection") | .projection'
    """


@app.command("outlook", help=OUTLOOK_HELP)
@output_options()
def outlook(ctx: typer.Context, *, output: Output) -> None:
    from mlcareers.commands.common import read_official
    from mlcareers.views.career import outlook_report

    catalogue = catalogue_of(ctx)
    official = read_official()
    if official.database is None:
        emit(outlook_report(catalogue), output)
        return
    firsts = {role.slug: role.soc[0].code for role in catalogue.roles if role.soc}
    found = {hit.occupation.code: hit for hit in official.projections(list(firsts.values()))}
    projected = {slug: found[code] for slug, code in firsts.items() if code in found}
    emit(outlook_report(catalogue, projected, official.has_projections), output)


FAQ_HELP = """Answer the questions people ask about ML careers, all or those matching TERM.

    \b
    Examples:
      mlcareers faq
      mlcareers faq degree
      mlcareers faq remote --json | jq -r '.[].answer'
    """


@app.command("faq", help=FAQ_HELP)
@output_options()
def faq(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(metavar="TERM", help="Only entries that mention this.", show_default=False),
    ] = None,
    *,
    output: Output,
) -> None:
    from mlcareers.views.career import faq_report

    report = faq_report(catalogue_of(ctx), term)
    if term and not report.rows:
        warn(f"no question or answer mentions {term!r}")
    emit(report, output)


SOURCES_HELP = """Say where every kind of figure comes from, which are derived, and how.

    \b
    Examples:
      mlcareers sources
      mlcareers sources --json | jq '.figures[] | select(.derived)'
    """

sources = app.command("sources", help=SOURCES_HELP)(_whole_catalogue_view("sources_report"))

VALIDATE_HELP = """Check a catalogue file against the catalogue's rules.

    Prints a one-line summary and exits 0 when the file is valid; otherwise exits 1 with one
    line per problem on stderr, each naming where it is (roles[2].salary: ...).

    \b
    Examples:
      mlcareers validate my-roles.json
      mlcareers schema > catalogue.schema.json    # for your editor's help
    """


@app.command("validate", help=VALIDATE_HELP)
def validate(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The catalogue file to check.", show_default=False)
    ],
) -> None:
    from mlcareers.catalogue import load
    from mlcareers.clean import clean

    checked = load(file)
    source = checked.source
    line = (
        f"{file}: valid catalogue: {_count(len(checked.roles), 'role')}, "
        f"{_count(len(checked.cities), 'city', 'cities')}, from {source.publisher} "
        f"({source.year}, as of {source.as_of})"
    )
    sys.stdout.write(clean(line) + "\n")


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


SCHEMA_HELP = """Print the JSON Schema of a catalogue file.

    Point your editor at it to get completion and checking while you write a catalogue.

    \b
    Examples:
      mlcareers schema > catalogue.schema.json
      mlcareers schema | jq '.properties | keys'
    """


@app.command("schema", help=SCHEMA_HELP)
def schema() -> None:
    import json

    from mlcareers.models import catalogue_schema

    sys.stdout.write(json.dumps(catalogue_schema(), indent=2) + "\n")
