"""Every odd stream and argument ends in one clear line and a documented exit code, through the
installed command: full disks, closed streams, undecodable bytes, overflow, empty values."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .test_e2e import ALL_COMMANDS, COMMAND, run

OUTPUT_COMMANDS = [*ALL_COMMANDS, ["--version"], ["validate", "src/mlcareers/data/roles.json"]]


def _raw(
    args: list[bytes], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: PLW1510 -- the exit status is what the tests check
        [bytes(COMMAND), *args],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )


ROOT = os.path.dirname(os.path.dirname(__file__))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(  # noqa: PLW1510
            [str(COMMAND), *command], stdout=full, stderr=subprocess.PIPE, timeout=60, cwd=ROOT
        )
    assert result.returncode == 1
    assert result.stderr == b"mlcareers: error: cannot write output: No space left on device\n"


@pytest.mark.parametrize("command", [["rank"], ["--help"], ["show", "mlops", "--json"]])
def test_a_closed_stdout_is_one_line_and_exit_1(command: list[str]) -> None:
    result = subprocess.run(  # noqa: PLW1510
        [
            sys.executable,
            "-c",
            "import os, sys, subprocess; os.close(1); "
            f"sys.exit(subprocess.call({[str(COMMAND), *command]!r}, stdout=None))",
        ],
        stderr=subprocess.PIPE,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == b"mlcareers: error: cannot write output: standard output is closed\n"


def test_a_closed_stderr_keeps_the_exit_code() -> None:
    result = subprocess.run(  # noqa: PLW1510
        [
            sys.executable,
            "-c",
            "import os, sys, subprocess; os.close(2); sys.exit(subprocess.call("
            f"[{str(COMMAND)!r}, 'show', 'zz'], stdout=subprocess.DEVNULL))",
        ],
        timeout=60,
    )
    assert result.returncode == 2


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([b"match", b"--have", b"caf\xe9"], 0),
        ([b"show", b"caf\xe9"], 2),
        ([b"--catalogue", b"caf\xe9.json", b"rank"], 1),
        ([b"faq", b"caf\xe9"], 0),
    ],
)
def test_bytes_that_are_not_utf8_end_cleanly(args: list[bytes], code: int) -> None:
    result = _raw(args, env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    assert result.returncode == code
    assert b"Traceback" not in result.stderr
    assert b"internal error" not in result.stderr
    assert b"\xe9" not in result.stderr  # shown escaped, never as raw bytes
    assert len(result.stderr.splitlines()) <= 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "1e308", "--per", "hour"], "AMOUNT '1e308' is not a sum of dollars"),
        (["convert", "inf", "--per", "year"], "AMOUNT 'inf' is not a sum of dollars"),
        (["convert", "1000000001", "--per", "year"], "the amount must be a positive number"),
        (["convert", "62.79/h", "--per", "year"], "is per hour, but --per year was given"),
        (["--catalogue", "", "rank"], "--catalogue (or MLCAREERS_CATALOGUE) is empty"),
        (["rank", "--skill", ""], "--skill needs a skill name"),
        (["rank", "--fields", "nope"], "unknown field 'nope'"),
        (["show"], "missing argument 'ROLE'"),
        (["rank", "--by", "weekly"], "invalid value for '--by'"),
        (["--show-completion", "tcsh"], "tcsh"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("mlcareers: error: ") or "tcsh" in result.stderr
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_catalogue_works_after_the_command_name() -> None:
    before = run("--catalogue", "src/mlcareers/data/roles.json", "rank", "--json")
    after = run("rank", "--json", "--catalogue", "src/mlcareers/data/roles.json")
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    missing = run("rank", "--catalogue=missing.json")
    assert missing.returncode == 1
    assert "missing.json: no such file" in missing.stderr


def test_have_file_dash_reads_stdin() -> None:
    result = subprocess.run(  # noqa: PLW1510
        [str(COMMAND), "match", "--have-file", "-", "--json"],
        input="python\n# a comment\nsql\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '"Python"' in result.stdout
    assert '"SQL"' in result.stdout


@pytest.mark.parametrize("command", [["--help"], ["rank", "--help"], ["official", "--help"]])
def test_help_survives_python_dash_oo(command: list[str]) -> None:
    result = subprocess.run(  # noqa: PLW1510
        [sys.executable, "-OO", "-m", "mlcareers", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "Examples" in result.stdout or "Commands" in result.stdout
    assert len(result.stdout.splitlines()) > 8


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [["path"], ["path", "ds"], ["learn"], ["outlook"], ["faq"], ["skills"], ["sources"]],
    ids=" ".join,
)
def test_every_table_falls_back_to_what_the_stream_can_encode(
    command: list[str], encoding: str
) -> None:
    result = run(*command, PYTHONIOENCODING=encoding)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.encode(encoding)  # encodable, so nothing was lost on the way
    if encoding == "ascii":
        assert result.stdout.isascii()
