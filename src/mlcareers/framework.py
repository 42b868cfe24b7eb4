"""The pieces of typer, and of the click it vendors (`typer._click`), that mlcareers relies on
beyond typer's public API: each here, once, with the reason it is needed.

typer's range is pinned in pyproject.toml; tests/test_framework.py fails with a message
naming the piece when a typer release moves or changes one of them. Everything else uses
typer's public API (`typer.Typer`, `typer.Option`, `typer.main.get_command`, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# click's own error classes: typer exports none of them, and the one-line error style
# ("mlcareers: error: ...", exit 2) needs to tell a usage error from the others.
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

# The base of the lazy command group and of a plain argument: typer passes `cls=` a
# TyperGroup subclass, and builds every argument as a TyperArgument.
from typer.core import TyperArgument, TyperGroup

if TYPE_CHECKING:
    from typer._click import Command
    from typer._click.shell_completion import ShellComplete

__all__ = [
    "ClickException",
    "Command",
    "NoArgsIsHelpError",
    "TyperArgument",
    "TyperGroup",
    "UsageError",
    "shell_complete_base",
    "split_arg_string",
]

SHELL_COMPLETION_HOOK = "_main_shell_completion"
"""The method of TyperGroup that answers a completion request (click's name for it). Our
group overrides it: typer's own answer puts catalogue names into shell code unquoted
(see completion.py). There is no public hook for this."""

PLAIN_ARGUMENT_HOOKS = ("display_type_rich", "get_usage_pieces")
"""The TyperArgument methods our plain argument overrides: typer adds a Python type to an
argument's help ("ROLE <list[str]>") and braces to a required one's usage ("{ROLE}")."""


def split_arg_string(text: str) -> list[str]:
    """click's splitting of a command line into words, as its completion does it; imported
    only when a shell asks for completion."""
    from typer._click.shell_completion import split_arg_string as split  # noqa: PLC0415

    return split(text)


def shell_complete_base() -> type[ShellComplete]:
    """click's ShellComplete, the base of our inert completion classes: typer's own classes
    emit help text and unquoted values, and there is no public base to build on."""
    from typer._click.shell_completion import ShellComplete  # noqa: PLC0415

    return ShellComplete
