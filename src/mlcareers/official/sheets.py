"""Open an OEWS spreadsheet, XLSX or CSV, find the sheet and row holding its header, yield rows.

The data sheet is the one whose header names OCC_CODE, wherever it sits in the workbook; the
text of the other sheets is kept, because BLS states the top-coded wage in its notes there.
XLSX is a zip archive, so its declared sizes are checked before anything is decompressed.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from python_calamine import CalamineError, CalamineWorkbook

from mlcareers.files import open_regular, read_bytes
from mlcareers.official.errors import SpreadsheetError

HEADER_KEY = "occ_code"
HEADER_SEARCH_ROWS = 20
NOTES_ROWS = 200
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 2 * 1024**3
MAX_RATIO = 200
RATIO_FLOOR = 1024**2
"""Members smaller than this may compress as well as they like: the ratio is not checked."""

MAX_FILE_BYTES = 1024**3
"""A gibibyte: the largest OEWS file, the all-data one, is well under a tenth of that."""
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"

Cell = object


class Table(NamedTuple):
    """A data sheet: its header folded to lower case, and its rows numbered as a person would."""

    header: tuple[str, ...]
    rows: Iterator[tuple[int, Sequence[Cell]]]
    total: int | None
    notes: str
    sheet: str | None


def fold_header(cell: Cell) -> str:
    """A header cell as it is matched: text, stripped, lower case."""
    return str(cell).strip().lower() if cell is not None else ""


def open_table(path: Path) -> Table:
    """The data sheet of an OEWS spreadsheet at `path`; SpreadsheetError if there is none."""
    # Opened, then checked: a FIFO or a device is refused, never waited on.
    descriptor = open_regular(path, "spreadsheet", MAX_FILE_BYTES)
    try:
        head = os.read(descriptor, 8)
    except OSError as error:
        raise SpreadsheetError(f"{path}: cannot be read ({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if head.startswith(ZIP_MAGIC):
        check_zip(path)
        return _workbook_table(path)
    if head.startswith(OLE_MAGIC):
        return _workbook_table(path)
    return _csv_table(path)


def check_zip(path: Path) -> None:
    """Refuse an archive that is not an XLSX workbook or would expand beyond reason."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SpreadsheetError(f"{path}: not an XLSX spreadsheet ({error})") from None
    if len(members) > MAX_MEMBERS:
        raise SpreadsheetError(
            f"{path}: refused: the archive holds {len(members):,} files, more than an XLSX "
            f"workbook would ({MAX_MEMBERS:,} at most)"
        )
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise SpreadsheetError(f"{path}: a zip archive, but not an XLSX workbook")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise SpreadsheetError(
            f"{path}: refused: it would expand to {total / 1024**2:,.0f} MiB, more than the "
            f"{MAX_UNCOMPRESSED / 1024**2:,.0f} MiB limit (a zip bomb?)"
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and (
            member.compress_size == 0 or member.file_size / member.compress_size > MAX_RATIO
        ):
            ratio = member.file_size / max(member.compress_size, 1)
            raise SpreadsheetError(
                f"{path}: refused: {member.filename} is compressed {ratio:,.0f} to 1, more than "
                f"a spreadsheet ever is ({MAX_RATIO} to 1 at most; a zip bomb?)"
            )


def _header_at(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The index of the header row among the first rows of a sheet, if one names OCC_CODE."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if any(fold_header(cell) == HEADER_KEY for cell in row):
            return index
    return None


def _workbook_table(path: Path) -> Table:
    errors = (CalamineError, OSError, ValueError, RuntimeError)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except errors as error:
        raise SpreadsheetError(f"{path}: not a readable spreadsheet ({_short(error)})") from None
    found: Table | None = None
    notes: list[str] = []
    for name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(name)
        except errors as error:
            raise SpreadsheetError(
                f"{path}: sheet {name!r} cannot be read ({_short(error)})"
            ) from None
        # iter_rows numbers rows from the top of the sheet, as a person reading it would.
        rows = enumerate(sheet.iter_rows(), start=1)
        first = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        at = None if found else _header_at([row for _, row in first])
        if at is None:
            more = itertools.islice(rows, NOTES_ROWS - len(first))
            notes.extend(" ".join(map(str, row)) for _, row in itertools.chain(first, more))
            continue
        header = tuple(fold_header(cell) for cell in first[at][1])
        end = sheet.end
        remaining = max((end[0] + 1 if end else 0) - first[at][0], 0)
        found = Table(header, itertools.chain(first[at + 1 :], rows), remaining, "", name)
    if found is None:
        raise SpreadsheetError(
            f"{path}: no sheet has an OCC_CODE column in its first {HEADER_SEARCH_ROWS} rows; "
            "is it an OEWS spreadsheet?"
        )
    return found._replace(notes="\n".join(notes))


def _csv_table(path: Path) -> Table:
    raw = read_bytes(path, "spreadsheet", MAX_FILE_BYTES)
    if b"\x00" in raw[:4096]:
        raise SpreadsheetError(f"{path}: not a spreadsheet (neither XLSX nor CSV text)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    first: list[list[str]] = []
    try:
        for row in reader:
            first.append(row)
            if len(first) >= HEADER_SEARCH_ROWS or (row and _header_at([row]) is not None):
                break
    except csv.Error as error:
        raise SpreadsheetError(f"{path}: line {reader.line_num}: not CSV ({error})") from None
    at = _header_at(first)
    if at is None:
        raise SpreadsheetError(
            f"{path}: no OCC_CODE column in its first {HEADER_SEARCH_ROWS} lines; "
            "is it an OEWS spreadsheet (XLSX, or CSV with the same header)?"
        )
    header = tuple(fold_header(cell) for cell in first[at])
    # Rows are numbered by record, as a spreadsheet shows them, not by line: a quoted cell
    # may hold a line break.
    after = _csv_rows(path, reader, len(first) + 1)
    rows = itertools.chain(enumerate(first[at + 1 :], start=at + 2), after)
    return Table(header, rows, None, "", None)


def _csv_rows(
    path: Path, reader: Iterator[list[str]], start: int
) -> Iterator[tuple[int, Sequence[Cell]]]:
    try:
        yield from enumerate(reader, start=start)
    except csv.Error as error:
        line = getattr(reader, "line_num", 0)
        raise SpreadsheetError(f"{path}: line {line}: not CSV ({error})") from None


def _short(error: BaseException) -> str:
    """An error's message on one line, not too long to read."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
