"""Read the rows of an OEWS data sheet into a Dataset: the occupations asked for, cross-industry.

Only cross-industry, all-owner rows are an occupation's figure: industry breakdowns are never
taken for it. BLS symbols (*, **, #, ~) are kept as marks, never read as numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import (
    Area,
    Dataset,
    Figure,
    Marked,
    Occupation,
)
from mlcareers.official.sheets import Cell, Table, open_table

M = TypeVar("M", Area, Figure, Occupation)
Progress = Callable[[int, int | None], None]
"""Told (rows read, rows in all) now and then while a sheet is read; the total may be unknown."""

PROGRESS_EVERY = 4096
MARKERS = frozenset({"*", "**", "#", "~"})
ALIASES: dict[str, tuple[str, ...]] = {
    "area": ("area",),
    "area_title": ("area_title", "area_name", "state"),
    "area_type": ("area_type",),
    "prim_state": ("prim_state", "st"),
    "naics": ("naics",),
    "i_group": ("i_group",),
    "own_code": ("own_code",),
    "occ_code": ("occ_code",),
    "occ_title": ("occ_title",),
    "o_group": ("o_group", "occ_group"),
    "tot_emp": ("tot_emp",),
    "a_mean": ("a_mean",),
    "a_pct10": ("a_pct10",),
    "a_pct25": ("a_pct25",),
    "a_median": ("a_median",),
    "a_pct75": ("a_pct75",),
    "a_pct90": ("a_pct90",),
}
"""Each column we read, by the names BLS has given it over the years, in lower case."""
REQUIRED: tuple[str, ...] = ("occ_code", "occ_title", "tot_emp", "a_mean")
REQUIRED += ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90")
WAGE_COLUMNS = {
    "p10": "a_pct10",
    "p25": "a_pct25",
    "median": "a_median",
    "p75": "a_pct75",
    "p90": "a_pct90",
    "mean": "a_mean",
}
CROSS_INDUSTRY = "cross-industry"
CROSS_INDUSTRY_NAICS = "000000"
ALL_OWNERS = "1235"
NATIONAL = Area(code="99", title="U.S.", type=1, state="US")
KNOWN_ANNUAL_CAPS = {
    **dict.fromkeys(range(2019, 2022), 208_000),
    **dict.fromkeys(range(2022, 2025), 239_200),
}
"""The annual top-coded wage ('#') by survey year, from the notes BLS publishes with each file;
used only when a file does not state it itself."""

_PERIOD_IN_NAME = re.compile(r"(?:^|[^a-z0-9])m_?((?:19|20)\d\d)(?![0-9])", re.IGNORECASE)
_PERIOD_GIVEN = re.compile(r"^\s*(?:may\s+)?((?:19|20)\d\d)\s*$", re.IGNORECASE)
_CAP_NOTE = re.compile(
    r"\$\s*([\d,]+(?:\.\d+)?)\s*per\s+hour\s+or\s+\$\s*([\d,]+)\s*per\s+year", re.IGNORECASE
)
_SOC = re.compile(r"^(\d{2})-?(\d{4})$")


@dataclass(frozen=True)
class ImportStats:
    """What reading one file did: rows read, rows of the wanted occupations, rows kept."""

    rows_read: int
    matched: int
    kept: int
    industry_rows: int


def period_of(path: Path, given: str | None) -> str:
    """The survey period, 'May 2024', from --period or from the file name (_M2024_)."""
    if given is not None:
        match = _PERIOD_GIVEN.match(given)
        if not match:
            raise SpreadsheetError(f"--period {given!r}: give it as 'May 2024'")
        return f"May {match.group(1)}"
    match = _PERIOD_IN_NAME.search(path.name)
    if not match:
        raise SpreadsheetError(
            f"{path}: cannot tell the survey period from the file name (BLS names them like "
            "MSA_M2024_dl.xlsx); give it with --period 'May 2024'"
        )
    return f"May {match.group(1)}"


def annual_cap(notes: str, year: int) -> int | None:
    """The annual wage BLS top-codes at ('#'), as the file states it, else as known for the year."""
    match = _CAP_NOTE.search(notes)
    if match:
        return int(match.group(2).replace(",", ""))
    return KNOWN_ANNUAL_CAPS.get(year)


def soc_code(text: str) -> str | None:
    """A SOC code as 15-2051, from '15-2051' or '152051'; None if it is not one."""
    match = _SOC.match(text.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else None


def read_file(
    path: Path,
    codes: Collection[str],
    period: str | None = None,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> tuple[Dataset, ImportStats]:
    """Read one OEWS file: the cross-industry figures of the occupations `codes` names."""
    found_period = period_of(path, period)  # before the file is read: a mistake shows at once
    return read_table(path, open_table(path), codes, found_period, progress, now)


def read_table(
    path: Path,
    table: Table,
    codes: Collection[str],
    period: str | None = None,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> tuple[Dataset, ImportStats]:
    """Read an opened data sheet of the file at `path`; any reader may supply the Table."""
    found_period = period_of(path, period)
    reader = _Reader(path, table, codes)
    figures, areas, occupations, stats = reader.read(progress)
    year = int(found_period.split()[1])
    try:
        dataset = Dataset(
            file=path.name,
            period=found_period,
            imported_at=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
            annual_cap=annual_cap(table.notes, year),
            areas=tuple(sorted(areas.values(), key=lambda area: (area.type or 9, area.title))),
            occupations=tuple(sorted(occupations.values(), key=lambda occ: occ.code)),
            figures=tuple(figures.values()),
        )
    except ValidationError as error:
        raise SpreadsheetError(f"{path}: {_first_problem(error)}") from None
    return dataset, stats


class _Reader:
    """One pass over a data sheet; the column positions are found once, from the header."""

    def __init__(self, path: Path, table: Table, codes: Collection[str]) -> None:
        self.path = path
        self.table = table
        self.where = f"{path}" + (f", sheet {table.sheet!r}" if table.sheet else "")
        header = table.header
        self.columns: dict[str, int] = {}
        for key, names in ALIASES.items():
            for name in names:
                if name in header:
                    self.columns[key] = header.index(name)
                    break
        missing = [key.upper() for key in REQUIRED if key not in self.columns]
        if missing:
            raise SpreadsheetError(
                f"{self.where}: the header has no {', '.join(missing)} column"
                f"{'s' if len(missing) > 1 else ''}; is it an OEWS file of all occupations?"
            )
        wanted = {code for code in (soc_code(code) for code in codes) if code}
        self.wanted = wanted | {code.replace("-", "") for code in wanted}

    def cell(self, row: Sequence[Cell], key: str) -> Cell:
        index = self.columns.get(key)
        if index is None or index >= len(row):
            return None
        return row[index]

    def text(self, row: Sequence[Cell], key: str) -> str:
        value = self.cell(row, key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def read(
        self, progress: Progress | None
    ) -> tuple[dict[tuple[str, str], Figure], dict[str, Area], dict[str, Occupation], ImportStats]:
        occ_index = self.columns["occ_code"]
        wanted = self.wanted
        figures: dict[tuple[str, str], Figure] = {}
        detailed: dict[tuple[str, str], bool] = {}
        areas: dict[str, Area] = {}
        occupations: dict[str, Occupation] = {}
        read = matched = industry = 0
        total = self.table.total
        for number, row in self.table.rows:
            read += 1
            if progress is not None and read % PROGRESS_EVERY == 0:
                progress(read, total)
            if occ_index >= len(row):
                continue
            occ = row[occ_index]
            if not isinstance(occ, str) or occ.strip() not in wanted:
                continue
            matched += 1
            if not self.cross_industry(row):
                industry += 1
                continue
            area = self.area(row, number)
            soc = soc_code(occ)
            assert soc is not None  # `wanted` holds only SOC codes
            key = (area.code, soc)
            is_detailed = self.text(row, "o_group").lower() in ("", "detailed")
            if key in figures and (detailed[key] or not is_detailed):
                continue
            figures[key] = self.figure(row, number, area.code, soc)
            detailed[key] = is_detailed
            areas.setdefault(area.code, area)
            title = self.text(row, "occ_title") or soc
            occupations.setdefault(soc, self.model(Occupation, number, code=soc, title=title))
        if progress is not None:
            progress(read, read)
        return figures, areas, occupations, ImportStats(read, matched, len(figures), industry)

    def cross_industry(self, row: Sequence[Cell]) -> bool:
        """Whether a row is the occupation's figure for all industries and all owners."""
        if "i_group" in self.columns:
            if self.text(row, "i_group").lower() != CROSS_INDUSTRY:
                return False
        elif "naics" in self.columns and self.text(row, "naics").zfill(6) != CROSS_INDUSTRY_NAICS:
            return False
        return "own_code" not in self.columns or self.text(row, "own_code") == ALL_OWNERS

    def area(self, row: Sequence[Cell], number: int) -> Area:
        if "area" not in self.columns:
            return NATIONAL
        code = self.text(row, "area")
        area_type = self.text(row, "area_type")
        return self.model(
            Area,
            number,
            code=code,
            title=self.text(row, "area_title") or code,
            type=int(area_type) if area_type.isdigit() else None,
            state=self.text(row, "prim_state")[:10] or None,
        )

    def figure(self, row: Sequence[Cell], number: int, area: str, soc: str) -> Figure:
        values: dict[str, object] = {"area": area, "soc": soc}
        values["employment"] = self.number(row, number, "tot_emp", minimum=0)
        for field, column in WAGE_COLUMNS.items():
            values[field] = self.number(row, number, column, minimum=1)
        return self.model(Figure, number, **values)

    def number(
        self, row: Sequence[Cell], number: int, key: str, minimum: int
    ) -> int | Marked | None:
        """A whole number, a BLS mark, or None for an empty cell; anything else is an error."""
        value = self.cell(row, key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return None
            if text in MARKERS:
                return Marked(marker=text)
            try:
                value = float(text.replace(",", "").replace("$", ""))
            except ValueError:
                raise self.bad(number, key, f"{_quote(text)} is not a number") from None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.bad(number, key, f"{_quote(str(value))} is not a number")
        if not math.isfinite(value) or not minimum <= value <= 100_000_000:
            raise self.bad(number, key, f"{_quote(str(value))} is out of range")
        return round(value)

    def model(self, model: type[M], number: int, **values: object) -> M:
        try:
            return model.model_validate(values)
        except ValidationError as error:
            raise SpreadsheetError(f"{self.where}: row {number}: {_first_problem(error)}") from None

    def bad(self, number: int, key: str, problem: str) -> SpreadsheetError:
        column = self.table.header[self.columns[key]].upper()
        return SpreadsheetError(f"{self.where}: row {number}, column {column}: {problem}")


def _quote(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])
