"""Commands for career planning, and for checking catalogues: skills, match, path, learn,
outlook, faq, sources, validate and schema, each with its help beside it."""

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from mlcareers.commands.common import (
    Run,
    catalogue_of,
    completer,
    role_argument,
    run_of,
    skills_option,
    warn,
)
from mlcareers.options import Output, emit, output_options

if TYPE_CHECKING:
    from mlcareers.models import Catalogue
    from mlcareers.report import Report

SKILLS_FILE_LIMIT = 1024 * 1024

app = typer.Typer()

SKILLS_HELP = """List the skills and tools the roles ask for, most-demanded first.

    A skill with alternatives (a cloud platform: AWS, GCP or Azure) or with examples (a
    language, e.g. Python, R, SQL) is one requirement, met by any one of them. Skills the
    source names that no role lists come last. With a ROLE, what that role asks for; with a
    SKILL (or a name that is no role), the requirements it meets and where else the article
    names it. Counts are always of the whole catalogue.

    \b
    Examples:
      mlcareers skills
      mlcareers skills mlops
      mlcareers skills keras
      mlcareers skills --skill nlp     # the skill, not the NLP engineer role
      mlcareers skills --json | jq -r '.[] | select(.count > 1) | .skill'
    """


@app.command("skills", help=SKILLS_HELP)
@output_options()
def skills(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="ROLE|SKILL",
            help="A role (what it asks for) or, if no role has this name, a skill (where it "
            "counts); none for every skill the catalogue knows.",
            autocompletion=completer("role or skill"),
            show_default=False,
        ),
    ] = None,
    role_option: Annotated[
        str | None,
        typer.Option("--role", "-r", metavar="ROLE", hidden=True, show_default=False),
    ] = None,
    skill: Annotated[
        str | None,
        typer.Option(
            "--skill",
            "-s",
            metavar="SKILL",
            help="A skill: the requirements it meets, and where else the article names it.",
            autocompletion=completer("skill"),
            show_default=False,
        ),
    ] = None,
    *,
    output: Output,
) -> None:
    wanted = name if name is not None else role_option
    emit(build_skills(run_of(ctx, output.limit), wanted, skill), output)


def build_skills(run: Run, name: str | None = None, skill: str | None = None) -> "Report":
    """The skills the roles ask for, most-demanded first; a role's (`name` naming one), or the
    requirements one skill meets (`skill`, or `name` naming no role but a skill)."""
    from mlcareers.catalogue import find_role
    from mlcareers.errors import NotFoundError, UsageError
    from mlcareers.skills import demand
    from mlcareers.views.skills import skills_report

    catalogue = run.catalogue()
    if name is not None and skill is not None:
        raise UsageError("give a ROLE or --skill, not both")
    if skill is not None:
        return _skill_report(catalogue, skill)
    if name is None:
        return skills_report(catalogue, demand(catalogue))
    try:
        found = find_role(catalogue, name)
    except NotFoundError as error:
        from mlcareers.skills import find_skill, vocabulary

        try:
            find_skill(vocabulary(catalogue), name)
        except NotFoundError as unknown:
            close = tuple(dict.fromkeys((*error.suggestions, *unknown.suggestions)))[:3]
            raise NotFoundError("role or skill", name, close) from None
        return _skill_report(catalogue, name)
    return skills_report(catalogue, demand(catalogue, [found]), role=found.title)


def _skill_report(catalogue: "Catalogue", name: str) -> "Report":
    """The requirements one skill meets, across the catalogue, and where the article names it."""
    from mlcareers.errors import UsageError
    from mlcareers.skills import SkillDemand, find_skill, meeting, split_skills, vocabulary
    from mlcareers.views.skills import skills_report

    names = split_skills([name])
    if len(names) != 1:
        raise UsageError("give one skill at a time, such as --skill keras")
    skill = find_skill(vocabulary(catalogue), names[0])
    rows = meeting(catalogue, skill) or [SkillDemand(skill, None, ())]
    return skills_report(catalogue, rows, skill=skill)


MATCH_HELP = """
    Match your skills against every role: what you have, what you miss, what to learn next.

    A role's coverage is the share of its requirements you meet; a group of alternatives
    (a cloud platform: AWS, GCP or Azure) or of examples (a language, e.g. Python, R, SQL)
    counts once and is met by any one of them. Roles rank by coverage, then by median
    salary. Learn next: the missing requirement the most roles ask for; ties go to the one
    asked for by the better-paid role; still tied, all are named. Skills match in any case
    and spacing; one the catalogue never names is reported on stderr, with close names, and
    not counted.

    Apart from the roles: the article's foundations, what its skills section says ML work
    needs in general (understanding statistics is essential, proficiency in Keras is
    expected in high-paying roles...), those you have and those you miss. They never count
    towards a role's coverage, which counts only what the role asks for. NDJSON and CSV
    print them after the roles, each record led by part (roles or foundations).

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
    texts = list(have or [])
    if have_file is not None:
        texts.extend(_skill_lines(have_file))
    emit(build_match(run_of(ctx, output.limit), texts), output)


def build_match(run: Run, have: list[str] | None = None) -> "Report":
    """Every role against the skills in `have` (commas within an item split it); a skill the
    catalogue never names is warned of, with close names, and not counted."""
    from mlcareers.errors import UsageError
    from mlcareers.skills import match as match_skills
    from mlcareers.skills import split_skills
    from mlcareers.views.match import match_report

    wanted = split_skills(have or [])
    if not wanted:
        raise UsageError("give the skills you have with --have or --have-file")
    catalogue = run.catalogue()
    result = match_skills(catalogue, wanted)
    for unknown in result.unknown:
        close = result.suggestions.get(unknown, ())
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        run.warn(f"unknown skill {unknown!r}, not counted{hint}")
    return match_report(catalogue, result)


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
    emit(build_path(run_of(ctx, output.limit), role), output)


def build_path(run: Run, role: str | None = None) -> "Report":
    """The whole career ladder, or where `role` (a role or a job on the ladder) sits on it."""
    from mlcareers.views.ladder import ladder_report, path_report

    catalogue = run.catalogue()
    if role is None:
        return ladder_report(catalogue)
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
        return path_report(catalogue, rung, rung.home.rung.title)
    return path_report(catalogue, path_of(catalogue, found), found.title)


def _whole_catalogue_view(module: str, view: str) -> Callable[..., None]:
    """A command that prints one view of the whole catalogue (learn, sources): `view` of the
    module mlcareers.views.`module`, imported when the command runs."""

    @output_options()
    def command(ctx: typer.Context, *, output: Output) -> None:
        from importlib import import_module

        emit(getattr(import_module(f"mlcareers.views.{module}"), view)(catalogue_of(ctx)), output)

    return command


LEARN_HELP = """Ways in: education, certifications, entry jobs, time to entry, skills and tips.

    \b
    Examples:
      mlcareers learn
      mlcareers learn --json | jq -r '.[] | select(.kind == "certification") | .name'
    """

learn = app.command("learn", help=LEARN_HELP)(_whole_catalogue_view("learn", "learn_report"))

OUTLOOK_HELP = """Show where ML is growing: industries, uses, demand and growth, remote work.

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
    from mlcareers.views.outlook import outlook_report

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
    from mlcareers.views.faq import faq_report

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

sources = app.command("sources", help=SOURCES_HELP)(
    _whole_catalogue_view("provenance", "sources_report")
)


def build_sources(run: Run) -> "Report":
    """Where every kind of figure comes from, which are derived, and how."""
    from mlcareers.views.provenance import sources_report

    return sources_report(run.catalogue())


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
