"""Read Table 1.2 of BLS Employment Projections (occupation.xlsx): each detailed occupation's
employment in the base and target years, the change in number and percent, openings a year,
median wage and typical entry education.

The sheet is recognised by its header (a 'NNNN National Employment Matrix code' column) and
its title ('Table 1.2 ...' in the row above, or the sheet's name), never by the file's name;
the period comes from the header ('Employment change, percent, 2024–34'). BLS publishes
employment, change and openings in thousands: they are kept as counts (× 1,000), and a
figure of more than 10,000 thousand (10 million jobs, more than any occupation has) is
refused, as a sheet not in thousands. Percents are kept as published, never recomputed. Only
'Line item' rows (detailed occupations) are kept; 'Summary' rows (groups) are skipped. A
value BLS gives as a dash is 'not available', kept as such; a top-coded wage ('>=$239,200')
is kept as at least that. Anything else that is not a number is refused with its row and
column named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import (
    MAX_DOLLARS,
    MAX_PERCENT_CHANGE,
    MAX_PROJECTED,
    NOT_AVAILABLE,
    ONE_LINE,
)
from mlcareers.official.oews import ImportStats, soc_code
from mlcareers.official.table import Cell, Progress, Table, cell_text, quoted

THOUSANDS = 1_000
MAX_THOUSANDS = MAX_PROJECTED // THOUSANDS
DASHES = frozenset({"—", "–", "-"})
"""Table 1.2 writes an em dash where it gives no value; the other dashes are read alike."""
LINE_ITEM, SUMMARY = "line item", "summary"
FIRST_BASE_YEAR, LAST_BASE_YEAR = 1990, 2100
"""Base years a projection may have: BLS's occupational projections began long before 2000."""

_FOOTNOTE = re.compile(r"\[\d+\]")
_DASH = re.compile(r"[\u2010-\u2015\u2212-]")
_MATRIX_CODE = re.compile(r"^(\d{4}) national employment matrix code$")
_TABLE_1_2 = re.compile(r"^table\s*1\.2(?![0-9])")
_SPAN = r"(\d{4})-(\d{2}|\d{4})"
_COLUMNS: dict[str, re.Pattern[str]] = {
    "title": re.compile(r"^\d{4} national employment matrix title$"),
    "code": _MATRIX_CODE,
    "type": re.compile(r"^occupation type$"),
    "employment": re.compile(r"^employment, (\d{4})$"),
    "change": re.compile(rf"^employment change, numeric, {_SPAN}$"),
    "percent": re.compile(rf"^employment change, percent, {_SPAN}$"),
    "openings": re.compile(rf"^occupational openings, {_SPAN},? annual average$"),
    "wage": re.compile(r"^median annual wage, dollars, (\d{4})$"),
    "education": re.compile(r"^typical education needed for entry$"),
}
"""Each column read, by its published name folded (lower case, dashes as '-', footnote
markers such as [1] dropped): one regular expression each."""
REQUIRED = ("title", "code", "type", "change", "percent", "openings")
_TOP_CODED = re.compile(r"^(?:>=|≥|>)\s*([\d,]+)$")
_PRINTABLE = re.compile(ONE_LINE)


def fold_label(cell: Cell) -> str:
    """A header cell as it is matched: footnote markers dropped, every dash a hyphen, spaces
    collapsed, lower case ('Median annual wage, dollars, 2024[1]' -> '... dollars, 2024')."""
    text = "" if cell is None else str(cell)
    return " ".join(_DASH.sub("-", _FOOTNOTE.sub("", text)).split()).lower()


def header_at(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The index of the row of a projections table's header among the first rows of a sheet:
    the one with a 'NNNN National Employment Matrix code' column."""
    for index, row in enumerate(rows):
        if any(_MATRIX_CODE.match(fold_label(cell)) for cell in row):
            return index
    return None


def is_table_1_2(title: str, sheet: str | None) -> bool:
    """Whether a projections sheet is Table 1.2: its title row says so, or its name does."""
    return bool(_TABLE_1_2.match(fold_label(title)) or fold_label(sheet) == "table 1.2")


class Period(NamedTuple):
    """A projection's period as its header gives it."""

    text: str
    """'2024–34', written as BLS writes it (an en dash, the target year's last two digits)."""
    base: int
    target: int


def _span(base: str, target: str) -> tuple[int, int]:
    start = int(base)
    end = int(target)
    if end < 100:  # '2024-34': the target year in the base year's century, or the next
        end += start - start % 100
        if end < start:
            end += 100
    return start, end


class ProjectionReader:
    """One pass over Table 1.2; the columns and the period are found once, from the header.

    `rows()` yields each kept occupation as (part, soc, base, target, change, percent,
    openings, median wage, entry education, top-coded); `occupations` fills as it goes."""

    def __init__(self, table: Table, where: str) -> None:
        self.table = table
        self.where = where + (f", sheet {quoted(table.sheet)}" if table.sheet else "")
        self.labels = table.labels or table.header
        folded = [fold_label(label) for label in self.labels]
        self.columns: dict[str, int] = {}
        employment: list[tuple[int, int]] = []
        spans: dict[str, tuple[int, int]] = {}
        for at, label in enumerate(folded):
            for key, pattern in _COLUMNS.items():
                match = pattern.match(label)
                if match is None:
                    continue
                if key == "employment":
                    employment.append((int(match.group(1)), at))
                elif key not in self.columns:
                    self.columns[key] = at
                    if key in ("change", "percent", "openings"):
                        spans[key] = _span(match.group(1), match.group(2))
                break
        missing = [key for key in REQUIRED if key not in self.columns]
        if len(employment) != 2 or missing:
            names = [_REQUIRED_NAMES[key] for key in missing]
            if len(employment) != 2:
                names.append("'Employment, <base year>' and 'Employment, <target year>'")
            raise SpreadsheetError(
                f"{self.where}: the header of Table 1.2 has no {' or '.join(names)} column; "
                "is it Table 1.2 of BLS Employment Projections (occupation.xlsx)?"
            )
        (base_year, base_at), (target_year, target_at) = sorted(employment)
        self.columns["base"], self.columns["target"] = base_at, target_at
        period = spans["percent"]
        for key in ("change", "openings"):
            if spans[key] != period:
                raise self._header(key, f"does not cover the period {_text_of(period)} of")
        if (base_year, target_year) != period:
            raise self._header("base", f"and 'Employment, {target_year}' do not fit the period of")
        if not (FIRST_BASE_YEAR <= base_year <= LAST_BASE_YEAR and base_year < target_year):
            raise self._header("base", "is no year BLS projects from, in the period of")
        self.period = Period(_text_of(period), *period)
        self.width = max(self.columns.values()) + 1
        self.occupations: dict[str, str] = {}
        self.read = self.matched = self.summaries = 0
        self.wage_cap: int | None = None
        self._seen: dict[str, int] = {}

    def stats(self) -> ImportStats:
        """What the pass has done so far: rows read, occupation rows, kept, summaries skipped."""
        return ImportStats(self.read, self.matched, len(self._seen), self.summaries)

    def rows(self, part: int = 0, progress: Progress | None = None) -> Iterator[tuple[object, ...]]:
        """Each detailed occupation to keep, checked, as a tuple for the database."""
        columns = self.columns
        for number, row in self.table.rows:
            self.read += 1
            if len(row) < self.width:
                row = [*row, *([""] * (self.width - len(row)))]  # noqa: PLW2901
            code = cell_text(row[columns["code"]])
            if not code:
                continue  # a blank line, or a note under the table
            self.matched += 1
            kind = cell_text(row[columns["type"]]).lower()
            if kind == SUMMARY:
                self.summaries += 1
                continue
            if kind != LINE_ITEM:
                raise self._bad(number, "type", row, "is neither 'Line item' nor 'Summary'")
            soc = soc_code(code)
            if soc is None:
                raise self._bad(number, "code", row, "is not a SOC code")
            before = self._seen.get(soc)
            if before is not None:
                raise SpreadsheetError(
                    f"{self.where}: rows {before} and {number} are both the line item of {soc}; "
                    "refusing the file; nothing was imported"
                )
            self._seen[soc] = number
            self.occupations[soc] = self._title(row, number)
            wage, top_coded = self._wage(row, number)
            yield (
                part,
                soc,
                self._count(row, number, "base", 0),
                self._count(row, number, "target", 0),
                self._count(row, number, "change", -MAX_THOUSANDS),
                self._percent(row, number),
                self._count(row, number, "openings", 0),
                wage,
                self._education(row, number),
                int(top_coded),
            )
            if progress is not None and self.read % 256 == 0:
                progress("rows", self.read, self.table.total)
        if progress is not None:
            progress("rows", self.read, self.read)

    # ------------------------------------------------------------ one value

    def _value(
        self, row: Sequence[Cell], number: int, key: str, text: str | None = None
    ) -> float | str | None:
        """A number as published (from `text` when given), NOT_AVAILABLE for a dash, None
        for a blank cell; refused, naming the row and column, when it is not a number."""
        value = row[self.columns[key]] if text is None else text
        if isinstance(value, bool):
            raise self._bad(number, key, row, "is not a number")
        if isinstance(value, int | float):
            if value != value:  # NaN  # noqa: PLR0124
                raise self._bad(number, key, row, "is not a number")
            return float(value)
        plain = cell_text(value)
        if not plain:
            return None
        if plain in DASHES:
            return NOT_AVAILABLE
        try:
            return float(plain.replace(",", ""))
        except ValueError:
            raise self._bad(number, key, row, "is not a number") from None

    def _count(self, row: Sequence[Cell], number: int, key: str, low: int) -> object:
        """Thousands as a count of jobs: 245.9 -> 245,900; refused past MAX_THOUSANDS."""
        value = self._value(row, number, key)
        if not isinstance(value, float):
            return value
        if abs(value) > MAX_THOUSANDS:
            raise self._bad(
                number,
                key,
                row,
                f"thousand is more jobs than any occupation has ({MAX_THOUSANDS:,} thousand, "
                f"{MAX_PROJECTED // 1_000_000} million, at most): is the sheet not in thousands?",
            )
        if value < low:
            raise self._bad(number, key, row, "is out of range: a count of jobs is not negative")
        return round(value * THOUSANDS)

    def _percent(self, row: Sequence[Cell], number: int) -> object:
        value = self._value(row, number, "percent")
        if isinstance(value, float) and not -100 <= value <= MAX_PERCENT_CHANGE:
            raise self._bad(
                number,
                "percent",
                row,
                f"is out of range (a percent change from -100 to {MAX_PERCENT_CHANGE:,.0f})",
            )
        return value

    def _wage(self, row: Sequence[Cell], number: int) -> tuple[object, bool]:
        """The median wage: whole dollars; the top code and True for '>=$239,200'; a dash."""
        if "wage" not in self.columns:
            return None, False
        cell = row[self.columns["wage"]]
        text = cell_text(cell).replace("$", "") if isinstance(cell, str) else None
        top = _TOP_CODED.match(text) if text is not None else None
        value = (
            self._value(row, number, "wage", text)
            if top is None
            else float(top.group(1).replace(",", ""))
        )
        if not isinstance(value, float):
            return value, False
        if not 1 <= value <= MAX_DOLLARS:
            raise self._bad(number, "wage", row, "is out of range")
        if top is not None:
            self.wage_cap = max(self.wage_cap or 0, round(value))
        return round(value), top is not None

    def _education(self, row: Sequence[Cell], number: int) -> str | None:
        if "education" not in self.columns:
            return None
        text = cell_text(row[self.columns["education"]])
        if text in DASHES:
            return NOT_AVAILABLE
        return self._checked(text, row, number, "education") if text else None

    def _title(self, row: Sequence[Cell], number: int) -> str:
        text = cell_text(row[self.columns["title"]])
        if not text:
            raise self._bad(number, "title", row, "is blank: an occupation has a title")
        return self._checked(text, row, number, "title")

    def _checked(self, text: str, row: Sequence[Cell], number: int, key: str) -> str:
        if len(text) > 300:
            raise self._bad(number, key, row, "is too long for a title")
        if not _PRINTABLE.fullmatch(text):
            raise self._bad(
                number, key, row, "holds a line break, a control character or a bidi control"
            )
        return text

    def _bad(self, number: int, key: str, row: Sequence[Cell], problem: str) -> SpreadsheetError:
        at = self.columns[key]
        label = " ".join(str(self.labels[at]).split())
        shown = _shown(row[at])
        return SpreadsheetError(
            f"{self.where}: row {number}, column {label!r}: {shown} {problem}; nothing was imported"
        )

    def _header(self, key: str, problem: str) -> SpreadsheetError:
        label = " ".join(str(self.labels[self.columns[key]]).split())
        percent = " ".join(str(self.labels[self.columns["percent"]]).split())
        return SpreadsheetError(
            f"{self.where}: the header's {label!r} {problem} {percent!r}; refusing the file"
        )


_REQUIRED_NAMES = {
    "title": "'NNNN National Employment Matrix title'",
    "code": "'NNNN National Employment Matrix code'",
    "type": "'Occupation type'",
    "change": "'Employment change, numeric, NNNN–NN'",
    "percent": "'Employment change, percent, NNNN–NN'",
    "openings": "'Occupational openings, NNNN–NN annual average'",
}


def _text_of(span: tuple[int, int]) -> str:
    return f"{span[0]}–{span[1] % 100:02d}"


def _shown(value: Cell) -> str:
    if isinstance(value, float):
        return f"{value:,}"
    return quoted(cell_text(value))
