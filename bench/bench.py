"""Start-up and scale benchmark: mlcareers side by side with minimal typer apps on one interpreter.

Run it from the project root with the project installed:

    .venv/bin/python bench/bench.py            # the full run the README quotes
    .venv/bin/python bench/bench.py --quick    # a few runs and small catalogues: proves it works

Commands are timed interleaved, round by round, so that a noisy machine slows every command
of a round alike; the report is one markdown table of medians, each beside the floor it is
measured against, with the median of the per-round (paired) ratios and the budget. Nothing
here asserts on time: the budget is read off the table by a person.
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
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


SCALE_FLOOR_HEAD = '''\
"""The floor for scale: a bare pydantic app validating the same roles, its models inferred
from the packaged roles' JSON by bench.py. Only the collector is off, as it is in mlcareers:
any app can do that, so the floor does it too."""
import gc
import sys

from pydantic import BaseModel, ConfigDict

gc.disable()


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)
'''

SCALE_FLOOR_TAIL = """

class Catalogue(Frozen):
    roles: tuple[Role, ...]


with open(sys.argv[1], "rb") as handle:
    catalogue = Catalogue.model_validate_json(handle.read())
print(len(catalogue.roles))
"""


def infer_models(records: Sequence[Mapping[str, object]], name: str = "Role") -> str:
    """Python source of frozen pydantic models that the JSON objects `records` fit: the bare
    models any pydantic app would write for them, with no constraint and no validator."""
    classes: list[str] = []

    def type_of(values: Iterable[object], name: str) -> str:
        by_kind: dict[str, list[object]] = {}
        for value in values:
            by_kind.setdefault(type(value).__name__, []).append(value)
        kinds = []
        for kind, group in by_kind.items():
            if kind == "dict":
                kinds.append(model(group, name))
            elif kind == "list":
                items = [item for value in group if isinstance(value, list) for item in value]
                kinds.append(f"tuple[{type_of(items, name + 'Item')}, ...]")
            else:
                kinds.append("None" if kind == "NoneType" else kind)
        return " | ".join(kinds) or "str"

    def model(objects: Sequence[object], name: str) -> str:
        rows = [row for row in objects if isinstance(row, dict)]
        lines = [f"class {name}(Frozen):"]
        for key in dict.fromkeys(key for row in rows for key in row):
            present = [row[key] for row in rows if key in row]
            kind = type_of(present, name + key.title().replace("_", ""))
            optional = len(present) < len(rows)
            if optional and "None" not in kind.split(" | "):
                kind += " | None"
            lines.append(f"    {key}: {kind}{' = None' if optional else ''}")
        classes.append("\n".join(lines))
        return name

    model(records, name)
    return "\n\n\n".join(classes)


@dataclass(frozen=True)
class Pair:
    """A command, the floor it is measured against, and the most its paired ratio may be."""

    name: str
    command: Sequence[str]
    floor_name: str
    floor: Sequence[str]
    budget: float | None


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
    return f"{seconds * 1000:,.1f}"


HEADER = [
    "| measure | median ms | peak MiB | floor | floor median ms | paired ratio | budget |",
    "| --- | ---: | ---: | --- | ---: | ---: | --- |",
]


def rows(pairs: Sequence[Pair], runs: Mapping[str, list[Run]], judge: bool) -> list[str]:
    """One table row per pair: medians, our peak memory, and the median per-round ratio."""
    lines = []
    for pair in pairs:
        ours = [run.seconds for run in runs[pair.name]]
        floor = [run.seconds for run in runs[pair.floor_name]]
        ratio = statistics.median(a / b for a, b in zip(ours, floor, strict=True))
        if pair.budget is None:
            verdict = "(measured)"
        elif judge:
            verdict = f"<= {pair.budget:.2f} {'met' if ratio <= pair.budget else 'MISSED'}"
        else:
            verdict = f"<= {pair.budget:.2f} (not judged)"
        peak = max(run.peak_mib for run in runs[pair.name])
        lines.append(
            f"| `{pair.name}` | {ms(statistics.median(ours))} | {peak:.0f} | {pair.floor_name} "
            f"| {ms(statistics.median(floor))} | {ratio:.3f} | {verdict} |"
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
        out.write("]}\n")
    return path


def startup_pairs(mlcareers: str, floors: Mapping[str, Sequence[str]]) -> list[Pair]:
    """Every command, each against the floor of what it prints; the issue's budgets where set."""
    json_floor, table_floor = "typer json", "typer + rich table"
    budgeted: list[tuple[Sequence[str], str, float | None]] = [
        (["rank", "--json"], json_floor, 0.95),
        (["show", "mlops", "--json"], json_floor, 0.95),
        (["match", "--have", "python,docker", "--json"], json_floor, 0.95),
        (["rank"], table_floor, 1.00),
        (["show", "mlops"], table_floor, 1.00),
        (["--help"], "typer --help", 1.05),
        (["compare", "--city", "seattle"], table_floor, None),
        (["convert", "67", "--per", "hour"], table_floor, None),
        (["skills"], table_floor, None),
        (["match", "--have", "python,docker"], table_floor, None),
        (["path", "mlops"], table_floor, None),
        (["learn"], table_floor, None),
        (["outlook"], table_floor, None),
        (["faq", "degree"], table_floor, None),
        (["sources"], table_floor, None),
        (["validate", str(PACKAGED)], json_floor, None),
        (["schema"], json_floor, None),
    ]
    return [
        Pair(
            f"mlcareers {' '.join(args)}".replace(str(PACKAGED), "roles.json"),
            [mlcareers, *args],
            floor,
            floors[floor],
            budget,
        )
        for args, floor, budget in budgeted
    ]


def scale_rows(
    mlcareers: str,
    python: str,
    sizes: Sequence[int],
    rounds: int,
    env: dict[str, str],
    folder: Path,
    judge: bool,
) -> list[str]:
    """Each size against the bare pydantic floor, the per-role cost, and the largest size's
    table against its CSV, and its CSV against its JSON."""
    templates = json.loads(PACKAGED.read_text(encoding="utf-8"))["roles"]
    floor_script = folder / "floor_scale.py"
    floor_script.write_text(
        SCALE_FLOOR_HEAD + "\n\n" + infer_models(templates) + "\n" + SCALE_FLOOR_TAIL,
        encoding="utf-8",
    )
    paths = {size: make_catalogue(size, folder) for size in sizes}
    largest = max(sizes)
    pairs = []
    for size, path in paths.items():
        pairs.append(
            Pair(
                f"{size:,} roles: rank --json --limit 20",
                [mlcareers, "--catalogue", str(path), "rank", "--json", "--limit", "20"],
                f"bare pydantic, {size:,} roles",
                [python, str(floor_script), str(path)],
                1.5 if size == largest else None,
            )
        )
    commands = {
        name: command
        for pair in pairs
        for name, command in ((pair.name, pair.command), (pair.floor_name, pair.floor))
    }
    runs = interleaved(commands, rounds, env)
    lines = rows(pairs, runs, judge)
    medians = {
        size: statistics.median(r.seconds for r in runs[pair.name])
        for size, pair in zip(paths, pairs, strict=True)
    }
    ordered = sorted(sizes)
    for low, high in pairwise(ordered):
        per_role = (medians[high] - medians[low]) / (high - low) * 1e6
        lines.append(f"| µs per role, {low:,} to {high:,} | {per_role:.1f} | | | | | |")
    peak = max(run.peak_mib for run in runs[pairs[-1].name])
    verdict = ("met" if peak < 800 else "MISSED") if judge else "(not judged)"
    lines.append(f"| peak memory, {largest:,} roles | | {peak:.0f} | | | | < 800 MiB {verdict} |")

    table = Pair(
        f"{largest:,} roles: rank (table)",
        [mlcareers, "--catalogue", str(paths[largest]), "rank"],
        f"{largest:,} roles: rank -f csv",
        [mlcareers, "--catalogue", str(paths[largest]), "rank", "--format", "csv"],
        2.0,
    )
    machine = Pair(
        table.floor_name,
        table.floor,
        f"{largest:,} roles: rank --json",
        [mlcareers, "--catalogue", str(paths[largest]), "rank", "--json"],
        None,
    )
    table_env = {**env, "COLUMNS": "120"}
    commands = {
        table.name: table.command,
        table.floor_name: table.floor,
        machine.floor_name: machine.floor,
    }
    runs = interleaved(commands, max(rounds // 2, 1), table_env)
    return [*lines, *rows([table, machine], runs, judge)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few runs, small catalogues")
    parser.add_argument("--rounds", type=int, help="timed rounds per command (default 30; quick 2)")
    parser.add_argument("--startup-only", action="store_true", help="skip the scale runs")
    parser.add_argument("--scale-only", action="store_true", help="skip the start-up runs")
    options = parser.parse_args()
    rounds = options.rounds or (2 if options.quick else 30)
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
        "PYDANTIC_DISABLE_PLUGINS",
    ):
        env.pop(name, None)

    judge = not options.quick
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
        started = time.perf_counter()
        table = list(HEADER)
        if not options.scale_only:
            pairs = startup_pairs(mlcareers, floors)
            commands = {**floors, **{pair.name: pair.command for pair in pairs}}
            table += rows(pairs, interleaved(commands, rounds, env), judge)
        if not options.startup_only:
            scale_rounds = max(rounds // 6, 2)
            table += scale_rows(mlcareers, python, sizes, scale_rounds, env, folder, judge)
    report = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}; "
        f"{rounds} interleaved rounds{' (quick mode)' if options.quick else ''}.",
        "",
        *table,
        "",
        f"Benchmark took {time.perf_counter() - started:.0f} s.",
    ]
    print("\n".join(report))


if __name__ == "__main__":
    main()
