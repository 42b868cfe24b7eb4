"""The console script: start the command line as cheaply as possible, and end it quietly."""

from __future__ import annotations

import gc
import signal
import sys


def main() -> None:
    """Run mlcareers; a closed pipe ends it silently, as it ends cat or grep."""
    # A command builds the whole catalogue and frees almost nothing before it exits, so the
    # cyclic collector only walks the same objects over and over: with 100,000 roles it cost
    # seconds (see bench/ and the README's Performance section).
    gc.disable()
    if hasattr(signal, "SIGPIPE"):
        # Python ignores SIGPIPE and raises BrokenPipeError wherever a write happens instead.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from mlcareers.cli import PROG, app, silence_stdout  # noqa: PLC0415 -- after SIGPIPE is set

    try:
        app(prog_name=PROG)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:  # where there is no SIGPIPE to end the process quietly
            silence_stdout()
