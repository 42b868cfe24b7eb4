"""What the commands share beyond the output options: the catalogue this run reads, shell
completion of its names, the --city option, and warnings on stderr.

Each command that prints data builds its report in a function of its options and a `Run`
(`build_rank(run, by, skill)`), which the command calls and emits: the MCP server calls the
same functions with its own `Run`, so a tool answers what the command prints.

Commands import the rest of mlcareers when they run, so that `--help` and each command load
no more than they need: start-up time is most of what a command costs (see bench/).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from mlcareers.errors import MlcareersError

if TYPE_CHECKING:
    from mlcareers.models import Catalogue
    from mlcareers.official.access import Official


@functools.cache
def _load(path: str | None) -> Catalogue:
    """Loaded once a run, and kept alive to the frozen exit: freeing it is work for nothing."""
    from mlcareers.catalogue import load

    return load(path)


def warn(message: str) -> None:
    """A warning on stderr, which never mixes with the data on stdout."""
    from mlcareers.clean import clean

    sys.stderr.write(f"mlcareers: warning: {clean(message)}\n")


class Run(NamedTuple):
    """What a command's report needs besides its own options: the catalogue file it reads
    (None: the packaged one), where its warnings go, and how many records will be shown."""

    catalogue_path: str | None = None
    warn: Callable[[str], None] = warn
    limit: int | None = None

    def catalogue(self) -> Catalogue:
        """The catalogue, loaded once a process; UsageError when the path given is empty."""
        if self.catalogue_path == "":
            from mlcareers.errors import UsageError

            raise UsageError(
                "--catalogue (or MLCAREERS_CATALOGUE) is empty: name a catalogue file, or leave "
                "it out to use the packaged one"
            )
        return _load(self.catalogue_path)


def run_of(ctx: typer.Context, limit: int | None = None) -> Run:
    """This run as the command line gives it: --catalogue or MLCAREERS_CATALOGUE, warnings on
    stderr, and --limit."""
    path = ctx.find_root().params.get("catalogue")
    return Run(path if isinstance(path, str) else None, warn, limit)


def catalogue_of(ctx: typer.Context) -> Catalogue:
    """The catalogue this run reads: --catalogue, MLCAREERS_CATALOGUE, or the packaged one."""
    return run_of(ctx).catalogue()


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
        if kind in {"skill", "role or skill"}:
            from mlcareers.skills import skill_names

            names = skill_names(catalogue)
            if kind == "role or skill":
                names = [role.slug for role in catalogue.roles] + names
        elif kind == "city":
            names = [city.slug for city in catalogue.cities] + _stored_places()
        else:
            names = [role.slug for role in catalogue.roles]
        return candidates(names, incomplete)

    return complete


def _stored_places() -> list[str]:
    """The stored areas' titles and codes, for completion; none when the store cannot say."""
    from mlcareers.official.access import read_store

    official = read_store(lambda _: None)
    return [name for area in official.areas() for name in (area.title, area.code)]


CityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--city",
        "-c",
        metavar="CITY",
        help=(
            "A place (repeatable): an article city (seattle, nyc), or any imported area by "
            "code, name, 'City, ST' or state (12420, austin, 'Austin, TX', texas)."
        ),
        autocompletion=completer("city"),
        show_default=False,
    ),
]


def role_argument(help_text: str) -> Any:
    """The ROLE positional argument, completed from the catalogue's role slugs."""
    return typer.Argument(
        metavar="ROLE", help=help_text, autocompletion=completer("role"), show_default=False
    )


def skills_option(flag: str, short: str | None, help_text: str) -> Any:
    """An option that takes skill names (commas, repeats or both), completed from the
    catalogue's skills."""
    names = (flag, short) if short else (flag,)
    return typer.Option(
        *names,
        metavar="SKILL[,SKILL...]",
        help=help_text,
        autocompletion=completer("skill"),
        show_default=False,
    )


def read_official(told: Callable[[str], None] = warn) -> Official:
    """The official store for a command that answers from the article without it: one that
    cannot be read is said once, through `told` (a warning on stderr, or a tool's answer).
    No store costs two stat calls, no sqlite3."""
    from mlcareers.official.access import read_store

    official = read_store(told)
    if official.problem:
        told(official.problem)
    return official
