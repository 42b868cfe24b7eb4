"""The console script: start the command line as cheaply as possible, and end it quietly."""

from __future__ import annotations

import gc
import os
import signal
import sys

from mlcareers.interrupts import terminated


def main() -> None:
    """Run mlcareers; a closed pipe ends it silently, as it ends cat or grep."""
    # A command builds the whole catalogue and frees almost nothing before it exits, so the
    # cyclic collector only walks the same objects over and over: with 100,000 roles it cost
    # seconds (see bench/ and the README's Performance section).
    gc.disable()
    # mlcareers uses no pydantic plugin, and looking for them reads every installed package's
    # entry points at the first model build (pydantic documents this switch); a user who has
    # set the variable keeps their setting.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__":
        _no_plugin_loader()
    if hasattr(signal, "SIGPIPE"):
        # Python ignores SIGPIPE and raises BrokenPipeError wherever a write happens instead.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # SIGTERM ends the run as Ctrl-C does, by an exception, so that what is being changed is
    # rolled back and temporary files (a zip's extracted spreadsheets) are removed; by default
    # it would kill the process where it stands (see interrupts).
    signal.signal(signal.SIGTERM, terminated)
    if sys.stderr is None:  # closed: nobody to tell, but the exit status still says it
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 -- for the run
    if sys.stdout is None:
        _output_failed("standard output is closed")
    from mlcareers.cli import PROG, app, silence_stdout  # noqa: PLC0415 -- after SIGPIPE is set

    try:
        app(prog_name=PROG)
    except OSError as error:  # writing the output failed: a full disk, a device error
        silence_stdout()
        _output_failed(error.strerror or str(error))
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:  # where there is no SIGPIPE to end the process quietly
            silence_stdout()
        except OSError as error:
            silence_stdout()
            _output_failed(error.strerror or str(error))
        # The interpreter's last collection at exit walks every object the run made, only to
        # find them all alive: frozen, they are skipped. The exit stays a normal one (exit
        # code, atexit handlers, flushing); only that walk is saved.
        gc.freeze()


def _output_failed(reason: str) -> None:
    """One line and exit status 1: the output could not be written, so the run failed."""
    sys.stderr.write(f"mlcareers: error: cannot write output: {reason}\n")
    raise SystemExit(1)


def _no_plugin_loader() -> None:
    """With every plugin disabled, pydantic's plugin loader answers "none" without looking;
    but importing it imports importlib.metadata (email, zipfile, socket, csv: about 10 ms of
    a 150 ms run, see bench/). This stand-in gives the same answer without those imports.
    Only its get_plugins is used (pydantic.plugin._schema_validator); a real loader already
    imported is left alone."""
    import types  # noqa: PLC0415

    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name, "No pydantic plugins: all are disabled (mlcareers).")
        loader.get_plugins = tuple  # type: ignore[attr-defined]
        sys.modules[name] = loader
