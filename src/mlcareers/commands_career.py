"""Commands for career planning, and for checking catalogues: skills, match, path, learn,
faq, sources, validate and schema."""

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from mlcareers.options import (
    FieldsOption,
    FormatOption,
    JsonFlag,
    LimitOption,
    WideFlag,
    catalogue_of,
    completer,
    emit,
    warn,
)

SKILLS_FILE_LIMIT = 1024 * 1024


def skills(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            metavar="ROLE",
            help="Only what this role asks for; none for every skill the catalogue knows.",
            autocompletion=completer("role"),
            show_default=False,
        ),
    ] = None,
    role_option: Annotated[
        str | None,
        typer.Option("--role", "-r", metavar="ROLE", hidden=True, show_default=False),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
    wide: WideFlag = False,
) -> None:
    """List the skills and tools the roles ask for, most-demanded first."""
    from mlcareers.catalogue import find_role
    from mlcareers.skills import demand
    from mlcareers.views.career import skills_report

    catalogue = catalogue_of(ctx)
    wanted = role if role is not None else role_option
    if wanted is None:
        emit(
            skills_report(catalogue, demand(catalogue), None),
            fmt,
            as_json,
            fields=fields,
            limit=limit,
            wide=wide,
        )
        return
    found = find_role(catalogue, wanted)
    emit(
        skills_report(catalogue, demand(catalogue, [found]), found.title),
        fmt,
        as_json,
        fields=fields,
        limit=limit,
        wide=wide,
    )


def match(
    ctx: typer.Context,
    have: Annotated[
        list[str] | None,
        typer.Option(
            "--have",
            metavar="SKILL[,SKILL...]",
            help="Skills you have: commas, repeats, or both (--have python,sql --have r).",
            autocompletion=completer("skill"),
            show_default=False,
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
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
    wide: WideFlag = False,
) -> None:
    """Match your skills against every role: what you have, what you miss, what to learn next."""
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
    emit(match_report(catalogue, result), fmt, as_json, fields=fields, limit=limit, wide=wide)


def _skill_lines(path: str) -> list[str]:
    from pathlib import Path

    from mlcareers.catalogue import read_bytes
    from mlcareers.errors import CatalogueError, UsageError

    if path == "-":
        data = sys.stdin.buffer.read(SKILLS_FILE_LIMIT + 1)
        if len(data) > SKILLS_FILE_LIMIT:
            raise UsageError("standard input: more than 1 MiB of skills")
    else:
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
    fields: FieldsOption = None,
    limit: LimitOption = None,
    wide: WideFlag = False,
) -> None:
    """Show the career ladder, or where one role or job sits on it."""
    from mlcareers.views.career import ladder_report, path_report

    catalogue = catalogue_of(ctx)
    if role is None:
        emit(ladder_report(catalogue), fmt, as_json, fields=fields, limit=limit, wide=wide)
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
        emit(
            path_report(catalogue, rung, rung.home.rung.title),
            fmt,
            as_json,
            fields=fields,
            limit=limit,
            wide=wide,
        )
        return
    emit(
        path_report(catalogue, path_of(catalogue, found), found.title),
        fmt,
        as_json,
        fields=fields,
        limit=limit,
        wide=wide,
    )


def _whole_catalogue_view(view: str) -> Callable[..., None]:
    """A command that prints one view of the whole catalogue: learn, outlook, sources."""

    def command(
        ctx: typer.Context,
        fmt: FormatOption = None,
        as_json: JsonFlag = False,
        fields: FieldsOption = None,
        limit: LimitOption = None,
        wide: WideFlag = False,
    ) -> None:
        from mlcareers.views import career

        report = getattr(career, view)(catalogue_of(ctx))
        emit(report, fmt, as_json, fields=fields, limit=limit, wide=wide)

    return command


learn = _whole_catalogue_view("learn_report")


outlook = _whole_catalogue_view("outlook_report")


def faq(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(metavar="TERM", help="Only entries that mention this.", show_default=False),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
    wide: WideFlag = False,
) -> None:
    """Answer the questions people ask about ML careers, all or those matching TERM."""
    from mlcareers.views.career import faq_report

    report = faq_report(catalogue_of(ctx), term)
    if term and not report.rows:
        warn(f"no question or answer mentions {term!r}")
    emit(report, fmt, as_json, fields=fields, limit=limit, wide=wide)


sources = _whole_catalogue_view("sources_report")


def validate(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The catalogue file to check.", show_default=False)
    ],
) -> None:
    """Check a catalogue file against the catalogue's rules."""
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


def schema() -> None:
    """Print the JSON Schema of a catalogue file."""
    import json

    from mlcareers.models import catalogue_schema

    sys.stdout.write(json.dumps(catalogue_schema(), indent=2) + "\n")
