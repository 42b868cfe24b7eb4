"""Golden tables: every command's table at every width, written as a reviewer reads them.

After changing a view or the table layout, regenerate them and read the diff in review:

    python tests/regen_golden.py

Each tests/golden/<name>-<width>.txt starts with the command line, then holds exactly what
`mlcareers <args>` prints to a pipe with COLUMNS=<width>, TERM=dumb and no colour, run
in-process on the packaged catalogue. tests/test_widths.py checks that the command still
prints exactly that. COMMANDS is the one list of what is covered: add a command here.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

COMMANDS: dict[str, tuple[str, ...]] = {
    "rank": ("rank",),
    "rank-hourly": ("rank", "--by", "hourly"),
    "show": ("show", "mlops"),
    "compare": ("compare",),
    "compare-city": ("compare", "--city", "seattle"),
    "compare-roles": ("compare", "mle", "cv", "--city", "seattle"),
    "skills": ("skills",),
    "match": ("match", "--have", "python,docker,kubernetes"),
    "path": ("path",),
    "path-role": ("path", "ds"),
    "learn": ("learn",),
    "outlook": ("outlook",),
    "faq": ("faq", "degree"),
    "convert": ("convert", "130599", "--per", "year"),
    "sources": ("sources",),
}
WIDTHS = (40, 60, 80, 100, 120, 200)
GOLDEN = Path(__file__).resolve().parent / "golden"
ENVIRONMENT: dict[str, str | None] = {
    "TERM": "dumb",
    "NO_COLOR": "1",
    "FORCE_COLOR": None,
    "LINES": None,
    "MLCAREERS_CATALOGUE": None,
    "PYTHONIOENCODING": None,
}


def golden_path(name: str, width: int) -> Path:
    """Where the golden file of one command at one width lives."""
    return GOLDEN / f"{name}-{width}.txt"


def golden_text(name: str, width: int) -> str:
    """What the golden file of `name` at `width` must hold: the command line, then stdout."""
    from typer.testing import CliRunner

    from mlcareers.cli import app

    args = COMMANDS[name]
    result = CliRunner().invoke(app, list(args), env={**ENVIRONMENT, "COLUMNS": str(width)})
    if result.exit_code != 0:
        message = f"mlcareers {shlex.join(args)} exited {result.exit_code}: {result.stderr}"
        raise RuntimeError(message)
    return f"$ COLUMNS={width} mlcareers {shlex.join(args)}\n{result.stdout}"


def main() -> None:
    """Write every golden file again, and remove those no command produces any more."""
    GOLDEN.mkdir(exist_ok=True)
    wanted = {golden_path(name, width) for name in COMMANDS for width in WIDTHS}
    for stale in set(GOLDEN.glob("*.txt")) - wanted:
        stale.unlink()
    for name in COMMANDS:
        for width in WIDTHS:
            golden_path(name, width).write_text(golden_text(name, width), encoding="utf-8")
    sys.stdout.write(f"wrote {len(wanted)} golden files to {GOLDEN}\n")


if __name__ == "__main__":
    main()
