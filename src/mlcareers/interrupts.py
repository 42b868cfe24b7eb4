"""SIGTERM ends a run as Ctrl-C does: by an exception raised where the run stands, so that
what is being changed is rolled back and temporary files are removed, and a command that
changes the store says in one line whether it did (commands/official.py). By default SIGTERM
would kill the process where it stands. Imported by the console script before anything else:
nothing here may cost at start-up."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
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


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (main thread) while a change and its record happen (a
    commit, a store file removed): either is raised just after, when whether the store
    changed is known. Their handlers are swapped for one that only notes them, rather than
    the signals blocked: a signal blocked here may reach another thread (a terminal's
    spinner), and Python runs its handler in this one all the same, between the change and
    its record."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    numbers = (signal.SIGINT, signal.SIGTERM)
    before = {number: signal.getsignal(number) for number in numbers}
    for number in numbers:
        signal.signal(number, lambda got, _frame: noted.append(got))
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if noted:
            signal.raise_signal(noted[0])  # its own handler, now back, raises it here
