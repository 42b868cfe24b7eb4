"""The Bureau of Economic Analysis's regional price parities, as its regional data download
serves them: the MARPP table (metropolitan areas) or SARPP (states), a CSV in Latin-1.

    GeoFIPS,GeoName,Region,TableName,LineCode,IndustryClassification,Description,Unit,2008,...
     "10180","Abilene, TX (Metropolitan Statistical Area)", ,MARPP,1,...,"RPPs: All items ",...

Codes come quoted after a space; "(NA)" marks a year with no parity; notes follow the data.
Line 1, "RPPs: All items", is kept: the price level of everything a household buys, as a
percentage of the national level (100). The other lines (goods, housing, utilities, other
services) are not. A metro's code is its CBSA code, the code OEWS gives the same metro.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from mlcareers.files import read_bytes
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.table import quoted

MAX_FILE_BYTES = 64 * 1024**2
"""The metro table for 2008-2023 is under 1 MiB."""
ALL_ITEMS_LINE = "1"
ALL_ITEMS = "rpps: all items"
LOWEST, HIGHEST = 50.0, 200.0
"""Published parities run from about 80 to 120; a value outside these is no parity."""
HEADER_KEYS = ("geofips", "geoname", "linecode", "description")
NATION_CODE = "00000"
_YEAR = re.compile(r"(?:19|20)\d\d")
_CODE = re.compile(r"\d{5}")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
"""A cell written as a number (12420, 2021.0, 1e5): a code or a year, if not a good one."""


class Parity(NamedTuple):
    """One area's all-items parity in one year (US = 100)."""

    code: str
    """The GeoFIPS code as BEA writes it, five digits: a CBSA code for a metro."""
    title: str
    year: int
    value: float


class ParityTable(NamedTuple):
    """What a parity file holds: the years it covers and each area's parities in them; the
    areas whose every year is "(NA)" apart, so that a command can say they have none."""

    table: str
    years: tuple[int, ...]
    parities: list[Parity]
    without: list[tuple[str, str]]
    rows_read: int = 0
    """Data rows read, every line of the table (goods, housing...) included."""
    other_lines: int = 0
    """Rows of the other lines, skipped."""


def is_parity_header(cells: Sequence[object]) -> bool:
    """Whether a CSV header is BEA's regional layout (GeoFIPS, GeoName, LineCode, ...)."""
    folded = {str(cell).strip().lower() for cell in cells}
    return all(key in folded for key in HEADER_KEYS)


def looks_like_parities(path: Path) -> bool:
    """Whether the file's first line is BEA's regional header: cheap, reads 4 KiB."""
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    first = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf").splitlines()[:1]
    return bool(first) and is_parity_header(next(csv.reader(first)))


def read_parities(path: Path, where: str | None = None) -> ParityTable:
    """Every all-items parity in the file; SpreadsheetError naming the row and column of a
    value that is no parity, or if the file has no all-items line."""
    where = where or str(path)
    raw = read_bytes(path, "parity file", MAX_FILE_BYTES)
    text = raw.decode("utf-8-sig") if _is_utf8(raw) else raw.decode("latin-1")
    rows = csv.reader(text.splitlines(), skipinitialspace=True)
    header = next(rows, None)
    if header is None or not is_parity_header(header):
        raise SpreadsheetError(
            f"{where}: not BEA's regional price parities (no GeoFIPS, GeoName, LineCode and "
            "Description header on line 1)"
        )
    folded = [cell.strip().lower() for cell in header]
    at = {key: folded.index(key) for key in HEADER_KEYS}
    table_at = folded.index("tablename") if "tablename" in folded else None
    years = _year_columns(header, where)
    width = max(*at.values(), *(index for index, _ in years)) + 1
    seen: dict[str, int] = {}
    parities: list[Parity] = []
    without: list[tuple[str, str]] = []
    table = ""
    read = 0
    for number, row in _data_rows(rows, at["geofips"], where):
        read += 1
        if len(row) < width:
            raise SpreadsheetError(
                f"{where}: row {number}: {len(row)} columns where the header has {width}; "
                "refusing the file"
            )
        if row[at["linecode"]].strip() != ALL_ITEMS_LINE:
            continue
        if not row[at["description"]].strip().lower().startswith(ALL_ITEMS):
            raise SpreadsheetError(
                f"{where}: row {number}, column Description: line 1 is "
                f"{quoted(row[at['description']])}, not 'RPPs: All items'"
            )
        if table_at is not None:
            table = table or row[table_at].strip()
        code, title = row[at["geofips"]].strip(), _title(row[at["geoname"]], where, number)
        if code in seen:
            raise SpreadsheetError(
                f"{where}: rows {seen[code]} and {number} are both the all-items line of area "
                f"{code}; refusing the file"
            )
        seen[code] = number
        found = [
            Parity(code, title, year, value)
            for index, year in years
            if (value := _value(row, index, where, number, header)) is not None
        ]
        parities.extend(found)
        if not found:
            without.append((code, title))
    if not parities and not without:
        raise SpreadsheetError(
            f"{where}: no 'RPPs: All items' line (LineCode 1) in the file; is it BEA's MARPP "
            "or SARPP table?"
        )
    if not parities:
        raise SpreadsheetError(
            f"{where}: every all-items parity in the file is missing ((NA) or (D)); nothing "
            "to import from it"
        )
    year_list = tuple(year for _, year in years)
    return ParityTable(table or "RPP", year_list, parities, without, read, read - len(seen))


def _year_columns(header: Sequence[str], where: str) -> list[tuple[int, int]]:
    """Each year column of the header, (index, year); SpreadsheetError when there is none, a
    year is named twice, or a column is written as a number that is not a year ("2021.0"
    from a spreadsheet is refused, not skipped: its parities would be lost without a word)."""
    folded = [cell.strip().lower() for cell in header]
    for index, cell in enumerate(folded):
        if _NUMBER.fullmatch(cell) and not _YEAR.fullmatch(cell):
            raise SpreadsheetError(
                f"{where}: row 1, column {index + 1}: {quoted(header[index].strip())} is not a "
                "year as BEA writes one (2022); refusing the file"
            )
    years = [(index, int(cell)) for index, cell in enumerate(folded) if _YEAR.fullmatch(cell)]
    if not years:
        raise SpreadsheetError(f"{where}: the header names no year column (2008, 2009, ...)")
    named = [year for _, year in years]
    if len(set(named)) != len(named):
        twice = sorted({year for year in named if named.count(year) > 1})
        raise SpreadsheetError(
            f"{where}: the header names the year {twice[0]} twice; refusing the file"
        )
    return years


def _data_rows(
    rows: Iterator[list[str]], code_at: int, where: str
) -> Iterator[tuple[int, list[str]]]:
    """The rows with an area code, numbered as a spreadsheet numbers them (the header is 1);
    the notes under the table, and blank lines, are skipped. A code written as a number but
    not as five digits (124200, 1e5, 2420: a spreadsheet's doing) is refused, not skipped as
    a note: its area's rows would be lost without a word."""
    for number, row in enumerate(rows, start=2):
        if len(row) <= code_at:
            continue
        code = row[code_at].strip().strip('"').strip()
        if _CODE.fullmatch(code):
            row[code_at] = code
            yield number, row
        elif _NUMBER.fullmatch(code):
            raise SpreadsheetError(
                f"{where}: row {number}, column GeoFIPS: {quoted(code)} is not a GeoFIPS code "
                "(five digits, as BEA writes them: 12420); refusing the file"
            )


def _value(
    row: Sequence[str], index: int, where: str, number: int, header: Sequence[str]
) -> float | None:
    text = row[index].strip() if index < len(row) else ""
    if text in ("(NA)", "(D)", "(NM)", ""):
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not LOWEST <= value <= HIGHEST:
        problem = "is not a number" if value is None else "is no price parity (US = 100)"
        raise SpreadsheetError(
            f"{where}: row {number}, column {header[index].strip()}: {quoted(text)} {problem}"
        )
    return value


def _title(text: str, where: str, number: int) -> str:
    title = " ".join(text.split()).removesuffix("*").strip()
    if not title or len(title) > 300 or not title.isprintable():
        raise SpreadsheetError(f"{where}: row {number}, column GeoName: {quoted(text)} is no name")
    return title


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
