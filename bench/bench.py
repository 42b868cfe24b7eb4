"""Start-up and scale benchmark: mlcareers side by side with minimal typer apps on one interpreter.

Run it from the project root with the project installed:

    .venv/bin/python bench/bench.py            # the full run the README quotes
    .venv/bin/python bench/bench.py --quick    # a few runs and small catalogues: proves it works

Commands are timed interleaved, round by round, so that a noisy machine slows every command
of a round alike; the report is one markdown table of medians, each beside the floor it is
measured against, with the median of the per-round (paired) ratios and the budget. Nothing
here asserts on time: the budget is read off the table by a person.

Every command runs with an empty MLCAREERS_HOME (no store of official figures) except the
places measures: those run against a store of three survey years, each an all-data-sized
OEWS file (about 600 areas x 830 occupations) generated as CSV in a temporary folder and
imported with `mlcareers official import`, against `show mlops` with no store. Then each
command that needs no official figure is run once under strace (when there is one) and once
with PYTHONPROFILEIMPORTTIME: it must neither touch the store's file nor import sqlite3. That
check, unlike the timings, fails the run.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    commands: Mapping[str, Sequence[str]],
    rounds: int,
    env: dict[str, str],
    envs: Mapping[str, dict[str, str]] | None = None,
) -> dict[str, list[Run]]:
    """Every command once per round, in a rotating order, after one untimed warm-up each;
    each in `env`, or in its own environment from `envs`."""
    chosen = {name: (envs or {}).get(name, env) for name in commands}
    for name, command in commands.items():
        run_once(command, chosen[name])
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            runs[name].append(run_once(commands[name], chosen[name]))
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


# ---------------------------------------------------------------- places: the official store

OEWS_HEADER = " ".join(
    (
        "AREA AREA_TITLE AREA_TYPE PRIM_STATE NAICS NAICS_TITLE I_GROUP OWN_CODE OCC_CODE",
        "OCC_TITLE O_GROUP TOT_EMP EMP_PRSE JOBS_1000 LOC_QUOTIENT PCT_TOTAL PCT_RPT H_MEAN",
        "A_MEAN MEAN_PRSE H_PCT10 H_PCT25 H_MEDIAN H_PCT75 H_PCT90 A_PCT10 A_PCT25 A_MEDIAN",
        "A_PCT75 A_PCT90 ANNUAL HOURLY",
    )
).split(" ")
"""The 32 columns of BLS's all-data file (tests/fixtures_official.HEADER): a CSV with this
header is what `mlcareers official import` reads as it reads the XLSX."""
STORE_YEARS = (2022, 2023, 2024)
CATALOGUE_CODES = {
    "15-1252": "Software Developers",
    "15-2051": "Data Scientists",
    "15-1221": "Computer and Information Research Scientists",
}
"""The catalogue's occupations: in every area, as software developers and data scientists
are in nearly every real metro."""
REAL_METROS = (
    ("12420", "Austin-Round Rock-San Marcos, TX", "TX"),
    ("42660", "Seattle-Tacoma-Bellevue, WA", "WA"),
    ("41940", "San Jose-Sunnyvale-Santa Clara, CA", "CA"),
    ("35620", "New York-Newark-Jersey City, NY-NJ", "NY"),
)
"""The metros a person names (austin) and the catalogue's cities live in; the rest are made up."""
TOWNS = " ".join(
    (
        "Ashford Bellmont Cedarville Dunmore Elkton Fairhaven Glenwood Harlan Ironton Jasper",
        "Kingsport Lakeview Milford Northfield Oakdale Pinecrest Quincy Riverton Springvale",
        "Troy Union Vernon Westfield Yorktown Zanesville",
    )
).split(" ")
"""Made-up town names for the made-up metros: none is Austin or Seattle."""


@dataclass(frozen=True)
class StoreShape:
    """How big each generated OEWS file is: its areas by kind, its occupations, and how many
    of those each kind of area publishes (percent; the catalogue's are in every area)."""

    states: int
    metros: int
    nonmetros: int
    occupations: int
    state_share: int = 70
    metro_share: tuple[int, int] = (15, 65)
    nonmetro_share: int = 25
    industry_rows: bool = True
    """Also the nation's industry breakdowns, about as many rows as the kept ones, which the
    import reads and skips, as BLS's all-data file has them."""


FULL_STORE = StoreShape(states=54, metros=390, nonmetros=150, occupations=830)
QUICK_STORE = StoreShape(
    states=5,
    metros=30,
    nonmetros=4,
    occupations=50,
    state_share=100,
    metro_share=(100, 100),
    nonmetro_share=100,
    industry_rows=False,
)
"""40 areas x 50 occupations, every one published: small enough for CI."""

Area = tuple[str, str, int, str]
"""AREA, AREA_TITLE, AREA_TYPE, PRIM_STATE."""


def oews_areas(shape: StoreShape) -> list[tuple[Area, int]]:
    """The nation, states and territories, metros (the real ones first) and nonmetro areas,
    each with the percent of the occupations it publishes."""
    from mlcareers.official.states import STATES  # noqa: PLC0415 -- a table, no pydantic

    territories = {"66", "72", "78"}
    areas: list[tuple[Area, int]] = [(("99", "U.S.", 1, "US"), 100)]
    for fips, postal, name in STATES[: shape.states]:
        areas.append(((fips, name, 3 if fips in territories else 2, postal), shape.state_share))
    states = [(postal, name) for _, postal, name in STATES if postal not in ("GU", "PR", "VI")]
    low, high = shape.metro_share
    reserved = {code for code, _, _ in REAL_METROS}
    metros: list[Area] = [(code, title, 4, state) for code, title, state in REAL_METROS]
    codes = (f"{10_000 + index * 20}" for index in itertools.count())
    for index in range(shape.metros - len(metros)):
        code = next(code for code in codes if code not in reserved)
        postal = states[index % len(states)][0]
        town = f"{TOWNS[index % len(TOWNS)]} {index // len(TOWNS) + 1}"
        other = TOWNS[(index * 7 + 3) % len(TOWNS)]
        metros.append((code, f"{town}-{other}, {postal}", 4, postal))
    for index, metro in enumerate(metros):
        share = high if index < len(REAL_METROS) else low + (index * 37) % (high - low + 1)
        areas.append((metro, share))
    fips_of = {postal: fips for fips, postal, _ in STATES}
    for index in range(shape.nonmetros):
        postal, name = states[index % len(states)]
        number = index // len(states) + 1
        code = f"{fips_of[postal]}000{number:02d}"
        title = f"{name} nonmetropolitan area {number}"
        areas.append(((code, title, 6, postal), shape.nonmetro_share))
    return areas


def oews_occupations(count: int) -> list[tuple[str, str, str]]:
    """`count` occupations (OCC_CODE, OCC_TITLE, O_GROUP): all occupations, major groups and
    detailed ones, the catalogue's three among them."""
    found = [("00-0000", "All Occupations", "total")]
    found += [(code, title, "detailed") for code, title in CATALOGUE_CODES.items()]
    majors = list(range(11, 54, 2))
    per_major = max(-(-(count - len(found)) // len(majors)) - 1, 1)
    taken = set(CATALOGUE_CODES)
    for major in majors:
        found.append((f"{major}-0000", f"Major group {major}", "major"))
        for index in range(per_major):
            code = f"{major}-{1011 + index * 37:04d}"
            if code not in taken:
                found.append((code, f"Occupation {code}", "detailed"))
    return found[:count]


Cell = str | int | float


def oews_values(seed: int, year: int) -> list[Cell]:
    """TOT_EMP ... HOURLY of one row: percentiles that go up, a few BLS symbols among them,
    wages a little higher each year."""
    raise_by = 1 + 0.03 * (year - STORE_YEARS[0])
    base = round((30_000 + (seed * 7919) % 100_000) * raise_by)
    annual: list[Cell] = [base, base + 12_000, base + 30_000, base + 52_000, base + 90_000]
    hourly: list[Cell] = [round(int(value) / 2080, 2) for value in annual]
    mean: Cell = base + 38_000
    employment: Cell = 50 + (seed * 31) % 90_000
    if seed % 13 == 0:
        annual[4] = hourly[4] = "#"
    if seed % 41 == 0:
        annual = ["*"] * 5
        hourly = ["*"] * 5
        mean = "*"
    if seed % 53 == 0:
        employment = "**"
    h_mean: Cell = round(mean / 2080, 2) if isinstance(mean, int) else "*"
    jobs, quotient = round(0.5 + (seed % 300) / 100, 3), round(0.2 + (seed % 150) / 100, 2)
    return [employment, 2.5, jobs, quotient, "", "", h_mean, mean, 1.4, *hourly, *annual, "", ""]


def oews_rows(year: int, shape: StoreShape) -> Iterator[list[Cell]]:
    """One survey year's rows in the all-data layout: every area's cross-industry rows of the
    occupations it publishes, then (with industry_rows) the nation's industry breakdowns."""
    occupations = oews_occupations(shape.occupations)
    cross = ("000000", "Cross-industry", "cross-industry", 1235)
    seeds = itertools.count()
    kept = 0
    for area_index, (area, share) in enumerate(oews_areas(shape)):
        for index, occupation in enumerate(occupations):
            published = (area_index * 7919 + index * 104_729) % 100 < share
            if published or occupation[0] in CATALOGUE_CODES or area[0] == "99":
                kept += 1
                yield [*area, *cross, *occupation, *oews_values(next(seeds), year)]
    if not shape.industry_rows:
        return
    detailed = [occupation for occupation in occupations if occupation[2] == "detailed"]
    nation = oews_areas(shape)[0][0]
    industries = (
        (f"{naics:06d}", f"Industry {naics}", "4-digit", owner)
        for naics in range(111_000, 1_000_000, 1_000)
        for owner in (5, 1235)
    )
    rows = (
        [*nation, *industry, *occupation, *oews_values(next(seeds), year)]
        for industry in industries
        for occupation in detailed[: len(detailed) // 2]
    )
    yield from itertools.islice(rows, kept)


def write_oews_csv(path: Path, year: int, shape: StoreShape) -> int:
    """An OEWS file of one survey year as CSV (the import reads it as it reads the XLSX);
    how many data rows it has."""
    count = 0
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(OEWS_HEADER)
        for line in oews_rows(year, shape):
            writer.writerow(line)
            count += 1
    return count


@dataclass(frozen=True)
class BuiltStore:
    """What building the store took and gave."""

    home: Path
    years: tuple[int, ...]
    areas: int
    occupations: int
    rows_read: int
    figures: int
    size_bytes: int
    write_seconds: float
    import_seconds: float
    reused: bool = False

    def line(self) -> str:
        """One sentence for the report."""
        size = f"{self.size_bytes / 1024**2:,.0f} MiB"
        shape = f"{self.areas} areas x {self.occupations} occupations"
        if self.reused:
            return (
                f"Store: reused {self.home} ({size}; {len(self.years)} survey years), not rebuilt."
            )
        return (
            f"Store: {len(self.years)} survey years (May {self.years[0]} to May {self.years[-1]}), "
            f"each a {self.rows_read // len(self.years):,}-row CSV in the all-data layout "
            f"({shape}), imported with `mlcareers official import`, one run a year: "
            f"{self.figures:,} figures kept, {size} on disk; built in "
            f"{self.write_seconds + self.import_seconds:.1f} s ({self.write_seconds:.1f} s writing "
            f"the CSVs, {self.import_seconds:.1f} s importing them)."
        )


def build_store(
    home: Path, folder: Path, shape: StoreShape, mlcareers: str, env: Mapping[str, str]
) -> BuiltStore:
    """A store of STORE_YEARS in `home`, each year an OEWS CSV written to `folder`, imported as
    a user imports it, then removed; a store already in `home` is reused as it is."""
    database = home / "official.sqlite3"
    areas, occupations = len(oews_areas(shape)), shape.occupations
    if database.exists():
        size = database.stat().st_size
        return BuiltStore(home, STORE_YEARS, areas, occupations, 0, 0, size, 0, 0, reused=True)
    home.mkdir(parents=True, exist_ok=True)
    written = imported = 0.0
    read = kept = 0
    for year in STORE_YEARS:
        print(f"bench: writing and importing the May {year} file ...", file=sys.stderr)
        path = folder / f"all_data_M_{year}.csv"
        started = time.perf_counter()
        write_oews_csv(path, year, shape)
        written += time.perf_counter() - started
        started = time.perf_counter()
        done = subprocess.run(
            [mlcareers, "official", "import", str(path), "--json"],
            capture_output=True,
            text=True,
            check=False,
            env={**env, "MLCAREERS_HOME": str(home)},
        )
        imported += time.perf_counter() - started
        path.unlink()
        if done.returncode != 0:
            raise SystemExit(f"importing {path.name} failed ({done.returncode}): {done.stderr}")
        for file in json.loads(done.stdout)["files"]:
            read += int(file["rows_read"])
            kept += int(file["rows"])
    size = database.stat().st_size
    return BuiltStore(home, STORE_YEARS, areas, occupations, read, kept, size, written, imported)


PLACES_FLOOR = "no store: mlcareers show mlops"
"""The floor of the places budgets: `show mlops` with an empty MLCAREERS_HOME."""
NEEDS_THE_STORE: tuple[tuple[str, ...], ...] = (
    ("show", "mlops"),
    ("outlook",),
    ("show", "mlops", "--city", "austin"),
    ("compare", "--city", "austin", "--json"),
    ("where", "mlops", "--limit", "20"),
    ("trend", "ds"),
)
"""Commands that show official figures: they must open the store (the check's control)."""
NEEDS_NO_STORE: tuple[tuple[str, ...], ...] = (
    ("rank", "--json"),
    ("rank",),
    ("match", "--have", "python,docker", "--json"),
    ("--help",),
    ("compare",),
    ("compare", "mlops", "ds"),
    ("convert", "67", "--per", "hour"),
    ("skills",),
    ("path", "mlops"),
    ("learn",),
    ("faq", "degree"),
    ("sources",),
    ("validate", str(PACKAGED)),
    ("schema",),
)
"""Commands that need no official figure: they must never open the store, nor import sqlite3."""


def places_pairs(mlcareers: str) -> list[Pair]:
    """The issue's places budgets: each command with the store against `show mlops` with
    none; `rank --json` as the control, also against itself with no store."""
    floor = [mlcareers, "show", "mlops"]
    budgeted: list[tuple[Sequence[str], float | None]] = [
        (["show", "mlops", "--city", "austin"], 1.15),
        (["compare", "--city", "austin", "--json"], 1.15),
        (["where", "mlops", "--limit", "20"], 1.15),
        (["trend", "ds"], None),
        (["show", "mlops"], None),
        (["rank", "--json"], None),
    ]
    pairs = [
        Pair(f"store: mlcareers {' '.join(args)}", [mlcareers, *args], PLACES_FLOOR, floor, budget)
        for args, budget in budgeted
    ]
    control = pairs[-1]
    bare = [mlcareers, "rank", "--json"]
    return [
        *pairs,
        Pair(control.name, control.command, "no store: mlcareers rank --json", bare, None),
    ]


def store_access(
    mlcareers: str, env: Mapping[str, str], database: Path, folder: Path
) -> tuple[list[str], bool]:
    """Whether each command that needs no official figure leaves the store alone (no file
    call on it under strace, no sqlite3 imported), and each that needs one opens it: report
    lines, and False when a command that needs no figure touched the store."""
    tracer = shutil.which("strace")
    opened_by: dict[tuple[str, ...], str] = {}
    traced = tracer is not None
    for args in (*NEEDS_NO_STORE, *NEEDS_THE_STORE):
        found: list[str] = []
        done = subprocess.run(
            [mlcareers, *args],
            capture_output=True,
            text=True,
            check=False,
            env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
            cwd=ROOT,
        )
        imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
        if imported & {"sqlite3", "_sqlite3"}:
            found.append("imports sqlite3")
        if traced:
            log = folder / "strace.log"
            ran = subprocess.run(
                [str(tracer), "-f", "-qq", "-o", str(log), "-e", "trace=%file", mlcareers, *args],
                capture_output=True,
                check=False,
                env=dict(env),
                cwd=ROOT,
            )
            calls = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            if ran.returncode != 0 and not calls:
                traced = False  # strace cannot trace here (no ptrace in this container?)
            calls_on = [line for line in calls.splitlines() if str(database) in line]
            if any("open" in line.split("(", 1)[0] for line in calls_on):
                found.append("opens it")
            elif calls_on:
                found.append("looks it up (stat)")
        opened_by[args] = ", ".join(found)
    how = (
        "no file call on it under strace -f, sqlite3 not imported"
        if traced
        else "sqlite3 not imported; strace is missing or not allowed here, so file calls were "
        "not traced: apt-get install strace"
    )
    untouched = [args for args in NEEDS_NO_STORE if not opened_by[args]]
    touched = [args for args in NEEDS_NO_STORE if opened_by[args]]
    wanted = "opens it" if traced else "imports sqlite3"
    missed = [args for args in NEEDS_THE_STORE if wanted not in opened_by[args]]
    lines = []
    if touched:
        lines.append(
            "Store access: FAILED: "
            + "; ".join(f"`{' '.join(args)}` {opened_by[args]}" for args in touched)
            + ": none of them needs an official figure."
        )
    else:
        lines.append(
            f"Store access: the {len(untouched)} commands that need no official figure never "
            f"open the store ({how}), with the store present: "
            + ", ".join(
                f"`{' '.join(args)}`".replace(str(PACKAGED), "roles.json") for args in untouched
            )
            + "."
        )
    controls = ", ".join(
        f"`{' '.join(args)}` ({opened_by[args] or 'nothing seen'})" for args in NEEDS_THE_STORE
    )
    verdict = "the check sees what it looks for" if not missed else "CHECK INCONCLUSIVE"
    lines.append(f"Control, commands that need the store: {controls}; {verdict}.")
    return lines, not touched


def places_section(
    mlcareers: str,
    shape: StoreShape,
    home: Path,
    folder: Path,
    env: dict[str, str],
    rounds: int,
    judge: bool,
) -> tuple[list[str], list[str], bool]:
    """The places budgets: a store built in `home` (or the one there), then each command
    with it against its floor with none (`env`), interleaved; then whether the commands that
    need no official figure leave it alone. Table rows, notes, and whether they did."""
    built = build_store(home, folder, shape, mlcareers, env)
    store_env = {**env, "MLCAREERS_HOME": str(home)}
    pairs = places_pairs(mlcareers)
    commands: dict[str, Sequence[str]] = {}
    envs: dict[str, dict[str, str]] = {}
    for pair in pairs:
        commands[pair.name], envs[pair.name] = pair.command, store_env
        commands[pair.floor_name], envs[pair.floor_name] = pair.floor, env
    lines = rows(pairs, interleaved(commands, rounds, env, envs), judge)
    access, untouched = store_access(mlcareers, store_env, home / "official.sqlite3", folder)
    return lines, [built.line(), *access], untouched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few runs, small catalogues")
    parser.add_argument("--rounds", type=int, help="timed rounds per command (default 30; quick 2)")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up runs")
    parser.add_argument("--places-only", action="store_true", help="only the store's runs")
    parser.add_argument("--scale-only", action="store_true", help="only the scale runs")
    parser.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="build the store of official figures in DIR, kept afterwards, or reuse the one "
        "there (default: a temporary one)",
    )
    options = parser.parse_args()
    rounds = options.rounds or (2 if options.quick else 30)
    sizes = (100, 1_000) if options.quick else (1_000, 10_000, 100_000)
    chosen = {
        section
        for section, only in (
            ("startup", options.startup_only),
            ("places", options.places_only),
            ("scale", options.scale_only),
        )
        if only
    }
    sections = chosen or {"startup", "places", "scale"}

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
    notes: list[str] = []
    access_ok = True
    with tempfile.TemporaryDirectory(prefix="mlcareers-bench-") as name:
        folder = Path(name)
        # Every command runs with no store of official figures unless a measure says
        # otherwise: a store the user has imported would change what `show` does.
        empty_home = folder / "home-empty"
        empty_home.mkdir()
        env["MLCAREERS_HOME"] = str(empty_home)
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
        if "startup" in sections:
            pairs = startup_pairs(mlcareers, floors)
            commands = {**floors, **{pair.name: pair.command for pair in pairs}}
            table += rows(pairs, interleaved(commands, rounds, env), judge)
        if "places" in sections:
            shape = QUICK_STORE if options.quick else FULL_STORE
            home = options.store.absolute() if options.store else folder / "home-store"
            lines, notes, access_ok = places_section(
                mlcareers, shape, home, folder, env, rounds, judge
            )
            table += lines
        if "scale" in sections:
            scale_rounds = max(rounds // 6, 2)
            table += scale_rows(mlcareers, python, sizes, scale_rounds, env, folder, judge)
    report = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}; "
        f"{rounds} interleaved rounds{' (quick mode)' if options.quick else ''}.",
        "",
        *table,
        "",
        *notes,
        f"Benchmark took {time.perf_counter() - started:.0f} s.",
    ]
    print("\n".join(report))
    if not access_ok:
        raise SystemExit("a command that needs no official figure touched the store: see above")


if __name__ == "__main__":
    main()
