"""The command line: parse, call a query, render; domain errors become one line and an exit code.

Each command lives in commands_pay, commands_career or commands_official; this module builds
the app around them. The group is lazy (click's documented pattern: get_command and
list_commands build a command when it is asked for), so a run builds and imports only the
command it runs, and --help lists the commands from COMMANDS below without building any.
Every help text is written out here rather than read from a docstring: under `python -OO`
docstrings vanish.
"""

import errno
import os
import sys
from difflib import get_close_matches
from importlib import import_module
from importlib.util import find_spec
from inspect import cleandoc
from typing import Annotated, Any, NamedTuple, NoReturn

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.utils import make_default_short_help
from typer.core import TyperArgument, TyperGroup
from typer.main import get_command_from_info, get_group
from typer.models import CommandInfo

from mlcareers import __version__, completion
from mlcareers.errors import CatalogueError, MlcareersError, NotFoundError

PROG = "mlcareers"
DEBUG_VARIABLE = "MLCAREERS_DEBUG"
HINTS = {
    "role": f"('{PROG} rank' lists the roles)",
    "city": f"('{PROG} compare' lists the cities)",
    "skill": f"('{PROG} skills' lists the skills)",
}


class Group(TyperGroup):
    """The command group, turning every failure inside a command into a plain message."""

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        # typer's own answer puts catalogue names into shell code unquoted: see completion.py
        completion.respond(self, ctx_args, prog_name, complete_var)

    def list_commands(self, ctx: Any) -> list[str]:
        return [name for name, spec in COMMANDS.items() if _available(spec)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        built = self.commands.get(cmd_name)
        spec = COMMANDS.get(cmd_name)
        if built is None and spec is not None and _available(spec):
            built = self.commands[cmd_name] = _build(cmd_name, spec)
        return built

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return self._click_resolve_command(ctx, args)
        except UsageError as error:
            close = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if close:
                suggestions = ", ".join(repr(name) for name in close)
                error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands under their panels' headings, drawn from COMMANDS: none is built."""
        names = self.list_commands(ctx)
        width = max(map(len, names))  # one width for every panel, so that they line up
        limit = 200  # the first sentence whole: write_dl wraps it, never cuts it
        for panel in PANELS:
            rows = [
                (name.ljust(width), make_default_short_help(cleandoc(COMMANDS[name].help), limit))
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
        except ClickUsageError as error:
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


class Spec(NamedTuple):
    """Where a command lives and how --help lists it; `help` is ignored for a sub-group,
    whose own Typer carries its help, but still gives its line in the list."""

    module: str
    attribute: str
    panel: str
    help: str


def _available(spec: Spec) -> bool:
    """Whether a command's module is there (commands_official may not be, in a partial build)."""
    return spec.module in sys.modules or find_spec(spec.module) is not None


def _build(name: str, spec: Spec) -> Any:
    target = getattr(import_module(spec.module), spec.attribute)
    if isinstance(target, typer.Typer):
        group = get_group(target)
        group.name = name
        group.rich_help_panel = spec.panel
        for command in group.commands.values():
            _untyped(command)
        return group
    info = CommandInfo(name=name, callback=target, help=spec.help, rich_help_panel=spec.panel)
    built = get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)
    return _untyped(built)


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

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


# The commands' help: the first line is the one --help lists.

RANK_HELP = """Rank the roles by pay, best paid first.

    Salaries are US annual base pay, national; hourly rates are freelance rates on Upwork.
    The bar draws each role's low, median and high on one scale. --by hourly adds what the
    freelance range would come to if billed 2,080 hours a year: derived, and not a salary.
    --skill keeps the roles that ask for every skill given (commas or repeats); a skill
    that is one of a group's alternatives (azure for a cloud platform) counts.

    \b
    Examples:
      mlcareers rank
      mlcareers rank --by hourly --limit 3
      mlcareers rank --skill pytorch --skill tensorflow
      mlcareers rank --skill azure,python
      mlcareers rank --json | jq -r '.[] | "\\(.title): \\(.salary.median)"'
    """

SHOW_HELP = """Show one role in full.

    National pay with its range bar, freelance rates, demand, the work, skills and tools
    (groups of alternatives spelled out), backgrounds, where it is applied, where it sits
    on the career ladder, and its official occupation with any imported official figures.
    --city says what the source gives for a city, and plainly when it has nothing for the
    role there.

    \b
    Examples:
      mlcareers show mlops
      mlcareers show mlops --city seattle
      mlcareers show "computer vision engineer"
      mlcareers show ds --json | jq .skills
    """

COMPARE_HELP = """Compare pay by city, or roles side by side.

    With no ROLE and no --city: each city's range as the source gives it, whose pay it is
    (one role, or ML pay in general), and that role's national base salary range.

    With --city: every role (or each ROLE given) beside the city's figure: the role's
    national range, and its own city range only where the source gives one. Nothing is
    estimated: where the source has no city figure for a role, it says so.

    With two or more ROLEs and no --city: their pay side by side, the difference in median
    to the first, and what only one of them asks for.

    \b
    Examples:
      mlcareers compare
      mlcareers compare --city seattle
      mlcareers compare mlops --city seattle
      mlcareers compare mlops ds cv
      mlcareers compare --city nyc --json | jq '.[].city_figure'
    """

CONVERT_HELP = """Convert an hourly rate to annual pay, or annual pay to an hourly rate.

    The basis is stated with the result: 2,080 hours a year (40 a week for 52 weeks) unless
    --hours says otherwise. The converted figure is derived, and marked so.

    \b
    Examples:
      mlcareers convert 130599 --per year
      mlcareers convert 67 --per hour
      mlcareers convert 67 --per hour --hours 1800 --json
    """

SKILLS_HELP = """List the skills and tools the roles ask for, most-demanded first.

    A skill with alternatives (a cloud platform: AWS, GCP or Azure) is one requirement, met
    by any one of them. Skills the source names that no role lists come last.

    \b
    Examples:
      mlcareers skills
      mlcareers skills mlops
      mlcareers skills --json | jq -r '.[] | select(.count > 1) | .skill'
    """

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

LEARN_HELP = """Ways in: education, certifications, entry jobs, time to entry, skills and tips.

    \b
    Examples:
      mlcareers learn
      mlcareers learn --json | jq -r '.[] | select(.kind == "certification") | .name'
    """

OUTLOOK_HELP = """Show where ML is growing: industries, uses, growth by role, remote work.

    \b
    Examples:
      mlcareers outlook
      mlcareers outlook --json | jq -r '.[] | select(.kind == "growth") | .name'
    """

FAQ_HELP = """Answer the questions people ask about ML careers, all or those matching TERM.

    \b
    Examples:
      mlcareers faq
      mlcareers faq degree
      mlcareers faq remote --json | jq -r '.[].answer'
    """

SOURCES_HELP = """Say where every kind of figure comes from, which are derived, and how.

    \b
    Examples:
      mlcareers sources
      mlcareers sources --json | jq '.figures[] | select(.derived)'
    """

VALIDATE_HELP = """Check a catalogue file against the catalogue's rules.

    Prints a one-line summary and exits 0 when the file is valid; otherwise exits 1 with one
    line per problem on stderr, each naming where it is (roles[2].salary: ...).

    \b
    Examples:
      mlcareers validate my-roles.json
      mlcareers schema > catalogue.schema.json    # for your editor's help
    """

SCHEMA_HELP = """Print the JSON Schema of a catalogue file.

    Point your editor at it to get completion and checking while you write a catalogue.

    \b
    Examples:
      mlcareers schema > catalogue.schema.json
      mlcareers schema | jq '.properties | keys'
    """

OFFICIAL_HELP = """Official wage statistics (BLS OEWS): import, list or clear them."""

PAY, CAREER, CATALOGUE = "Pay", "Career planning", "Catalogue"
PANELS = (PAY, CAREER, CATALOGUE)
_PAY = "mlcareers.commands_pay"
_CAREER = "mlcareers.commands_career"
COMMANDS = {
    "rank": Spec(_PAY, "rank", PAY, RANK_HELP),
    "show": Spec(_PAY, "show", PAY, SHOW_HELP),
    "compare": Spec(_PAY, "compare", PAY, COMPARE_HELP),
    "convert": Spec(_PAY, "convert", PAY, CONVERT_HELP),
    "skills": Spec(_CAREER, "skills", CAREER, SKILLS_HELP),
    "match": Spec(_CAREER, "match", CAREER, MATCH_HELP),
    "path": Spec(_CAREER, "path", CAREER, PATH_HELP),
    "learn": Spec(_CAREER, "learn", CAREER, LEARN_HELP),
    "outlook": Spec(_CAREER, "outlook", CAREER, OUTLOOK_HELP),
    "faq": Spec(_CAREER, "faq", CAREER, FAQ_HELP),
    "official": Spec("mlcareers.commands_official", "official_app", CATALOGUE, OFFICIAL_HELP),
    "sources": Spec(_CAREER, "sources", CATALOGUE, SOURCES_HELP),
    "validate": Spec(_CAREER, "validate", CATALOGUE, VALIDATE_HELP),
    "schema": Spec(_CAREER, "schema", CATALOGUE, SCHEMA_HELP),
}
"""Every command, in the order --help lists them under each panel."""
