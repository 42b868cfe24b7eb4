"""Import benchmark: OEWS spreadsheet import with python-calamine against openpyxl, and each
against merely reading the file with the same reader.

Run it from the project root with the project and its test extras installed:

    .venv/bin/python bench/bench_import.py            # an MSA-sized file: ~140,000 rows x 32
    .venv/bin/python bench/bench_import.py --quick    # a small file, one round: proves it works

The file is generated in a temporary directory and removed afterwards: nothing downloaded, and
nothing generated, goes into the repository. Variants run interleaved, round by round, so that
a noisy machine slows each alike; the report gives medians and the median of per-round ratios.
Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import platform
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from python_calamine import CalamineWorkbook

from mlcareers.official import oews
from mlcareers.official.sheets import HEADER_SEARCH_ROWS, Table, check_zip, fold_header

HEADER = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "PCT_TOTAL",
    "PCT_RPT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
]
CODES = ("15-2051", "15-1221", "15-1252")
NOTE = "#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year"


def synthetic_rows(count: int) -> Iterator[list[str | int | float]]:
    """Rows in the MSA layout: ~400 areas times ~350 occupations, symbols sprinkled in."""
    areas = max(count // 350, 1)
    occupations = [f"{11 + n // 9000:02d}-{1000 + n % 9000:04d}" for n in range(0, 350 * 25, 25)]
    occupations[:3] = CODES
    produced = 0
    for area in range(areas):
        code = str(10000 + area * 20)
        title = f"Metro Area {area}-Somewhere-Else, ST"
        for index, occ in enumerate(occupations):
            if produced == count:
                return
            produced += 1
            base = 40_000 + (area * 7 + index * 13) % 120_000
            p90: str | int = "#" if (area + index) % 17 == 0 else base + 90_000
            median: str | int = "*" if (area + index) % 29 == 0 else base + 30_000
            yield [
                code, title, 4, "ST", "000000", "Cross-industry", "cross-industry", 1235,
                occ, f"Occupation {occ}", "detailed", 100 + index, 5.5, 1.234, 0.98, "", "",
                base / 2080, base + 35_000, 1.1, base / 2600, base / 2300, base / 2080,
                base / 1800, base / 1500, base, base + 15_000, median, base + 55_000, p90, "", "",
            ]  # fmt: skip


def write_xlsx(path: Path, rows: int) -> None:
    """An XLSX as BLS publishes it (shared strings, a notes sheet), written directly: fast."""
    strings: dict[str, int] = {}

    def cell(ref: str, value: str | int | float) -> str:
        if isinstance(value, str):
            if value == "":
                return ""
            index = strings.setdefault(value, len(strings))
            return f'<c r="{ref}" t="s"><v>{index}</v></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'

    letters = [_column(n) for n in range(len(HEADER))]

    def sheet(lines: Iterator[Sequence[str | int | float]]) -> Iterator[str]:
        yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        yield "<sheetData>"
        for number, line in enumerate(lines, start=1):
            cells = "".join(cell(f"{letters[i]}{number}", v) for i, v in enumerate(line))
            yield f'<row r="{number}">{cells}</row>'
        yield "</sheetData></worksheet>"

    ns = "http://schemas.openxmlformats.org/"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as stream:
            notes = [["Field", "Field Description"], ["Notes:", ""], [NOTE, ""]]
            for part in sheet(iter(notes)):
                stream.write(part.encode())
        with archive.open("xl/worksheets/sheet2.xml", "w") as stream:
            for part in sheet(itertools.chain([HEADER], synthetic_rows(rows))):
                stream.write(part.encode())
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{ns}'
            f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
            f"{shared}</sst>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{ns}'
            f'spreadsheetml/2006/main" xmlns:r="{ns}officeDocument/2006/relationships"><sheets>'
            '<sheet name="Field Descriptions" sheetId="1" r:id="rId1"/>'
            '<sheet name="MSA_M2024_dl" sheetId="2" r:id="rId2"/></sheets></workbook>',
        )
        rel = f"{ns}officeDocument/2006/relationships"
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
            f'http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/worksheet" Target="worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
            'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="'
            'http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{main}.worksheet+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{main}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{main}.sharedStrings+xml"/>'
            "</Types>",
        )


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def import_calamine(path: Path) -> int:
    """The import as shipped: python-calamine, then the OEWS reader."""
    dataset, _ = oews.read_file(path, CODES)
    return len(dataset.figures)


def import_openpyxl(path: Path) -> int:
    """The same import with openpyxl's read-only reader supplying the rows."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            rows = enumerate(sheet.iter_rows(values_only=True), start=1)
            first = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
            at = next(
                (i for i, (_, r) in enumerate(first) if "occ_code" in map(fold_header, r)), None
            )
            if at is None:
                continue
            header = tuple(fold_header(c) for c in first[at][1])
            table = Table(header, itertools.chain(first[at + 1 :], rows), None, NOTE, sheet.title)
            dataset, _ = oews.read_table(path, table, CODES)
            return len(dataset.figures)
    finally:
        workbook.close()
    raise SystemExit("no data sheet")


def read_calamine(path: Path) -> int:
    """Merely reading every row of every sheet with python-calamine."""
    workbook = CalamineWorkbook.from_path(str(path))
    return sum(
        sum(1 for _ in workbook.get_sheet_by_name(name).iter_rows())
        for name in workbook.sheet_names
    )


def read_openpyxl(path: Path) -> int:
    """Merely reading every row of every sheet with openpyxl's read-only reader."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(sum(1 for _ in sheet.iter_rows(values_only=True)) for sheet in workbook)
    finally:
        workbook.close()


VARIANTS: dict[str, Callable[[Path], int]] = {
    "import, python-calamine": import_calamine,
    "import, openpyxl": import_openpyxl,
    "read only, python-calamine": read_calamine,
    "read only, openpyxl": read_openpyxl,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a small file and one round")
    parser.add_argument("--rows", type=int, default=None, help="data rows (default 140,000)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds (default 5)")
    args = parser.parse_args(argv)
    rows = args.rows or (2_000 if args.quick else 140_000)
    rounds = args.rounds or (1 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="mlcareers-bench-") as folder:
        path = Path(folder) / "MSA_M2024_dl.xlsx"
        started = time.perf_counter()
        write_xlsx(path, rows)
        made = time.perf_counter() - started
        check_zip(path)  # the generated file must pass the zip-bomb guard, as a real one does
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
        size = path.stat().st_size
        print(
            f"File: {rows:,} rows x {len(HEADER)} columns, {size / 1024**2:.1f} MiB "
            f"({expanded / 1024**2:.0f} MiB unzipped), generated in {made:.1f} s.",
            file=sys.stderr,
        )
        times: dict[str, list[float]] = {name: [] for name in VARIANTS}
        results: dict[str, int] = {}
        for _ in range(rounds):
            for name, variant in VARIANTS.items():
                gc.collect()
                started = time.perf_counter()
                results[name] = variant(path)
                times[name].append(time.perf_counter() - started)
    kept = {results["import, python-calamine"], results["import, openpyxl"]}
    if len(kept) != 1:
        raise SystemExit(f"the two imports disagree: {results}")
    report(times, rows, rounds)


def report(times: dict[str, list[float]], rows: int, rounds: int) -> None:
    """A markdown table: medians, and ratios taken round by round."""
    base = times["import, python-calamine"]

    def ratio(name: str, against: list[float]) -> float:
        return statistics.median(t / b for t, b in zip(times[name], against, strict=True))

    print(f"\nOEWS import, {rows:,} rows x {len(HEADER)} columns, {rounds} interleaved rounds")
    print(f"({platform.python_implementation()} {platform.python_version()}, {sys.platform})\n")
    print("| variant | median s | min s | x calamine import |")
    print("| --- | ---: | ---: | ---: |")
    for name, samples in times.items():
        print(
            f"| {name} | {statistics.median(samples):.3f} | {min(samples):.3f} "
            f"| {ratio(name, base):.2f} |"
        )
    print(
        "\nImport over merely reading, same reader: python-calamine "
        f"{ratio('import, python-calamine', times['read only, python-calamine']):.2f}x, "
        f"openpyxl {ratio('import, openpyxl', times['read only, openpyxl']):.2f}x."
    )


if __name__ == "__main__":
    main()
