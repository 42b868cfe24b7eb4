"""SIGTERM ends a run as Ctrl-C does: by an exception raised where the run stands, so that
what is being changed is rolled back and temporary files are removed, and a command that
changes the store says in one line whether it did (commands/official.py). By default SIGTERM
would kill the process where it stands. Imported by the console script before anything else:
nothing here may cost at start-up."""

from __future__ import annotations

import signal
from typing import NoReturn

TERMINATED = 128 + signal.SIGTERM
"""The exit status of a run ended by SIGTERM (143), as shells report it."""

_received: list[int] = []


class Terminated(SystemExit):
    """The run was asked to end (SIGTERM); its code is the exit status, TERMINATED."""


def terminated(number: int, _frame: object) -> NoReturn:
    """The SIGTERM handler the console script installs: Terminated, raised where the run
    stands (and remembered: see interruption)."""
    _received.append(number)
    raise Terminated(128 + number)


def interruption() -> BaseException:
    """What stopped a statement SQLite says was interrupted: its progress handler ran a
    signal's handler, whose exception SQLite's callback swallows. Terminated once SIGTERM
    came, else KeyboardInterrupt (Ctrl-C)."""
    if _received:
        return Terminated(128 + _received[-1])
    return KeyboardInterrupt()
