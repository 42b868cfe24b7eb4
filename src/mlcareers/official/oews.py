"""Read an OEWS data sheet: every cross-industry, all-owner occupation row, checked with plain
code and handed on as plain tuples (a model a row would cost more than reading the file).

Only cross-industry, all-owner rows are an occupation's figure: industry breakdowns are never
taken for it. BLS symbols (*, **, #, ~) are kept as marks, never read as numbers. A file is
refused, with the row named, when a number is not one, when percentiles go down, or when one
area has two detailed rows of one occupation.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import NamedTuple

from mlcareers.errors import UsageError
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import (
    MARKERS,
    MAX_COUNT,
    MAX_DOLLARS,
    MAX_HOURLY,
    MAX_RATIO,
    NATIONAL_CODE,
    ONE_LINE,
    AreaKind,
    area_code,
    area_kind,
    area_states,
    code_key,
)
from mlcareers.official.table import Cell, Progress, Table, cell_text, quoted

PROGRESS_EVERY = 4096
FIRST_YEAR = 2003
"""OEWS's first May estimates: the survey's periods before were November or the whole year."""
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
    "o_group": ("o_group", "occ_group", "group"),
    "tot_emp": ("tot_emp",),
    "jobs_1000": ("jobs_1000",),
    "loc_quotient": ("loc_quotient",),
    "a_mean": ("a_mean",),
    "a_pct10": ("a_pct10",),
    "a_pct25": ("a_pct25",),
    "a_median": ("a_median",),
    "a_pct75": ("a_pct75",),
    "a_pct90": ("a_pct90",),
    "h_mean": ("h_mean",),
    "h_pct10": ("h_pct10",),
    "h_pct25": ("h_pct25",),
    "h_median": ("h_median",),
    "h_pct75": ("h_pct75",),
    "h_pct90": ("h_pct90",),
}
"""Each column we read, by the names BLS has given it over the years, in lower case."""
REQUIRED: tuple[str, ...] = ("occ_code", "occ_title", "tot_emp", "a_mean")
REQUIRED += ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90")


class _Spec(NamedTuple):
    column: str
    low: float
    high: float


VALUE_COLUMNS: tuple[_Spec, ...] = (
    _Spec("tot_emp", 0, MAX_COUNT),
    _Spec("jobs_1000", 0, MAX_RATIO),
    _Spec("loc_quotient", 0, MAX_RATIO),
    *(
        _Spec(column, 1, MAX_DOLLARS)
        for column in ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90", "a_mean")
    ),
    *(
        _Spec(column, 0.01, MAX_HOURLY)
        for column in ("h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90", "h_mean")
    ),
)
"""The columns of models.FIGURE_VALUES, in its order, with the range of each."""
ANNUAL_AT, HOURLY_AT = 3, 9
"""Where the annual and the hourly percentiles start among a row's values."""
CROSS_INDUSTRY = "cross-industry"
CROSS_INDUSTRY_NAICS = "000000"
ALL_OWNERS = frozenset({1235, "1235"})
KNOWN_ANNUAL_CAPS = {
    **dict.fromkeys(range(2019, 2022), 208_000),
    **dict.fromkeys(range(2022, 2025), 239_200),
}
"""The annual top-coded wage ('#') by survey year, from the notes BLS publishes with each file;
used only when a file does not state it itself."""

_PERIOD_IN_NAME = re.compile(r"(?:^|[^a-z0-9])m_?((?:19|20)\d\d)(?![0-9])", re.IGNORECASE)
_PERIOD_IN_ARCHIVE = re.compile(r"^oesm(\d\d)(?![0-9])", re.IGNORECASE)
_PERIOD_GIVEN = re.compile(r"^\s*(?:may\s+)?(\d{4})\s*$", re.IGNORECASE)
_CAP_NOTE = re.compile(
    r"\$\s*([\d,]+(?:\.\d+)?)\s*per\s+hour\s+or\s+\$\s*([\d,]+)\s*per\s+year", re.IGNORECASE
)
_NUMBERS = frozenset({float, int})
_SOC = re.compile(r"^(\d{2})-?(\d{4})$")
_PRINTABLE = re.compile(ONE_LINE)
_AREA_CODE = re.compile(r"^[0-9]{1,10}$")
"""BLS area codes are digits: a code of letters could stand for a place name ('seattle')."""


@dataclass(frozen=True)
class ImportStats:
    """What reading one sheet did: rows read, occupation rows, rows kept, industry rows."""

    rows_read: int
    matched: int
    kept: int
    industry_rows: int


class AreaRow(NamedTuple):
    """An area as a sheet gives it, ready for the database."""

    key: str
    code: str
    title: str
    kind: AreaKind
    area_type: int | None
    prim_state: str | None
    states: tuple[str, ...]


NATIONAL = AreaRow(NATIONAL_CODE, NATIONAL_CODE, "U.S.", "nation", 1, "US", ())
"""The area of a file with no area columns: BLS's national files of old."""


# ---------------------------------------------------------------- the period


def period_given(given: str) -> str:
    """The period --period names ('May 2024' or '2024'); UsageError when it is not one."""
    match = _PERIOD_GIVEN.match(given)
    if not match:
        raise UsageError(f"--period {given!r}: give the survey period as 'May 2024' or 2024")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= _this_year():
        raise UsageError(
            f"--period {given!r}: OEWS May estimates exist for {FIRST_YEAR} to {_this_year()} only"
        )
    return f"May {year}"


def period_of(
    name: str | PurePath, given: str | None = None, archive: str | PurePath | None = None
) -> str:
    """The survey period, 'May 2024': from --period, else the file's name (_M2024_), else
    the name of the zip it came in (oesm24ma.zip)."""
    if given is not None:
        return period_given(given)
    file = PurePath(name).name
    match = _PERIOD_IN_NAME.search(file)
    year = int(match.group(1)) if match else None
    if year is None and archive is not None:
        zipped = _PERIOD_IN_ARCHIVE.match(PurePath(archive).name)
        year = 2000 + int(zipped.group(1)) if zipped else None
    where = f"{PurePath(archive).name}: {file}" if archive is not None else str(name)
    if year is None:
        raise SpreadsheetError(
            f"{where}: cannot tell the survey period from the file name (BLS names them like "
            "MSA_M2024_dl.xlsx or oesm24ma.zip); give it with --period 'May 2024'"
        )
    if not FIRST_YEAR <= year <= _this_year():
        raise SpreadsheetError(
            f"{where}: the name says May {year}, but OEWS May estimates exist for {FIRST_YEAR} "
            f"to {_this_year()} only; give the period with --period 'May 2024'"
        )
    return f"May {year}"


def _this_year() -> int:
    return dt.datetime.now(dt.UTC).year


def caps(notes: str, year: int) -> tuple[int | None, float | None]:
    """The annual and hourly wages BLS top-codes at ('#'), as the file's notes state them;
    the annual one as known for the year when they do not."""
    match = _CAP_NOTE.search(notes)
    if match:
        return int(match.group(2).replace(",", "")), float(match.group(1).replace(",", ""))
    return KNOWN_ANNUAL_CAPS.get(year), None


def annual_cap(notes: str, year: int) -> int | None:
    """The annual wage BLS top-codes at ('#'), as the file states it, else as known for the year."""
    return caps(notes, year)[0]


def soc_code(text: str) -> str | None:
    """A SOC code as 15-2051, from '15-2051' or '152051'; None if it is not one."""
    match = _SOC.match(text.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else None


# ---------------------------------------------------------------- the rows


class SheetReader:
    """One pass over a data sheet; the column positions are found once, from the header.

    `rows()` yields each kept figure as (part, area key, soc, *FIGURE_VALUES); a detailed row
    that comes after a broad one of the same area and occupation is yielded again, to replace
    it. `areas` and `occupations` fill as it goes."""

    def __init__(self, table: Table, where: str) -> None:
        self.table = table
        self.where = where + (f", sheet {quoted(table.sheet)}" if table.sheet else "")
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
        self.width = max(self.columns.values()) + 1
        self.areas: dict[str, AreaRow] = {}
        self.occupations: dict[str, str] = {}
        self.read = self.matched = self.industry = self.replaced = 0
        self._seen: dict[tuple[str, str], tuple[int, bool]] = {}
        self._titles: dict[str, str] = {}

    def stats(self) -> ImportStats:
        """What the pass has done so far."""
        return ImportStats(self.read, self.matched, len(self._seen), self.industry)

    def rows(  # noqa: PLR0912, PLR0915 -- one loop over 400,000 rows: a call a step costs
        self, part: int = 0, progress: Progress | None = None
    ) -> Iterator[tuple[object, ...]]:
        """Each figure to keep, checked, as a tuple for the database (see the class).

        Whole numbers (employment, annual wages) may come as floats (112590.0): the database
        stores them as integers (see database.WHOLE)."""
        columns = self.columns
        specs = [(columns.get(spec.column, -1), spec.low, spec.high) for spec in VALUE_COLUMNS]
        value_at = [at for at, *_ in specs]
        fast = operator.itemgetter(*value_at) if min(value_at) >= 0 else None
        occ_at, width, total = columns["occ_code"], self.width, self.table.total
        industry_at = columns.get("i_group", columns.get("naics", -1))
        owner_at = columns.get("own_code", -1)
        area_at = columns.get("area", -1)
        group_at = columns.get("o_group", -1)
        socs: dict[object, str] = {}
        keys: dict[object, str] = {}
        groups: dict[object, bool] = {}
        crossing: dict[object, bool] = {}
        seen = self._seen
        numbers = _NUMBERS
        read = matched = industry = 0
        try:
            for number, row in self.table.rows:
                read += 1
                if progress is not None and read % PROGRESS_EVERY == 0:
                    progress("rows", read, total)
                if len(row) < width:
                    row = [*row, *([""] * (width - len(row)))]  # noqa: PLW2901
                occ = row[occ_at]
                soc = socs.get(occ)
                if soc is None:
                    if not cell_text(occ):
                        continue  # a blank line or a footnote under the table
                    soc = socs[occ] = self._soc(occ, row, number)
                matched += 1
                if industry_at >= 0:
                    cell = row[industry_at]
                    cross = crossing.get(cell)
                    if cross is None:
                        cross = crossing[cell] = self._cross_industry(cell)
                    if not cross:
                        industry += 1
                        continue
                owner = row[owner_at] if owner_at >= 0 else 1235
                if owner not in ALL_OWNERS and cell_text(owner) != "1235":
                    industry += 1
                    continue
                cell = row[area_at] if area_at >= 0 else NATIONAL_CODE
                key = keys.get(cell)
                if key is None:
                    key = keys[cell] = self._area(row, number)
                if group_at >= 0:
                    cell = row[group_at]
                    detailed = groups.get(cell)
                    if detailed is None:
                        detailed = groups[cell] = cell_text(cell).lower() in ("", "detailed")
                else:
                    detailed = True
                pair = (key, soc)
                before = seen.get(pair)
                if before is not None:
                    if before[1] and detailed:
                        raise SpreadsheetError(
                            f"{self.where}: rows {before[0]} and {number} are both the "
                            f"cross-industry figure of {soc} in area {self.areas[key].code}; "
                            "refusing the file"
                        )
                    if before[1] or not detailed:
                        continue  # a broad row never replaces a detailed one, nor the first
                    self.replaced += 1
                if fast is not None and numbers.issuperset(map(type, values := fast(row))):
                    # Every value a number: one chained comparison checks each range and
                    # that the percentiles go up (most rows); anything else, the long way.
                    emp, jobs, lq, a10, a25, a50, a75, a90, am, h10, h25, h50, h75, h90, hm = values
                    if not (
                        0 <= emp <= MAX_COUNT
                        and 0 <= jobs <= MAX_RATIO
                        and 0 <= lq <= MAX_RATIO
                        and 1 <= a10 <= a25 <= a50 <= a75 <= a90 <= MAX_DOLLARS
                        and 1 <= am <= MAX_DOLLARS
                        and 0.01 <= h10 <= h25 <= h50 <= h75 <= h90 <= MAX_HOURLY
                        and 0.01 <= hm <= MAX_HOURLY
                    ):
                        values = self._values(row, number, specs)
                else:
                    values = self._values(row, number, specs)
                seen[pair] = (number, detailed)
                yield (part, key, soc, *values)
        finally:
            self.read, self.matched, self.industry = read, matched, industry
        kept = {soc for _, soc in seen}
        self.occupations = {soc: title for soc, title in self._titles.items() if soc in kept}
        if progress is not None:
            progress("rows", read, read)

    # ------------------------------------------------------------ the slow paths

    def _values(
        self, row: Sequence[Cell], number: int, specs: Sequence[tuple[int, float, float]]
    ) -> tuple[object, ...]:
        """A row's values one by one: marks kept, text read as a number, each checked."""
        values: list[object] = []
        for at, low, high in specs:
            value = row[at] if at >= 0 else None
            kind = type(value)
            if kind is float or kind is int:
                if not low <= value <= high:  # type: ignore[operator]
                    raise self._bad(number, at, value, "is out of range")
                values.append(value)
            elif kind is str:
                text = value.strip()  # type: ignore[attr-defined]
                if not text:
                    values.append(None)
                elif text in MARKERS:
                    values.append(text)
                else:
                    values.append(self._parse(text, number, at, low, high))
            elif value is None:
                values.append(None)
            else:
                raise self._bad(number, at, value, "is not a number")
        self._check_order(values, number)
        return tuple(values)

    def _soc(self, occ: Cell, row: Sequence[Cell], number: int) -> str:
        soc = soc_code(cell_text(occ))
        if soc is None:
            raise self._bad(number, self.columns["occ_code"], occ, "is not a SOC code")
        if soc not in self._titles:
            self._titles[soc] = self._title(row, number, soc)
        return soc

    def _cross_industry(self, value: Cell) -> bool:
        """Whether an I_GROUP (or, in older files, NAICS) cell says all industries."""
        if "i_group" in self.columns:
            return cell_text(value).lower() == CROSS_INDUSTRY
        return cell_text(value).zfill(6) == CROSS_INDUSTRY_NAICS

    def _area(self, row: Sequence[Cell], number: int) -> str:
        if "area" not in self.columns:  # a national file of old: no area columns at all
            self.areas.setdefault(NATIONAL_CODE, NATIONAL)
            return NATIONAL_CODE
        code = cell_text(row[self.columns["area"]])
        if not _AREA_CODE.match(code):
            raise self._bad(number, self.columns["area"], code, "is not an area code")
        raw_type = cell_text(self._cell(row, "area_type"))
        area_type = int(raw_type) if raw_type.isdigit() and 1 <= int(raw_type) <= 9 else None
        state = cell_text(self._cell(row, "prim_state"))[:10] or None
        title = self._checked(
            cell_text(self._cell(row, "area_title")) or code, number, "area_title"
        )
        kind = area_kind(code, area_type)
        key = code_key(code)
        if key not in self.areas:
            states = area_states(kind, title, state, code)
            shown = area_code(code, kind)
            self.areas[key] = AreaRow(key, shown, title, kind, area_type, state, states)
        return key

    def _title(self, row: Sequence[Cell], number: int, soc: str) -> str:
        return self._checked(cell_text(self._cell(row, "occ_title")) or soc, number, "occ_title")

    def _checked(self, title: str, number: int, key: str) -> str:
        """A title as it may be stored: one line of printable text, of a sane length."""
        if len(title) > 300:
            raise self._bad(number, self.columns[key], title, "is too long for a title")
        if not _PRINTABLE.fullmatch(title):
            raise self._bad(
                number,
                self.columns[key],
                title,
                "holds a line break, a control character or a bidi control; a title is one "
                "line of text",
            )
        return title

    def _cell(self, row: Sequence[Cell], key: str) -> Cell:
        at = self.columns.get(key)
        return row[at] if at is not None else None

    def _parse(self, text: str, number: int, at: int, low: float, high: float) -> float:
        try:
            value = float(text.replace(",", "").replace("$", ""))
        except ValueError:
            raise self._bad(number, at, text, "is not a number") from None
        if not low <= value <= high:
            raise self._bad(number, at, text, "is out of range")
        return value

    def _check_order(self, values: list[object], number: int) -> None:
        for start, names in ((ANNUAL_AT, "a"), (HOURLY_AT, "h")):
            highest: float = 0
            for offset in range(5):
                value = values[start + offset]
                if isinstance(value, int | float):
                    if value < highest:
                        self._went_down(values, number, start, names)
                    highest = value
                elif value == "#":  # at or above the survey's top wage: any figure after is lower
                    highest = math.inf

    def _went_down(self, values: list[object], number: int, start: int, kind: str) -> None:
        columns = [f"{kind.upper()}_{name}" for name in ("PCT10", "PCT25", "MEDIAN")]
        columns += [f"{kind.upper()}_{name}" for name in ("PCT75", "PCT90")]
        shown = ", ".join(
            f"{column} {_number(values[start + offset])}" for offset, column in enumerate(columns)
        )
        raise SpreadsheetError(
            f"{self.where}: row {number}: the percentiles go down ({shown}); refusing the file"
        )

    def _bad(self, number: int, at: int, value: object, problem: str) -> SpreadsheetError:
        column = self.table.header[at].upper()
        return SpreadsheetError(
            f"{self.where}: row {number}, column {column}: {quoted(str(value))} {problem}"
        )


def _number(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value) if value is not None else "blank"
