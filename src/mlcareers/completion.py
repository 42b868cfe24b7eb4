"""Shell completion that offers only inert candidates, in bash, zsh, fish and PowerShell.

A catalogue is outside input, so its names never reach a shell as they are: a candidate is a
name's slug form (lower-case ASCII letters and digits joined by hyphens), offered only when it
folds back to the same name, so the command accepts it. Every line sent to a shell is checked
once more against a short list of characters that no shell expands, and carries no help text.
The scripts read candidates line by line and never evaluate them.

A completion request is a run with `_MLCAREERS_COMPLETE` set to `<shell>_complete` (the
candidates) or `<shell>_source` (the script). A malformed request ends with one line on
stderr and exit status 2, the usage-error status; the scripts send no such request.

Cheap to import: the catalogue and the completion machinery load only when a shell asks.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from mlcareers.framework import Command

USAGE_ERROR = 2
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
WORDS = "COMP_WORDS"
CWORD = "COMP_CWORD"
LINE = "COMP_LINE"
WORD = "COMP_WORD"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_INERT = re.compile(r"-{0,2}[A-Za-z0-9][A-Za-z0-9_.,-]*")
"""What may reach a shell: no quote, space, `$`, backslash, glob, brace, `~` or separator."""
_LIST_HEAD = re.compile(r"[A-Za-z0-9_.,-]*")
_SHOWN = re.compile(r"[A-Za-z0-9_.-]{1,40}")

_BASH = r"""
%(func)s() {
    local IFS=$'\n'
    local -a candidates
    mapfile -t candidates < <(env %(words)s="${COMP_WORDS[*]}" %(cword)s="$COMP_CWORD" \
        %(var)s=bash_complete "$1")
    COMPREPLY=("${candidates[@]}")
    return 0
}

complete -o default -F %(func)s %(prog)s
"""

_ZSH = r"""
#compdef %(prog)s

%(func)s() {
    local -a candidates
    candidates=("${(@f)$(env %(words)s="${words[1,$CURRENT]}" %(cword)s=$((CURRENT - 1)) \
        %(var)s=zsh_complete %(prog)s)}")
    candidates=("${(@)candidates:#}")
    if (( ${#candidates} )); then
        compadd -a candidates
    else
        _files
    fi
}

if [[ ${funcstack[1]-} == _%(prog)s ]]; then
    %(func)s "$@"
else
    compdef %(func)s %(prog)s
fi
"""

_FISH = r"""
function %(func)s
    env %(var)s=fish_complete %(line)s=(commandline -cp | string collect) %(prog)s
end

function %(func)s_any
    set -l candidates (%(func)s)
    test (count $candidates) -gt 0
end

complete --command %(prog)s --no-files --condition %(func)s_any --arguments '(%(func)s)'
"""

_POWERSHELL = r"""
Register-ArgumentCompleter -Native -CommandName %(prog)s -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $Env:%(var)s = "powershell_complete"
    $Env:%(line)s = $commandAst.ToString()
    $Env:%(word)s = $wordToComplete
    try {
        %(prog)s | ForEach-Object {
            [System.Management.Automation.CompletionResult]::new(
                $_, $_, 'ParameterValue', $_)
        }
    } finally {
        Remove-Item Env:%(var)s, Env:%(line)s, Env:%(word)s -ErrorAction SilentlyContinue
    }
}
"""

_SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH, "powershell": _POWERSHELL}


class RequestError(Exception):
    """A completion request or option the command cannot answer: one line, exit status 2."""


def slug_form(name: str) -> str | None:
    """The slug that names `name` (Scikit-learn: scikit-learn), or None if there is none."""
    from mlcareers.models import fold  # noqa: PLC0415 -- only completion needs the catalogue

    folded = fold(name)
    slug = folded.replace(" ", "-")
    if _SLUG.fullmatch(slug) and fold(slug) == folded:
        return slug
    return None


def candidates(names: Iterable[str], incomplete: str) -> list[str]:
    """The slug forms of `names` that start the word being completed, each once, in order.

    After a comma the last item of the list completes (`python,do` -> `python,docker`), so long
    as what comes before it is itself inert.
    """
    head, comma, last = incomplete.rpartition(",")
    if comma and not _LIST_HEAD.fullmatch(head):
        return []
    found: dict[str, None] = {}
    for name in names:
        slug = slug_form(name)
        if slug is not None and slug.startswith(last):
            found.setdefault(f"{head}{comma}{slug}")
    return list(found)


def script(shell: str, prog: str = "mlcareers") -> str:
    """The completion script for `shell`, which reads candidates as lines and never runs them."""
    name = "powershell" if shell == "pwsh" else shell
    if name not in _SCRIPTS:
        raise RequestError(f"{_shown(shell)} is not a shell mlcareers completes for; {_choices()}")
    func = "_" + re.sub(r"\W", "", prog.replace("-", "_"), flags=re.ASCII) + "_completion"
    values = {
        "func": func,
        "prog": prog,
        "var": variable(prog),
        "words": WORDS,
        "cword": CWORD,
        "line": LINE,
        "word": WORD,
    }
    return (_SCRIPTS[name] % values).strip() + "\n"


def variable(prog: str) -> str:
    """The environment variable that asks `prog` to complete: _MLCAREERS_COMPLETE."""
    return f"_{prog}_COMPLETE".replace("-", "_").upper()


def respond(
    command: Command,
    ctx_args: MutableMapping[str, Any],
    prog: str,
    complete_var: str | None = None,
) -> None:
    """Answer a shell's completion request and exit, or return if this run is not one."""
    instruction = os.environ.get(complete_var or variable(prog))
    if not instruction:
        return
    try:
        output = _answer(command, ctx_args, prog, instruction)
    except RequestError as error:
        sys.stderr.write(f"{prog}: error: {error}\n")
        sys.exit(USAGE_ERROR)
    sys.stdout.write(output)
    sys.stdout.flush()
    sys.exit(0)


def _answer(
    command: Command, ctx_args: MutableMapping[str, Any], prog: str, instruction: str
) -> str:
    shell, _, action = instruction.partition("_")
    if shell not in SHELLS or action not in ("complete", "source"):
        raise RequestError(
            f"{variable(prog)} must be <shell>_complete or <shell>_source, with <shell> one "
            f"of {', '.join(SHELLS[:-1])}; an older completion script may be installed: "
            f"reinstall it with '{prog} --install-completion SHELL'"
        )
    if action == "source":
        return script(shell, prog)
    args, incomplete = _request(shell)
    values = _complete(command, ctx_args, prog, args, incomplete)
    return "".join(f"{_quoted(shell, value)}\n" for value in values)


def _request(shell: str) -> tuple[list[str], str]:
    """The words before the one being completed, and that word so far, as the script sent them."""
    from mlcareers.framework import split_arg_string  # noqa: PLC0415 -- see above

    if shell in ("bash", "zsh"):
        words = split_arg_string(_required(WORDS))
        index = _required(CWORD)
        if not index.isascii() or not index.isdigit():
            raise RequestError(f"{CWORD} must be a whole number, the index of the word to complete")
        cword = int(index)
        return words[1:cword], words[cword] if cword < len(words) else ""
    line = _required(LINE)
    words = split_arg_string(line)
    if shell == "fish":
        if words and not line.endswith(" "):
            return words[1:-1], words[-1]
        return words[1:], ""
    incomplete = os.environ.get(WORD, "")
    return (words[1:-1] if incomplete else words[1:]), incomplete


def _required(name: str) -> str:
    value = os.environ.get(name)
    if value is None:
        raise RequestError(f"a completion request needs {name} set")
    return value


def _complete(
    command: Command,
    ctx_args: MutableMapping[str, Any],
    prog: str,
    args: list[str],
    incomplete: str,
) -> list[str]:
    """Candidates for the word being completed; a file name is left to the shell."""
    import contextlib  # noqa: PLC0415 -- only a completion request needs these
    import io  # noqa: PLC0415

    from mlcareers.framework import shell_complete_base  # noqa: PLC0415

    class Completion(shell_complete_base()):  # type: ignore[misc]
        """Click's search for what the word completes to, without its output formats."""

        source_template = ""

        def source_vars(self) -> dict[str, Any]:
            return {}

        def get_completion_args(self) -> tuple[list[str], str]:
            return args, incomplete

        def format_completion(self, item: Any) -> str:
            return str(item.value)

    # Eager options such as --version print while the line is parsed: that text is no candidate.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            items = Completion(command, ctx_args, prog, variable(prog)).get_completions(
                args, incomplete
            )
        except Exception:
            if os.environ.get("MLCAREERS_DEBUG"):
                raise
            return []  # a shell has no use for an error mid-word: offer nothing, files follow
    values = (str(item.value) for item in items if item.type == "plain")
    return [value for value in values if _INERT.fullmatch(value)]


def _quoted(shell: str, value: str) -> str:
    """`value` as the shell should insert it; only PowerShell reads a comma as an operator."""
    if shell in ("powershell", "pwsh") and "," in value:
        return f"'{value}'"
    return value


def _shown(value: str) -> str:
    return f"'{value}'" if _SHOWN.fullmatch(value) else "that"


def _choices() -> str:
    return "choose bash, zsh, fish or powershell"


def _shell_of(value: str) -> str:
    shell = value.strip().lower()
    if shell not in SHELLS:
        raise RequestError(f"{_shown(value)} is not a shell mlcareers completes for; {_choices()}")
    return "powershell" if shell == "pwsh" else shell


def _prog(ctx: typer.Context) -> str:
    return ctx.find_root().info_name or "mlcareers"


def _fail(ctx: typer.Context, error: Exception) -> typer.Exit:
    sys.stderr.write(f"{_prog(ctx)}: error: {error}\n")
    return typer.Exit(USAGE_ERROR)


def show_callback(ctx: typer.Context, value: str | None) -> None:
    """Print the completion script for the shell named, and exit."""
    if value is None or ctx.resilient_parsing:
        return
    try:
        text = script(_shell_of(value), _prog(ctx))
    except RequestError as error:
        raise _fail(ctx, error) from None
    sys.stdout.write(text)
    raise typer.Exit(0)


def install_callback(ctx: typer.Context, value: str | None) -> None:
    """Install the completion script for the shell named, and exit."""
    if value is None or ctx.resilient_parsing:
        return
    try:
        shell = _shell_of(value)
        path = install(shell, _prog(ctx))
    except RequestError as error:
        raise _fail(ctx, error) from None
    except OSError as error:
        sys.stderr.write(f"{_prog(ctx)}: error: cannot install completion: {error.strerror}\n")
        raise typer.Exit(1) from None
    sys.stderr.write(f"{shell} completion installed in {path}; open a new shell to use it\n")
    raise typer.Exit(0)


def install(shell: str, prog: str = "mlcareers", home: Path | None = None) -> Path:
    """Write the script where `shell` finds it, and the line that loads it; return its path.

    The places are the ones typer uses, so installing again replaces an older script.
    """
    home = home or Path.home()
    if shell == "bash":
        path = home / ".bash_completions" / f"{prog}.sh"
        _add_line(home / ".bashrc", f"source {shlex.quote(str(path))}")
    elif shell == "zsh":
        path = home / ".zfunc" / f"_{prog}"
        _add_line(home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit")
    elif shell == "fish":
        path = home / ".config" / "fish" / "completions" / f"{prog}.fish"
    else:
        raise RequestError(
            f"install PowerShell completion by hand: {prog} --show-completion powershell "
            "| Out-File -Append $PROFILE"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script(shell, prog), encoding="utf-8")
    return path


def _add_line(rc: Path, line: str) -> None:
    text = rc.read_text(encoding="utf-8") if rc.is_file() else ""
    if line not in text.splitlines():
        rc.parent.mkdir(parents=True, exist_ok=True)
        rc.write_text(f"{text.rstrip()}\n{line}\n".lstrip("\n"), encoding="utf-8")


def _shell_option(flag: str, callback: Any, help_text: str) -> Any:
    """An eager option that takes a shell's name and acts at once (its callback exits)."""
    return typer.Option(
        flag,
        metavar="SHELL",
        callback=callback,
        is_eager=True,
        expose_value=False,
        help=help_text,
        show_default=False,
    )


ShowCompletionOption = Annotated[
    str | None,
    _shell_option(
        "--show-completion",
        show_callback,
        "Print the completion script for SHELL: bash, zsh, fish or powershell.",
    ),
]
InstallCompletionOption = Annotated[
    str | None,
    _shell_option(
        "--install-completion",
        install_callback,
        "Install completion for SHELL (bash, zsh or fish) in your home directory.",
    ),
]
