"""The installed command, run in a subprocess through real pipes, as scripts and people run it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).parent / "mlcareers"
ALL_COMMANDS = [
    ["rank"],
    ["show", "mlops"],
    ["compare"],
    ["compare", "mlops", "ds"],
    ["skills"],
    ["match", "--have", "python"],
    ["path", "mle"],
    ["learn"],
    ["outlook"],
    ["faq"],
    ["convert", "1", "--per", "hour"],
    ["sources"],
    ["schema"],
    ["--help"],
    ["rank", "--help"],
]


def _env(**changes: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    env.update(changes)
    return env


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMMAND), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(**env),
        timeout=60,
        check=False,
    )


def test_the_console_script_is_installed() -> None:
    assert COMMAND.exists(), "install the project first: see the README"


def test_rank_json_through_a_pipe() -> None:
    result = run("rank", "--json")
    assert result.returncode == 0
    assert result.stderr == ""
    assert json.loads(result.stdout)[0]["slug"] == "mlops-engineer"


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mlcareers", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("mlcareers ")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_formats_never_carry_colour(fmt: str) -> None:
    result = run("rank", "--format", fmt, FORCE_COLOR="1", TERM="xterm-256color")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout


def test_piped_table_has_no_colour_and_no_cut_cells() -> None:
    result = run("rank", TERM="xterm-256color")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "Computer vision engineer" in result.stdout
    assert "$103,933 – $146,926" in result.stdout


@pytest.mark.parametrize("args", ALL_COMMANDS)
def test_closed_pipe_is_quiet(args: list[str]) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before mlcareers writes a byte
    process = subprocess.run(
        [str(COMMAND), *args],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        timeout=60,
        check=False,
    )
    os.close(writer)
    assert process.stderr == ""
    assert process.returncode == -signal.SIGPIPE


def test_head_closes_the_pipe_early() -> None:
    with subprocess.Popen(
        [str(COMMAND), "rank"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    ) as writer:
        assert writer.stdout is not None
        head = subprocess.run(
            ["head", "-1"], stdin=writer.stdout, capture_output=True, timeout=60, check=False
        )
        writer.stdout.close()
        assert writer.wait(timeout=60) in (0, -signal.SIGPIPE)
        assert writer.stderr is not None
        assert writer.stderr.read() == b""
    assert head.stdout == b"ML roles by median base salary\n"


def test_ascii_only_terminal() -> None:
    result = run("show", "cv", PYTHONIOENCODING="ascii", LANG="C", LC_ALL="C")
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    assert "Computer vision engineer" in result.stdout


def test_usage_error_has_no_traceback() -> None:
    result = run("show")
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr == "mlcareers: error: missing argument 'ROLE' (see 'mlcareers show --help')\n"
    )
    assert "Traceback" not in result.stderr
