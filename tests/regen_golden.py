"""Golden files: what every command prints, written as a reviewer reads them.

After changing a view, a format or the table layout, regenerate them all (tables, formats and
the official-statistics views) with one command, and read the diff in review:

    python tests/regen_golden.py

Each file starts with the command line that made it, then holds exactly what that command
prints to stdout, run in-process on the packaged catalogue with TERM=dumb, no colour and
ENVIRONMENT below. There are three sets:

- tests/golden/<name>-<width>.txt: the table of every command in COMMANDS at every width in
  WIDTHS (COLUMNS=<width>); tests/test_widths.py checks them.
- tests/golden/formats/<name>.<ext>: the same commands in every machine and markdown format
  in FORMATS (`-f json`, `-f ndjson`, `-f csv`, `-f markdown`; ext json, ndjson, csv, md),
  COLUMNS=80.
- tests/golden/official/<name>-<width>.txt, <name>.json and <name>.csv: the views that show
  official statistics (OFFICIAL_COMMANDS), as tables at OFFICIAL_WIDTHS and as json and csv
  (COLUMNS=80), with a fixture store: the OEWS-layout workbook that
  tests/fixtures_official.py writes, always named FIXTURE_FILE, and the projections workbook
  that tests/fixtures_projections.py writes (PROJECTIONS_FILE), imported with
  `mlcareers official import` into a fresh temporary MLCAREERS_HOME.

tests/test_golden_formats.py checks the formats and official sets, and that no file on disk is
one this script would no longer write.

The table and format sets run with MLCAREERS_HOME set to an empty temporary directory, so a
store of the machine's own never leaks into them. Two things in the official views vary from
run to run, and are replaced, identically here and in the check, by placeholders (normalise):

- the temporary MLCAREERS_HOME directory, wherever it appears (the store's path in
  `official list`), becomes HOME_PLACEHOLDER, "<MLCAREERS_HOME>";
- the import time (`imported_at`) becomes a placeholder of the same length, so that table
  columns stay aligned: "YYYY-MM-DDThh:mm:ss+00:00" in json and csv (an ISO 8601 time) and
  "YYYY-MM-DD hh:mm UTC" in tables.

The official goldens' first line names the store's directory by the same placeholder.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

COMMANDS: dict[str, tuple[str, ...]] = {
    "rank": ("rank",),
    "rank-hourly": ("rank", "--by", "hourly"),
    "show": ("show", "mlops"),
    "compare": ("compare",),
    "compare-city": ("compare", "--city", "seattle"),
    "compare-roles": ("compare", "mle", "cv", "--city", "seattle"),
    "show-new-york": ("show", "ds", "--city", "new york"),
    "skills": ("skills",),
    "match": ("match", "--have", "python,docker,kubernetes"),
    "path": ("path",),
    "path-role": ("path", "ds"),
    "learn": ("learn",),
    "outlook": ("outlook",),
    "faq": ("faq", "degree"),
    "convert": ("convert", "130599", "--per", "year"),
    "convert-hourly": ("convert", "62.79/h"),
    "sources": ("sources",),
    "official-sources": ("official", "sources"),
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

FORMATS: dict[str, str] = {"json": "json", "ndjson": "ndjson", "csv": "csv", "markdown": "md"}
"""Each machine or markdown format (the value of -f) and the extension of its golden files."""
FORMAT_COLUMNS = 80
OFFICIAL_COMMANDS: dict[str, tuple[str, ...]] = {
    "show-city": ("show", "mlops", "--city", "seattle"),
    "show": ("show", "ds"),
    "compare-austin": ("compare", "--city", "austin"),
    "compare-seattle": ("compare", "--city", "seattle"),
    "compare-role-austin": ("compare", "mlops", "--city", "austin"),
    "list": ("official", "list"),
    "areas": ("official", "areas"),
    "areas-austin": ("official", "areas", "austin"),
    "where-ds": ("where", "ds"),
    "where-mlops-all": ("where", "mlops", "--kind", "all", "--limit", "5"),
    "trend-ds": ("trend", "ds"),
    "trend-mlops-austin": ("trend", "mlops", "--city", "austin"),
    "compare-two": ("compare", "--city", "seattle", "--city", "austin"),
    "compare-role-three": (
        "compare",
        "mlops",
        "--city",
        "seattle",
        "--city",
        "austin",
        "--city",
        "38900",
    ),
    "show-new-york": ("show", "ds", "--city", "new york"),
    "outlook": ("outlook",),
    "rank-growth": ("rank", "--by", "growth"),
}
OFFICIAL_WIDTHS = (80, 120)
OFFICIAL_FORMATS = ("json", "csv")
FIXTURE_FILE = "MSA_M2024_dl.xlsx"
"""The fixture workbook's name: the store records it, and the period is read from it."""
PROJECTIONS_FILE = "occupation.xlsx"
"""The projections workbook of tests/fixtures_projections.py, imported with the others."""
HOME_PLACEHOLDER = "<MLCAREERS_HOME>"
ISO_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
ISO_PLACEHOLDER = "YYYY-MM-DDThh:mm:ss+00:00"
TABLE_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b")
TABLE_PLACEHOLDER = "YYYY-MM-DD hh:mm UTC"


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


@dataclass(frozen=True)
class Golden:
    """One golden file of the formats or official sets, and the command that makes it."""

    path: Path
    args: tuple[str, ...]
    columns: int
    official: bool
    """Run with the fixture store of official figures, else with an empty MLCAREERS_HOME."""

    @property
    def id(self) -> str:
        """The file's path under tests/golden, which names its test."""
        return self.path.relative_to(GOLDEN).as_posix()


def _format_goldens() -> tuple[Golden, ...]:
    return tuple(
        Golden(GOLDEN / "formats" / f"{name}.{ext}", (*args, "-f", fmt), FORMAT_COLUMNS, False)
        for name, args in COMMANDS.items()
        for fmt, ext in FORMATS.items()
    )


def _official_goldens() -> tuple[Golden, ...]:
    goldens: list[Golden] = []
    for name, args in OFFICIAL_COMMANDS.items():
        for width in OFFICIAL_WIDTHS:
            goldens.append(Golden(GOLDEN / "official" / f"{name}-{width}.txt", args, width, True))
        for fmt in OFFICIAL_FORMATS:
            path = GOLDEN / "official" / f"{name}.{fmt}"
            goldens.append(Golden(path, (*args, "-f", fmt), FORMAT_COLUMNS, True))
    return tuple(goldens)


FORMAT_GOLDENS = _format_goldens()
"""Every command of COMMANDS in every format of FORMATS."""
OFFICIAL_GOLDENS = _official_goldens()
"""Every command of OFFICIAL_COMMANDS as tables and in OFFICIAL_FORMATS, with the store."""


class Homes(NamedTuple):
    """The two MLCAREERS_HOME directories the goldens run in."""

    empty: Path
    """No store of official figures."""
    official: Path
    """The fixture store: FIXTURE_FILE (every fixture place), two earlier years and the
    projections workbook imported."""


@contextmanager
def homes() -> Iterator[Homes]:
    """An empty MLCAREERS_HOME and one holding the fixture store, removed afterwards."""
    from typer.testing import CliRunner

    from mlcareers.cli import app
    from tests.fixtures_official import full_rows, write_history, write_xlsx
    from tests.fixtures_projections import write_projections

    with tempfile.TemporaryDirectory(prefix="mlcareers-golden-") as directory:
        root = Path(directory)
        empty, official = root / "empty", root / "home"
        empty.mkdir()
        spreadsheet = write_xlsx(root / FIXTURE_FILE, full_rows())
        projections = write_projections(root / PROJECTIONS_FILE)
        files = [*write_history(root), spreadsheet, projections]
        env = {**ENVIRONMENT, "MLCAREERS_HOME": str(official)}
        command = ["official", "import", *map(str, files)]
        result = CliRunner().invoke(app, command, env=env)
        if result.exit_code != 0:
            message = f"mlcareers official import exited {result.exit_code}: {result.stderr}"
            raise RuntimeError(message)
        yield Homes(empty, official)


def normalise(text: str, home: Path) -> str:
    """`text` with what varies between runs replaced by placeholders: the home directory and
    the import time (see the module's docstring)."""
    for spelling in {str(home), json.dumps(str(home))[1:-1]}:  # as printed, and in JSON
        text = text.replace(spelling, HOME_PLACEHOLDER)
    whole = re.sub(re.escape(HOME_PLACEHOLDER) + r"[\\/]+official\.sqlite3", "", text)
    if "official.sqlite3" in whole:  # e.g. a table wrapped the path: the golden would vary
        message = f"the store's path under {home} is not whole in the output: shorten TMPDIR"
        raise RuntimeError(message)
    text = ISO_TIME.sub(ISO_PLACEHOLDER, text)
    return TABLE_TIME.sub(TABLE_PLACEHOLDER, text)


def render(golden: Golden, where: Homes) -> str:
    """What `golden`'s file must hold: the command line, then stdout, normalised."""
    from typer.testing import CliRunner

    from mlcareers.cli import app

    home = where.official if golden.official else where.empty
    env = {**ENVIRONMENT, "COLUMNS": str(golden.columns), "MLCAREERS_HOME": str(home)}
    result = CliRunner().invoke(app, list(golden.args), env=env)
    command = f"mlcareers {shlex.join(golden.args)}"
    if result.exit_code != 0:
        raise RuntimeError(f"{command} exited {result.exit_code}: {result.stderr}")
    prefix = f"MLCAREERS_HOME={HOME_PLACEHOLDER} " if golden.official else ""
    return f"$ {prefix}COLUMNS={golden.columns} {command}\n{normalise(result.stdout, home)}"


def every_golden_path() -> set[Path]:
    """Every file this script writes: tables, formats and official views."""
    tables = {golden_path(name, width) for name in COMMANDS for width in WIDTHS}
    return tables | {golden.path for golden in (*FORMAT_GOLDENS, *OFFICIAL_GOLDENS)}


def main() -> None:
    """Write every golden file again, and remove those no command produces any more."""
    wanted = every_golden_path()
    for directory in {path.parent for path in wanted}:
        directory.mkdir(parents=True, exist_ok=True)
    for stale in {path for path in GOLDEN.rglob("*") if path.is_file()} - wanted:
        stale.unlink()
    with homes() as where:
        before = os.environ.get("MLCAREERS_HOME")
        os.environ["MLCAREERS_HOME"] = str(where.empty)  # the tables never see a real store
        try:
            for name in COMMANDS:
                for width in WIDTHS:
                    text = golden_text(name, width)
                    golden_path(name, width).write_text(text, encoding="utf-8")
        finally:
            if before is None:
                del os.environ["MLCAREERS_HOME"]
            else:
                os.environ["MLCAREERS_HOME"] = before
        for golden in (*FORMAT_GOLDENS, *OFFICIAL_GOLDENS):
            golden.path.write_text(render(golden, where), encoding="utf-8")
    sys.stdout.write(f"wrote {len(wanted)} golden files to {GOLDEN}\n")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.fixtures_official
    main()
