"""The README stays true: its commands are the ones CI runs, and its examples run."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlcareers.catalogue import PACKAGED
from mlcareers.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETUP = re.findall(r"^python3 -m venv \.venv && .*$", README, flags=re.MULTILINE)
EXAMPLES = re.findall(
    r"^(?:MLCAREERS_CATALOGUE=\S+ )?mlcareers ([^|#\n]*?)\s*(?:#.*)?$", README, flags=re.MULTILINE
)


def test_readme_has_the_two_setup_commands() -> None:
    assert len(SETUP) == 2
    assert SETUP[0].endswith("mlcareers rank")
    assert SETUP[1].endswith("python -m pytest")


def test_ci_runs_the_readmes_commands_word_for_word() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in SETUP:
        assert command in ci


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_examples_run(
    runner: CliRunner, example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # --install-completion writes there, not yours
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path / "store"))
    shutil.copy(PACKAGED, tmp_path / "my-roles.json")
    (tmp_path / "my-skills.txt").write_text("python\nsql\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(example.split(">", 1)[0])
    result = runner.invoke(app, words)
    assert result.exit_code == 0, (example, result.stderr)
    said = result.stderr if "--install-completion" in example else result.stdout
    assert said.strip()


def test_readme_examples_were_found() -> None:
    assert len(EXAMPLES) >= 6


def test_readme_examples_run_offline() -> None:
    # A README line that downloads (official import URL) is shown, never run: none is found.
    assert not [example for example in EXAMPLES if "://" in example]


SESSIONS = re.findall(
    r"^```console\n\$ mlcareers ([^\n]*)\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL
)


def test_readme_sessions_were_found() -> None:
    assert len(SESSIONS) >= 4


@pytest.mark.parametrize(("command", "output"), SESSIONS)
def test_readme_sessions_show_what_an_80_column_terminal_shows(
    command: str, output: str, tmp_path: Path
) -> None:
    from .regen_readme import session_output

    assert session_output(command, str(tmp_path)) == output
    assert max(len(line) for line in output.splitlines()) <= 80


def test_readme_jq_examples_use_real_fields(runner: CliRunner) -> None:
    role = json.loads(runner.invoke(app, ["rank", "--json"]).stdout)[0]
    assert {"title", "salary"} <= set(role)
    assert "median" in role["salary"]
