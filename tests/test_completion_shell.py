"""Completion in a real interactive bash and zsh: a hostile catalogue, TAB, Enter, nothing runs.

Each shell runs in its own tmux server (its own socket, a temporary HOME), with completion
installed by the installed command's own `--install-completion`. The catalogue names skills
that would run a command, or expand to file names, if a shell read them as code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

COMMAND = Path(sys.executable).parent / "mlcareers"
PROMPT = "mlc-ready$ "
HOSTILE = (
    "\\$(id>pwned.txt)",
    "$(touch y)",
    "`touch z`",
    "Pandas; touch x",
    "*a",
    "Pandas",
)
BAIT = "bait-a"
"""A file that a glob such as `*a` would expand to, so an expansion shows on the screen."""
TIMEOUT = 20.0
"""Seconds to wait for the screen to show something: generous, as polling ends on sight."""
POLL = 0.02
"""Seconds between looks at the screen."""


@dataclass
class Terminal:
    """One shell in a detached tmux session, driven by keys and read from the screen."""

    socket: Path
    workdir: Path
    shell: str

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return result.stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "mlc", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "mlc", "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "mlc", "-S", "-200")

    def wait_for(self, text: str, after: str = "") -> str:
        """Poll the screen until `text` shows after the first `after` on it, and return it all.

        Polling (rather than sleeping) costs only as long as the shell takes; the deadline is
        generous so that a slow machine still passes. `after` keeps what an earlier step
        left on the screen from answering for a later one."""
        anchor = after.rstrip()  # tmux drops trailing spaces
        deadline = time.monotonic() + TIMEOUT
        while True:
            screen = self.screen()
            start = screen.find(anchor)
            if start >= 0 and text in screen[start + len(anchor) :]:
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} never showed after {after!r}; the screen was:\n{screen}")
            time.sleep(POLL)

    def list_candidates(self, text: str, after: str) -> str:
        """Press TAB as a user does to list every candidate, and wait until `text` shows after
        the typed line `after`: zsh lists them on the first TAB, bash on the second."""
        self.keys(*("Tab",) * (2 if self.shell == "bash" else 1))
        return self.wait_for(text, after)

    def settle(self, mark: str) -> str:
        """Run `echo` after whatever was typed, and wait until it has printed: the shell is idle."""
        self.type(f"echo {mark}-done")
        self.keys("Enter")
        return self.wait_for(f"\n{mark}-done")


def _hostile_catalogue(path: Path) -> Path:
    from mlcareers.catalogue import PACKAGED

    data: dict[str, Any] = json.loads(PACKAGED.read_text(encoding="utf-8"))
    data["roles"][0]["skills"] = [*data["roles"][0]["skills"], *HOSTILE]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _start(shell: str, tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: install it to drive an interactive shell")
    executable = shutil.which(shell)
    if executable is None:
        pytest.skip(f"{shell} is not installed: install it to test completion in {shell}")
    assert COMMAND.exists(), "install the project first: see the README"
    home = tmp_path / "home"
    workdir = tmp_path / "work"
    home.mkdir()
    workdir.mkdir()
    (workdir / BAIT).touch()
    _hostile_catalogue(workdir / "hostile.json")
    env = {
        "HOME": str(home),
        "ZDOTDIR": str(home),
        "PATH": f"{COMMAND.parent}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    installed = subprocess.run(
        [str(COMMAND), "--install-completion", shell],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    if shell == "bash":
        rc = home / ".bashrc"
        argv = [executable, "--noprofile", "--rcfile", str(rc), "-i"]
        prompt = f"PS1='{PROMPT}'"
    else:
        rc = home / ".zshrc"
        argv = [executable, "-i"]
        prompt = f"PS1='{PROMPT}'; unsetopt BEEP"
    rc.write_text(f"{rc.read_text(encoding='utf-8')}{prompt}\n", encoding="utf-8")
    terminal = Terminal(tmp_path / "tmux.sock", workdir, shell)
    session = ["new-session", "-d", "-s", "mlc", "-x", "120", "-y", "50", "-c", str(workdir)]
    subprocess.run(
        ["tmux", "-S", str(terminal.socket), "-f", "/dev/null", *session, *argv],
        env=env,
        timeout=10,
        check=True,
    )
    try:
        terminal.wait_for(PROMPT.rstrip())  # tmux drops trailing spaces
        yield terminal
    finally:
        subprocess.run(
            ["tmux", "-S", str(terminal.socket), "kill-server"],
            capture_output=True,
            timeout=10,
            check=False,
        )


@pytest.fixture(params=["bash", "zsh"])
def terminal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Terminal]:
    yield from _start(request.param, tmp_path)


LINE = "mlcareers --catalogue hostile.json match --have "
RANK = "mlcareers --catalogue hostile.json rank --skill "
QUIET = " >/dev/null 2>&1"
"""Appended before Enter, so that only completion and the typed lines reach the screen."""


def _run_quietly(terminal: Terminal, mark: str) -> str:
    terminal.keys("C-e")
    terminal.type(QUIET)
    terminal.keys("Enter")
    return terminal.settle(mark)


def test_a_hostile_catalogue_completes_to_nothing_that_runs(terminal: Terminal) -> None:
    terminal.type(LINE)
    # Every skill: the hostile ones would show.
    screens = [terminal.list_candidates("scikit-learn", LINE)]
    screens.append(_run_quietly(terminal, "all"))
    for step, prefix in enumerate(("Pan", "$", "bai")):
        terminal.type(f"{LINE}{prefix}")
        terminal.keys("Tab")
        terminal.keys("Tab")
        screens.append(_run_quietly(terminal, f"step{step}"))
    terminal.type(RANK)
    screens.append(terminal.list_candidates("scikit-learn", RANK))
    screens.append(_run_quietly(terminal, "rank"))
    assert sorted(path.name for path in terminal.workdir.iterdir()) == [BAIT, "hostile.json"]
    for screen in screens:
        for text in (*HOSTILE[:-1], "touch", "pwned", "uid="):
            assert text not in screen


def test_safe_candidates_are_offered_and_complete(terminal: Terminal) -> None:
    terminal.type(f"{LINE}pyt")
    listed = terminal.list_candidates("pytorch", f"{LINE}pyt")
    assert "python" in listed.split(f"{LINE}pyt", 1)[1]
    _run_quietly(terminal, "listed")
    terminal.type(f"{LINE}sci")
    terminal.keys("Tab")
    terminal.wait_for(f"{LINE}scikit-learn")
    _run_quietly(terminal, "completed")
    terminal.type(f"{LINE}pan")
    terminal.keys("Tab")
    terminal.wait_for(f"{LINE}pandas")
    terminal.keys("Enter")
    screen = terminal.settle("ran")
    assert "Pandas" in screen.split(f"{LINE}pandas", 1)[1]
    assert sorted(path.name for path in terminal.workdir.iterdir()) == [BAIT, "hostile.json"]
