"""The command line: the app built from the registry; domain errors become one line and an
exit code.

Each command lives in a module of mlcareers.commands, registered there with its help (written
out, not read from a docstring: under `python -OO` docstrings vanish). The group is lazy
(click's documented pattern: get_command and list_commands build a command when it is asked
for), so a run builds and imports only the command it runs, and --help lists the commands
from the registry without building any. What this relies on beyond typer's public API is in
framework.py.
"""

import errno
import os
import sys
from difflib import get_close_matches
from importlib import import_module
from typing import Annotated, Any, NoReturn

import typer

from mlcareers import __version__, completion
from mlcareers.commands.registry import COMMANDS, PANELS, Spec
from mlcareers.errors import CatalogueError, MlcareersError, NotFoundError
from mlcareers.framework import (
    ClickException,
    NoArgsIsHelpError,
    TyperArgument,
    TyperGroup,
    UsageError,
)

PROG = "mlcareers"
DEBUG_VARIABLE = "MLCAREERS_DEBUG"
HINTS = {
    "role": f"('{PROG} rank' lists the roles)",
    "city": f"('{PROG} compare' lists the cities)",
    "place": f"('{PROG} compare' lists the article's cities, '{PROG} official areas' the others)",
    "skill": f"('{PROG} skills' lists the skills)",
    "role or skill": f"('{PROG} rank' lists the roles, '{PROG} skills' the skills)",
}


class Group(TyperGroup):
    """The command group, turning every failure inside a command into a plain message."""

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        # typer's own answer puts catalogue names into shell code unquoted: see completion.py
        completion.respond(self, ctx_args, prog_name, complete_var)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        built = self.commands.get(cmd_name)
        spec = COMMANDS.get(cmd_name)
        if built is None and spec is not None:
            built = self.commands[cmd_name] = _build(cmd_name, spec)
        return built

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            close = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if close and "Did you mean" not in error.message:
                suggestions = ", ".join(repr(name) for name in close)
                error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands under their panels' headings, drawn from the registry: none is built."""
        names = self.list_commands(ctx)
        width = max(map(len, names))  # one width for every panel, so that they line up
        for panel in PANELS:
            rows = [
                (name.ljust(width), COMMANDS[name].summary)
                for name in names
                if COMMANDS[name].panel == panel
            ]
            with formatter.section(panel):
                formatter.write_dl(rows)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's errors in the tool's one-line style: "mlcareers: error: ...", exit 2."""
        kwargs["standalone_mode"] = False
        given = kwargs.get("args")
        if given is None:
            given, args = (args[0], args[1:]) if args else (sys.argv[1:], ())
        kwargs["args"] = _catalogue_first(list(given))
        try:
            result = super().main(*args, **kwargs)
        except NoArgsIsHelpError as error:  # `mlcareers` alone: the help, and exit 2
            error.show()
            sys.exit(error.exit_code)
        except UsageError as error:
            where = error.ctx.command_path if error.ctx is not None else PROG
            message = error.format_message().rstrip(".").replace("Value error, ", "")
            _say(f"error: {message[:1].lower()}{message[1:]} (see '{where} --help')")
            sys.exit(error.exit_code)
        except ClickException as error:
            _say(f"error: {error.format_message()}")
            sys.exit(error.exit_code)
        except typer.Abort:
            _say("aborted")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

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
        except OSError as error:
            if error.errno in OUTPUT_ERRORS:
                raise  # the console script says "cannot write output" and exits 1
            _internal(error)
        except Exception as error:
            _internal(error)


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
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _catalogue_first(args: list[str]) -> list[str]:
    """`--catalogue FILE` is the group's option, and also works after the command name: it is
    moved to the front (never past a `--`, after which everything is an argument)."""
    end = args.index("--") if "--" in args else len(args)
    moved: list[str] = []
    rest: list[str] = []
    index = 0
    while index < end:
        word = args[index]
        if word == "--catalogue" and index + 1 < end and index > 0:
            moved += args[index : index + 2]
            index += 2
            continue
        if word.startswith("--catalogue=") and index > 0:
            moved.append(word)
        else:
            rest.append(word)
        index += 1
    return [*moved, *rest, *args[end:]]


OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT})
"""Errors of writing the output, which end a run with "cannot write output", not a bug report."""


def _internal(error: Exception) -> NoReturn:
    if os.environ.get(DEBUG_VARIABLE):
        raise error
    _say(
        f"internal error ({type(error).__name__}). This is a bug in {PROG} "
        f"{__version__}: please report it with the command you ran "
        f"(set {DEBUG_VARIABLE}=1 to see the traceback)."
    )
    raise typer.Exit(1) from None


def _say(message: str) -> None:
    from mlcareers.clean import clean  # noqa: PLC0415 -- errors only

    sys.stderr.write(f"{PROG}: {clean(message)}\n")


def _report_error(error: MlcareersError) -> None:
    hint = HINTS.get(error.kind, "") if isinstance(error, NotFoundError) else ""
    _say(f"error: {error}{' ' + hint if hint else ''}")
    if isinstance(error, CatalogueError):
        from mlcareers.clean import clean  # noqa: PLC0415 -- errors only

        for problem in error.problems:
            sys.stderr.write(f"  {clean(problem)}\n")


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
    show_completion: completion.ShowCompletionOption = None,
    install_completion: completion.InstallCompletionOption = None,
) -> None:
    """Explore machine-learning careers from the terminal."""


def _build(name: str, spec: Spec) -> Any:
    """The command `name`, built from the `app` its module registers it on."""
    from typer.main import get_command  # noqa: PLC0415 -- typer's documented way to a command

    registered = import_module(spec.module).app
    if not spec.group:
        # One command of the module's app, built alone: its siblings are not built.
        registered = typer.Typer(rich_markup_mode=None, add_completion=False)
        registered.registered_commands = [
            info for info in import_module(spec.module).app.registered_commands if info.name == name
        ]
    built = get_command(registered)
    built.name = name
    commands = getattr(built, "commands", {name: built}).values()
    for command in commands:
        _untyped(command)
    return built


def _untyped(command: Any) -> Any:
    """Arguments in the tool's words: typer adds a Python type to an argument's help
    ("ROLE <list[str]>") and braces to a required one's usage ("{ROLE}")."""
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = PlainArgument
    return command


class PlainArgument(TyperArgument):
    """An argument whose metavar and help say what a value is; no type, no braces."""

    def display_type_rich(self, ctx: Any) -> None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return [name + ("..." if self.nargs != 1 else "")]
