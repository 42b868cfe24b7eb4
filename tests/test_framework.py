"""The pieces of typer that mlcareers relies on beyond its public API (see framework.py):
each test fails with a message naming the piece when a typer release changes it."""

from __future__ import annotations

import inspect
from importlib import import_module
from importlib.metadata import version

import pytest
import typer

from mlcareers import framework
from mlcareers.cli import app
from mlcareers.commands.registry import COMMANDS

CHANGED = "typer {version} changed {piece}, which src/mlcareers/framework.py relies on: {why}"


def _changed(piece: str, why: str) -> str:
    return CHANGED.format(version=version("typer"), piece=piece, why=why)


def test_typer_is_in_the_tested_range() -> None:
    major, minor, *_ = (int(part) for part in version("typer").split(".")[:2])
    assert (major, minor) == (0, 29), _changed("its version", "pyproject.toml pins >=0.29,<0.30")


@pytest.mark.parametrize("name", ["ClickException", "NoArgsIsHelpError", "UsageError"])
def test_click_errors_are_classes_with_a_message_and_an_exit_code(name: str) -> None:
    error = getattr(framework, name)
    assert inspect.isclass(error), _changed(name, "it is no longer a class")
    assert issubclass(error, Exception), _changed(name, "it is no longer an exception")
    assert hasattr(error, "exit_code"), _changed(name, "it has no exit_code")
    assert callable(getattr(error, "format_message", None)), _changed(name, "no format_message")


def test_the_shell_completion_hook_takes_what_we_pass() -> None:
    hook = getattr(framework.TyperGroup, framework.SHELL_COMPLETION_HOOK, None)
    assert hook is not None, _changed("TyperGroup._main_shell_completion", "it is gone")
    parameters = list(inspect.signature(hook).parameters)
    assert parameters == ["self", "ctx_args", "prog_name", "complete_var"], _changed(
        "TyperGroup._main_shell_completion", f"its parameters are now {parameters}"
    )


@pytest.mark.parametrize("name", framework.PLAIN_ARGUMENT_HOOKS)
def test_the_argument_methods_we_override_exist(name: str) -> None:
    assert callable(getattr(framework.TyperArgument, name, None)), _changed(
        f"TyperArgument.{name}", "it is gone, so typer's own help would show"
    )


def test_completion_pieces_exist() -> None:
    assert framework.split_arg_string("a 'b c'") == ["a", "b c"], _changed(
        "split_arg_string", "it splits a command line differently"
    )
    base = framework.shell_complete_base()
    for method in ("source_vars", "get_completion_args", "format_completion", "get_completions"):
        assert callable(getattr(base, method, None)), _changed(f"ShellComplete.{method}", "gone")


def test_registered_commands_are_typers_public_shape() -> None:
    """Each command module registers on a typer.Typer; the registry reads `registered_commands`."""
    for name, spec in COMMANDS.items():
        registered = import_module(spec.module).app
        assert isinstance(registered, typer.Typer), f"{spec.module}.app is not a typer.Typer"
        if not spec.group:
            names = [info.name for info in registered.registered_commands]
            assert name in names, f"{name} is not registered in {spec.module}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_whose_first_line_is_the_summary(name: str) -> None:
    """--help lists the registry's summaries without building a command: each must be the
    first line of the command's own help, beside it in its module."""
    from typer.main import get_command

    built = get_command(app).get_command(None, name)  # type: ignore[attr-defined]
    assert built is not None
    first = inspect.cleandoc(built.help or "").split("\n\n")[0].replace("\n", " ")
    assert first == COMMANDS[name].summary
