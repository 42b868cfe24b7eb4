"""What every reader of a spreadsheet gives the OEWS reader: the data sheet's header and its
rows, numbered as a person would number them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from mlcareers.official.errors import SpreadsheetError

HEADER_KEY = "occ_code"
HEADER_SEARCH_ROWS = 20

Cell = object
Progress = Callable[[str, int, int | None], None]
"""Told (stage, done, total) now and then: stage 'download' counts bytes received, 'load'
bytes the loader has read (an estimate), 'rows' rows; the total may be unknown (None)."""


class Table(NamedTuple):
    """A data sheet: its header folded to lower case, and its rows numbered as a person would.

    `kind` says what it is: an OEWS sheet ('oews'), or Table 1.2 of BLS Employment
    Projections ('ep'), whose header `labels` are kept as published for messages."""

    header: tuple[str, ...]
    rows: Iterator[tuple[int, Sequence[Cell]]]
    total: int | None
    notes: str
    sheet: str | None
    kind: str = "oews"
    labels: tuple[str, ...] = ()
    notes_after: Callable[[], str] | None = None
    """The text of the sheets after this one, when they can be read only once its rows have
    been (a large .ods, read in one pass): `notes` then holds that of the sheets before."""

    def all_notes(self) -> str:
        """The text of the workbook's other sheets, a line a row (BLS states its top-coded
        wage there); once the rows have been read."""
        later = self.notes_after() if self.notes_after is not None else ""
        return "\n".join(part for part in (self.notes, later) if part)


class NoDataSheetError(SpreadsheetError):
    """A spreadsheet with no OCC_CODE header: in a zip, one of the files that are not data."""


class NoProjectionsTableError(NoDataSheetError):
    """A BLS Employment Projections workbook without Table 1.2 (another of its workbooks, or
    the table left out): in a zip it is skipped as the files that are not data are."""


def cell_text(value: Cell) -> str:
    """A cell as text, stripped: a whole float without its '.0' (calamine reads 1235 as
    1235.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def quoted(text: str) -> str:
    """A cell's text as a message quotes it: repr, cut to 40 characters."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def fold_header(cell: Cell) -> str:
    """A header cell as it is matched: text, stripped, lower case."""
    return str(cell).strip().lower() if cell is not None else ""


def header_at(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The index of the header row among the first rows of a sheet, if one names OCC_CODE."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(fold_header(cell) == HEADER_KEY for cell in row):
            return index
    return None


def short(error: BaseException) -> str:
    """An error's message on one line, not too long to read."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
