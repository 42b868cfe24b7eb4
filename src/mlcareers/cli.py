"""The command line: parse, call a query, render; domain errors become one line and an exit code.

Each command lives in commands_pay or commands_career; this module builds the app around them.
"""

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mlcareers import __version__, commands_career, commands_pay
from mlcareers.errors import CatalogueError, MlcareersError, NotFoundError

PROG = "mlcareers"
DEBUG_VARIABLE = "MLCAREERS_DEBUG"
HINTS = {
    "role": f"Run '{PROG} rank' to list the roles.",
    "city": f"Run '{PROG} compare' to list the cities.",
    "skill": f"Run '{PROG} skills' to list the skills.",
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
        "Explore machine-learning careers: which roles pay most, what a role involves, what "
        "it pays by city, how your skills fit and where a path leads, from one public 2026 "
        "salary guide.\n\n"
        "\b\nExamples:\n"
        f"  {PROG} rank                           roles by median salary\n"
        f"  {PROG} show mlops                     one role in full\n"
        f"  {PROG} compare --city seattle         pay in one city\n"
        f"  {PROG} match --have python,docker     how your skills fit\n"
        f"  {PROG} rank --json | jq '.[0]'        the data, for scripts"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for command in (
    commands_pay.rank,
    commands_pay.show,
    commands_pay.compare,
    commands_career.skills,
    commands_career.match,
    commands_career.path,
    commands_career.learn,
    commands_career.outlook,
    commands_career.faq,
    commands_pay.convert,
    commands_career.sources,
    commands_career.validate,
    commands_career.schema,
):
    app.command()(command)


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


@app.callback()
def root(
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
