"""What every command shares: the format options, loading the catalogue, completion, output.

Commands import the rest of mlcareers when they run, so that `--help` and each command load
no more than they need: start-up time is most of what a command costs (see bench/).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from mlcareers.errors import MlcareersError
from mlcareers.report import Format

if TYPE_CHECKING:
    from mlcareers.models import Catalogue
    from mlcareers.report import Report

FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table (default), json, ndjson, csv or markdown.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
FieldsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--fields",
        metavar="FIELD[,FIELD...]",
        help=(
            "Only these fields, in this order, in every format; a dotted name picks a nested "
            "value (salary.median). Repeatable."
        ),
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=1, metavar="N", help="Print at most N records."),
]
WideFlag = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="Tables: every column, as wide as it needs, whatever the terminal's width.",
    ),
]


@functools.cache
def _load(path: str | None) -> Catalogue:
    """Loaded once a run, and kept alive to the frozen exit: freeing it is work for nothing."""
    from mlcareers.catalogue import load

    return load(path)


def catalogue_of(ctx: typer.Context) -> Catalogue:
    """The catalogue this run reads: --catalogue, MLCAREERS_CATALOGUE, or the packaged one."""
    path = ctx.find_root().params.get("catalogue")
    if path == "":
        from mlcareers.errors import UsageError

        raise UsageError(
            "--catalogue (or MLCAREERS_CATALOGUE) is empty: name a catalogue file, or leave it "
            "out to use the packaged one"
        )
    return _load(path if isinstance(path, str) else None)


def completer(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion of role, city or skill names from the catalogue; nothing on failure.

    The catalogue is the one the command line names, so its names are outside input:
    completion.candidates offers only their inert slug forms.
    """

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from mlcareers.completion import candidates

        try:
            catalogue = catalogue_of(ctx)
        except MlcareersError:
            return []
        if kind == "skill":
            from mlcareers.skills import skill_names

            names = skill_names(catalogue)
        else:
            items = catalogue.roles if kind == "role" else catalogue.cities
            names = [item.slug for item in items]
        return candidates(names, incomplete)

    return complete


CityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--city",
        "-c",
        metavar="CITY",
        help="A city (repeatable): seattle, 'New York', nyc, 'Santa Clara, CA'.",
        autocompletion=completer("city"),
        show_default=False,
    ),
]


def emit(
    report: Report,
    fmt: Format | None,
    as_json: bool,
    *,
    fields: list[str] | None = None,
    limit: int | None = None,
    wide: bool = False,
) -> None:
    """Print a report to stdout in the format asked for: its first `limit` records, only the
    `fields` named (commas or repeats), every table column with `wide`."""
    from mlcareers.render import render

    if as_json and fmt not in (None, Format.json):
        raise typer.BadParameter(f"--json contradicts --format {fmt}; give one of them")
    report = report.head(limit)
    if fields:
        report = report.pick([name for text in fields for name in text.split(",")])
    render(report, Format.json if as_json else fmt or Format.table, sys.stdout, wide)


def warn(message: str) -> None:
    """A warning on stderr, which never mixes with the data on stdout."""
    from mlcareers.clean import clean

    sys.stderr.write(f"mlcareers: warning: {clean(message)}\n")
