"""The README's console blocks, as an 80-column terminal shows them: run this after changing
any output, and read the diff.

    python tests/regen_readme.py

Each block that starts with `$ mlcareers ARGS` is replaced by what that command prints with
COLUMNS=80, no colour and an empty store of official figures. tests/test_readme.py checks
that every block still holds exactly that.
"""

from __future__ import annotations

import re
import shlex
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
SESSION = re.compile(r"^```console\n\$ mlcareers ([^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def session_output(command: str, home: str) -> str:
    """What `mlcareers COMMAND` prints in the README's terminal."""
    from typer.testing import CliRunner

    from mlcareers.cli import app

    env = {
        "COLUMNS": "80",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "FORCE_COLOR": None,
        "MLCAREERS_HOME": home,
        "MLCAREERS_CATALOGUE": None,
    }
    result = CliRunner().invoke(app, shlex.split(command), env=env)
    if result.exit_code != 0:
        raise SystemExit(f"mlcareers {command} failed: {result.stderr}")
    return result.stdout


def main() -> None:
    """Rewrite every console block of the README in place."""
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as home:

        def block(match: re.Match[str]) -> str:
            output = session_output(match.group(1), home)
            return f"```console\n$ mlcareers {match.group(1)}\n{output}```"

        README.write_text(SESSION.sub(block, text), encoding="utf-8")
    print(f"rewrote the console blocks of {README}")  # noqa: T201 -- a developer's script


if __name__ == "__main__":
    main()
