"""Start-up and scale benchmark: mlcareers side by side with minimal typer apps on one interpreter.

Run it from the project root with the project installed:

    .venv/bin/python bench/bench.py            # the full run the README quotes
    .venv/bin/python bench/bench.py --quick    # a few runs and small catalogues: proves it works

Commands are timed interleaved, round by round, so that a noisy machine slows every command
of a round alike; the report gives medians and the median of the per-round ratios. Nothing here
asserts on time: the budget is read off the table by a person.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = ROOT / "src" / "mlcareers" / "data" / "roles.json"

FLOOR_JSON = '''\
"""The floor for a JSON command: a typer app that prints six rows of JSON with the stdlib."""
import json
import typer

app = typer.Typer(rich_markup_mode=None)
ROWS = [{"slug": f"role-{n}", "median": 100000 + n} for n in range(6)]


@app.command()
def rank(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print six rows."""
    print(json.dumps(ROWS, indent=2))


@app.callback()
def main() -> None:
    """A minimal app."""


if __name__ == "__main__":
    app()
'''

FLOOR_TABLE = '''\
"""The floor for a table command: a typer app that draws a six-row rich table."""
import typer

app = typer.Typer(rich_markup_mode=None)


@app.command()
def rank() -> None:
    """Draw six rows."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Six rows")
    for name in ("#", "Role", "Median", "Range", "Hourly"):
        table.add_column(name)
    for n in range(6):
        table.add_row(str(n + 1), f"Role {n}", f"${100000 + n:,}", "$1 - $2", "$3 - $4")
    Console().print(table)


@app.callback()
def main() -> None:
    """A minimal app."""


if __name__ == "__main__":
    app()
'''


@dataclass(frozen=True)
class Pair:
    """A command and the floor it is measured against."""

    name: str
    command: Sequence[str]
    floor_name: str
    floor: Sequence[str]
    budget: float


@dataclass(frozen=True)
class Run:
    """One run of a command: wall seconds and peak resident memory in MiB."""

    seconds: float
    peak_mib: float


def run_once(command: Sequence[str], env: dict[str, str]) -> Run:
    """Run a command with its output thrown away; fail loudly if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        assert process.stderr is not None
        message = process.stderr.read().decode(errors="replace")
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {message}")
    if process.stderr is not None:
        process.stderr.close()
    return Run(seconds, usage.ru_maxrss / 1024)


def interleaved(
    commands: Mapping[str, Sequence[str]], rounds: int, env: dict[str, str]
) -> dict[str, list[Run]]:
    """Every command once per round, in a rotating order, after one untimed warm-up each."""
    for command in commands.values():
        run_once(command, env)
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            runs[name].append(run_once(commands[name], env))
    return runs


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def startup_table(pairs: Sequence[Pair], runs: dict[str, list[Run]], judge: bool) -> list[str]:
    lines = [
        "| command | median ms | floor | floor median ms | paired ratio (median) | budget |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for pair in pairs:
        ours = [run.seconds for run in runs[pair.name]]
        floor = [run.seconds for run in runs[pair.floor_name]]
        ratio = statistics.median(a / b for a, b in zip(ours, floor, strict=True))
        verdict = ("met" if ratio <= pair.budget else "MISSED") if judge else "(not judged)"
        lines.append(
            f"| `{pair.name}` | {ms(statistics.median(ours))} | {pair.floor_name} "
            f"| {ms(statistics.median(floor))} | {ratio:.3f} | <= {pair.budget:.2f} {verdict} |"
        )
    return lines


def make_catalogue(size: int, folder: Path) -> Path:
    """A valid catalogue of `size` roles, each a packaged role renamed, written one role at a time.

    Streaming keeps this process small: its memory would otherwise be counted in the peak of
    every child it forks.
    """
    base = json.loads(PACKAGED.read_text(encoding="utf-8"))
    templates = base.pop("roles")
    base["cities"] = []
    base["ladder"] = []
    head = json.dumps(base)[:-1]
    path = folder / f"roles-{size}.json"
    with path.open("w", encoding="utf-8") as out:
        out.write(head + ', "roles": [')
        for index in range(size):
            template = templates[index % len(templates)]
            shift = index % 997
            role = {
                **template,
                "slug": f"{template['slug']}-{index}",
                "title": f"{template['title']} {index}",
                "aliases": [f"{alias} {index}" for alias in template["aliases"]],
                "salary": {key: value + shift for key, value in template["salary"].items()},
            }
            out.write(("," if index else "") + json.dumps(role))
        out.write("]}")
    return path


def scale_table(
    command: Sequence[str], sizes: Sequence[int], rounds: int, env: dict[str, str], folder: Path
) -> list[str]:
    lines = [
        "| roles | file MiB | median ms | peak MiB | µs per role (over 1,000) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    paths = {size: make_catalogue(size, folder) for size in sizes}
    commands = {
        str(size): [*command, "--catalogue", str(path), "rank", "--json", "--limit", "20"]
        for size, path in paths.items()
    }
    runs = interleaved(commands, rounds, env)
    smallest = str(min(sizes))
    base_seconds = statistics.median(run.seconds for run in runs[smallest])
    for size in sizes:
        series = runs[str(size)]
        seconds = statistics.median(run.seconds for run in series)
        peak = max(run.peak_mib for run in series)
        extra = size - min(sizes)
        per_role = f"{(seconds - base_seconds) / extra * 1e6:.1f}" if extra else "-"
        mib = paths[size].stat().st_size / 2**20
        lines.append(f"| {size:,} | {mib:.1f} | {ms(seconds)} | {peak:.0f} | {per_role} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few runs, small catalogues")
    parser.add_argument("--rounds", type=int, help="timed rounds per command (default 40; quick 3)")
    parser.add_argument("--startup-only", action="store_true", help="skip the scale runs")
    options = parser.parse_args()
    rounds = options.rounds or (3 if options.quick else 40)
    sizes = (100, 1_000) if options.quick else (1_000, 10_000, 100_000)

    mlcareers = shutil.which("mlcareers", path=str(Path(sys.executable).parent))
    if mlcareers is None:
        raise SystemExit("mlcareers is not installed beside this Python; see the README")
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1"}
    # Measure what a user runs: bytecode cached (the warm-up run writes it) and stdout buffered.
    for name in (
        "COLUMNS",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONUNBUFFERED",
        "PYTHONPROFILEIMPORTTIME",
    ):
        env.pop(name, None)

    with tempfile.TemporaryDirectory(prefix="mlcareers-bench-") as name:
        folder = Path(name)
        (folder / "floor_json.py").write_text(FLOOR_JSON, encoding="utf-8")
        (folder / "floor_table.py").write_text(FLOOR_TABLE, encoding="utf-8")
        python = sys.executable
        floors = {
            "typer json": [python, str(folder / "floor_json.py"), "rank", "--json"],
            "typer + rich table": [python, str(folder / "floor_table.py"), "rank"],
            "typer --help": [python, str(folder / "floor_json.py"), "--help"],
        }
        pairs = [
            Pair(
                "mlcareers rank --json",
                [mlcareers, "rank", "--json"],
                "typer json",
                floors["typer json"],
                1.05,
            ),
            Pair(
                "mlcareers rank",
                [mlcareers, "rank"],
                "typer + rich table",
                floors["typer + rich table"],
                1.10,
            ),
            Pair(
                "mlcareers show mlops",
                [mlcareers, "show", "mlops"],
                "typer + rich table",
                floors["typer + rich table"],
                1.10,
            ),
            Pair(
                "mlcareers --help",
                [mlcareers, "--help"],
                "typer --help",
                floors["typer --help"],
                1.10,
            ),
        ]
        commands = {**floors, **{pair.name: pair.command for pair in pairs}}
        started = time.perf_counter()
        runs = interleaved(commands, rounds, env)
        report = [
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}; "
            f"{rounds} interleaved rounds{' (quick mode)' if options.quick else ''}.",
            "",
            *startup_table(pairs, runs, judge=not options.quick),
            "",
            *(
                ()
                if options.startup_only
                else (*scale_table([mlcareers], sizes, max(rounds // 4, 3), env, folder), "")
            ),
            f"Benchmark took {time.perf_counter() - started:.0f} s.",
        ]
    print("\n".join(report))


if __name__ == "__main__":
    main()
