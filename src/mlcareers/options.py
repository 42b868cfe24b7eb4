"""What every command shares: the format options, loading the catalogue, completion, output.

Commands import the rest of mlcareers when they run, so that `--help` and each command load
no more than they need: start-up time is most of what a command costs (see bench/).
"""

from __future__ import annotations

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
        help="Output format: table (default), json, csv or markdown.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Same as --format json.")]


def catalogue_of(ctx: typer.Context) -> Catalogue:
    """The catalogue this run reads: --catalogue, MLCAREERS_CATALOGUE, or the packaged one."""
    from mlcareers.catalogue import load

    path = ctx.find_root().params.get("catalogue")
    return load(path if isinstance(path, str) and path else None)


def completer(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion of role, city or skill names from the catalogue; nothing on failure."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            catalogue = catalogue_of(ctx)
        except MlcareersError:
            return []
        if kind == "skill":
            from mlcareers.skills import skill_index

            names = list(skill_index(catalogue.roles).values())
            return [name for name in names if name.casefold().startswith(incomplete.casefold())]
        items = catalogue.roles if kind == "role" else catalogue.cities
        return [item.slug for item in items if item.slug.startswith(incomplete.casefold())]

    return complete


def emit(report: Report, fmt: Format | None, as_json: bool) -> None:
    """Print a report to stdout in the format asked for."""
    from mlcareers.render import render

    if as_json and fmt not in (None, Format.json):
        raise typer.BadParameter(f"--json contradicts --format {fmt}; give one of them")
    render(report, Format.json if as_json else fmt or Format.table, sys.stdout)


def warn(message: str) -> None:
    """A warning on stderr, which never mixes with the data on stdout."""
    sys.stderr.write(f"mlcareers: warning: {message}\n")
