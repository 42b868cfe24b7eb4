"""The command line: parse, call a query, render; domain errors become one line and an exit code.

Commands import what they use when they run, so that `--help` and each command load no more
than they need: start-up time is most of what a command costs (see bench/).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from mlcareers import __version__
from mlcareers.errors import CatalogueError, MlcareersError, NotFoundError
from mlcareers.ranking import RankBy
from mlcareers.report import Format

if TYPE_CHECKING:
    from mlcareers.models import Catalogue
    from mlcareers.report import Report

PROG = "mlcareers"
DEBUG_VARIABLE = "MLCAREERS_DEBUG"
HINTS = {
    "role": f"Run '{PROG} rank' to list the roles.",
    "city": f"Run '{PROG} compare' to list the cities.",
}


class Group(TyperGroup):
    """The command group, turning every failure inside a command into a plain message."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except MlcareersError as error:
            _report_error(error)
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(0) from None
        except Exception as error:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            _say(
                f"internal error ({type(error).__name__}). This is a bug in {PROG} "
                f"{__version__}: please report it with the command you ran "
                f"(set {DEBUG_VARIABLE}=1 to see the traceback)."
            )
            raise typer.Exit(1) from None


app = typer.Typer(
    name=PROG,
    cls=Group,
    help=(
        "Explore machine-learning careers: which roles pay most, what a role involves, "
        "and what it pays by city, from one public 2026 salary guide.\n\n"
        "\b\nExamples:\n"
        f"  {PROG} rank                      roles by median salary\n"
        f"  {PROG} show mlops                one role in full\n"
        f"  {PROG} compare --city seattle    pay in one city\n"
        f"  {PROG} rank --json | jq '.[0]'   the data, for scripts"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _say(message: str) -> None:
    sys.stderr.write(f"{PROG}: {message}\n")


def _report_error(error: MlcareersError) -> None:
    _say(f"error: {error}")
    if isinstance(error, CatalogueError):
        for problem in error.problems:
            sys.stderr.write(f"  {problem}\n")
    if isinstance(error, NotFoundError) and error.kind in HINTS:
        sys.stderr.write(f"{HINTS[error.kind]}\n")


def silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit


def _catalogue(ctx: typer.Context) -> Catalogue:
    from mlcareers.catalogue import load

    path = ctx.find_root().obj
    return load(path if isinstance(path, str) and path else None)


def _complete_with(kind: str) -> Any:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from mlcareers.catalogue import load

        try:
            catalogue = load(ctx.find_root().params.get("catalogue") or None)
        except MlcareersError:
            return []
        items = catalogue.roles if kind == "role" else catalogue.cities
        return [item.slug for item in items if item.slug.startswith(incomplete.casefold())]

    return complete


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


def _emit(report: Report, fmt: Format | None, as_json: bool) -> None:
    from mlcareers.render import render

    if as_json and fmt not in (None, Format.json):
        raise typer.BadParameter(f"--json contradicts --format {fmt}; give one of them")
    render(report, Format.json if as_json else fmt or Format.table, sys.stdout)


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    catalogue: Annotated[
        str | None,
        typer.Option(
            "--catalogue",
            metavar="FILE",
            envvar="MLCAREERS_CATALOGUE",
            help="Read roles from this catalogue file instead of the packaged one.",
            show_envvar=True,
        ),
    ] = None,
) -> None:
    """Explore machine-learning careers from the terminal."""
    ctx.obj = catalogue


@app.command()
def rank(
    ctx: typer.Context,
    by: Annotated[
        RankBy, typer.Option("--by", help="The pay figure to rank by.", case_sensitive=False)
    ] = RankBy.median,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, metavar="N", help="Show only the top N roles."),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Rank the roles by pay, best paid first.

    Salaries are US annual base pay; hourly rates are freelance rates. The bar draws each
    role's low, median and high on one scale.

    \b
    Examples:
      mlcareers rank
      mlcareers rank --by hourly --limit 3
      mlcareers rank --json | jq -r '.[] | "\\(.title): \\(.salary.median)"'
    """
    from mlcareers.ranking import rank as rank_roles
    from mlcareers.views import rank_report

    catalogue = _catalogue(ctx)
    ranked = rank_roles(catalogue.roles, by, limit)
    _emit(rank_report(catalogue, ranked, by), fmt, as_json)


@app.command()
def show(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            metavar="ROLE",
            help="Slug, alias or title, in any case: mlops, 'MLOps engineer', ml-engineer.",
            autocompletion=_complete_with("role"),
            show_default=False,
        ),
    ],
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Show one role in full.

    Pay with its range bar, the work, skills and tools, the backgrounds people come from,
    where the role is applied and where it sits on the career ladder.

    \b
    Examples:
      mlcareers show mlops
      mlcareers show "computer vision engineer"
      mlcareers show ds --json | jq .skills
    """
    from mlcareers.catalogue import find_role
    from mlcareers.views import show_report

    catalogue = _catalogue(ctx)
    _emit(show_report(catalogue, find_role(catalogue, role)), fmt, as_json)


@app.command()
def compare(
    ctx: typer.Context,
    city: Annotated[
        list[str] | None,
        typer.Option(
            "--city",
            "-c",
            metavar="CITY",
            help="A city (repeatable): seattle, 'New York', nyc, 'Santa Clara, CA'. Default: all.",
            autocompletion=_complete_with("city"),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Compare annual pay by city.

    The source publishes city salaries for one role. Each city's uplift is that role's city
    midpoint over its national midpoint; every other role's city range is its national range
    times the uplift, rounded to $1,000, and marked as estimated.

    \b
    Examples:
      mlcareers compare
      mlcareers compare --city seattle --city nyc
      mlcareers compare --city seattle --json | jq '.[] | select(.estimated | not)'
    """
    from mlcareers.catalogue import find_city
    from mlcareers.cities import city_pay
    from mlcareers.views import compare_report

    catalogue = _catalogue(ctx)
    names = city or [each.slug for each in catalogue.cities]
    if not names:
        raise CatalogueError("the catalogue has no city figures")
    chosen = list(dict.fromkeys(find_city(catalogue, name) for name in names))
    _emit(compare_report(catalogue, city_pay(catalogue, chosen)), fmt, as_json)


@app.command()
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


@app.command()
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
