"""A scan of an XLSX workbook's sheets before python-calamine reads them, for what the reader
would mishandle: a cell far outside any OEWS sheet (the reader allocates every cell of the
rectangle its cells span, so one cell at XFD1048576 in a 7 KB file asks for hundreds of
gigabytes and aborts the process, whatever the sheet's `<dimension>` declares), and a
formula cell with no saved value (the reader drops it, so a figure would silently be blank).

The scan streams each sheet's XML through zlib in chunks and runs a few regular expressions
that match nothing in a good file; it reads no cell, so it costs a fraction of the reader.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from mlcareers.official.errors import SpreadsheetError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_COLUMNS = 64
"""OEWS sheets have 32 columns (A to AF): room for twice as many, never 16,384."""
LAST_COLUMN = "BL"
MAX_ROWS = 600_000
"""The all-data sheet has about 420,000 rows."""
CHUNK = 1024 * 1024
OVERLAP = 256
"""Bytes kept from the end of one chunk before the next: longer than any match."""

_FAR = (
    # A cell reference whose column is past BL (three letters, or C-Z then a letter, or B
    # then M-Z), or whose row is 600,000 or more (seven digits, or six from 6).
    rb'r="((?:[A-Z]{3}|[C-Z][A-Z]|B[M-Z])\d+|[A-Z]{1,2}(?:[1-9]\d{6,}|[6-9]\d{5}))"'
)
_FAR_CELL = re.compile(b" " + _FAR)
"""Attributes are separated by a space in every file seen; a literal start keeps it fast."""
_FAR_CELL_ANY_SPACE = re.compile(rb"\s" + _FAR)
_OTHER_SPACES = (b"\t", b"\n", b"\r")
_UNSAVED_FORMULA = re.compile(rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]{0,200}/>)\s*</(?:\w+:)?c>")
_CELL_REFERENCE = re.compile(rb'<(?:\w+:)?c\b[^>]{0,200}?\sr="([A-Z]{1,3}\d{1,7})"')
_SHEET_NAME = re.compile(r"xl/worksheets/[^/]+\.xml")


def check_sheets(path: Path, members: Sequence[zipfile.ZipInfo], where: str) -> None:
    """Refuse the workbook, naming the sheet and cell, if a sheet holds a cell beyond an OEWS
    sheet's reach or a formula with no saved value; SpreadsheetError if it cannot be read."""
    sheets = [m for m in members if _SHEET_NAME.fullmatch(m.filename)]
    try:
        with zipfile.ZipFile(path) as archive:
            for member in sheets:
                with archive.open(member) as stream:
                    _check_stream(stream, member.filename, where)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({error})") from None


def worksheet_bytes(members: Sequence[zipfile.ZipInfo]) -> int:
    """How many bytes the workbook's sheets hold unpacked."""
    return sum(m.file_size for m in members if _SHEET_NAME.fullmatch(m.filename))


def _check_stream(stream: IO[bytes], sheet: str, where: str) -> None:
    tail = b""
    while chunk := stream.read(CHUNK):
        data = tail + chunk
        far = _FAR_CELL.search(data)
        if far is None and any(space in data for space in _OTHER_SPACES):
            far = _FAR_CELL_ANY_SPACE.search(data)
        if far is not None:
            raise SpreadsheetError(
                f"{where}: refused: {sheet} has a cell at {far.group(1).decode('ascii')}, "
                f"beyond any OEWS sheet (columns A to {LAST_COLUMN}, fewer than "
                f"{MAX_ROWS:,} rows)"
            )
        unsaved = _UNSAVED_FORMULA.search(data) if _has_formula(data) else None
        if unsaved is not None:
            cell = _cell_before(data, unsaved.start())
            raise SpreadsheetError(
                f"{where}: {sheet}, cell {cell}: a formula with no saved value, so its figure "
                "cannot be read; open the file in a spreadsheet program, save it, and import "
                "it again"
            )
        tail = data[-OVERLAP:]


def _has_formula(data: bytes) -> bool:
    """Whether a formula element may be in `data`: cheap tests before the slow expression."""
    return b"<f" in data or b":f" in data


def _cell_before(data: bytes, end: int) -> str:
    """The reference of the last cell that starts before `end`, or '?' if it is not there."""
    found = _CELL_REFERENCE.findall(data, max(0, end - 4096), end)
    return found[-1].decode("ascii") if found else "?"


MAX_CELLS = 20_000_000
"""The all-data sheet is about 420,000 rows x 32 columns (13 million cells): half again."""
DIMENSION_BYTES = 64 * 1024
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?\$?(\d{1,7})?(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"'
)


def check_dimensions(path: Path, members: Sequence[zipfile.ZipInfo], where: str) -> None:
    """Refuse a workbook whose sheets declare more columns or cells than an OEWS sheet could
    have, before the reader allocates them: one cell at XFD1048576 in a 7 KB file would
    otherwise ask for hundreds of gigabytes. Reads each sheet's first bytes only."""
    sheets = [
        m
        for m in members
        if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")
    ]
    try:
        with zipfile.ZipFile(path) as archive:
            for member in sheets:
                with archive.open(member) as stream:
                    head = stream.read(DIMENSION_BYTES)
                found = _DIMENSION.search(head)
                if found is None:
                    continue
                column: bytes = found.group(3) or found.group(1) or b"A"
                rows = int(found.group(4) or found.group(2) or 1)
                columns = _column_number(column.decode("ascii"))
                if columns > MAX_COLUMNS or rows >= MAX_ROWS or columns * rows > MAX_CELLS:
                    ref = found.group(0).decode("ascii", "replace").split('"')[1]
                    raise SpreadsheetError(
                        f"{where}: refused: {member.filename} declares {columns:,} columns and "
                        f"{rows:,} rows ({ref}); an OEWS sheet has at most {MAX_COLUMNS} columns "
                        f"and {MAX_CELLS:,} cells"
                    )
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({error})") from None


def declared_rows(path: Path, member: zipfile.ZipInfo) -> int | None:
    """How many rows a sheet's `<dimension>` declares (its last row's number), if it says."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
            head = stream.read(DIMENSION_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    found = _DIMENSION.search(head)
    return int(found.group(4) or found.group(2) or 0) or None if found else None


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def is_ods(path: Path, members: Sequence[zipfile.ZipInfo]) -> bool:
    """Whether the zip is an OpenDocument spreadsheet (LibreOffice's .ods)."""
    if not any(m.filename == "content.xml" for m in members):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype")[:100].strip() == ODS_MIMETYPE
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def check_ods(path: Path, where: str) -> None:
    """Refuse an OpenDocument spreadsheet whose cells, once their repeat counts are spread
    out, reach beyond an OEWS sheet: a 1 KB file repeating one cell 16,384 times on 3,000
    rows makes the reader allocate gigabytes. Repeated empty cells and rows (LibreOffice
    writes them to the sheet's end) are no cells. Streams content.xml; reads no value."""
    from xml.etree.ElementTree import ParseError, iterparse  # noqa: PLC0415

    rows = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            # Python's expat (2.4 and later) refuses entity expansion bombs, and ElementTree
            # resolves no external entity.
            for event, element in iterparse(stream, events=("start", "end")):  # noqa: S314
                if element.tag == _TABLE + "table" and event == "start":
                    rows = 0
                elif element.tag == _TABLE + "table-row" and event == "end":
                    repeat = _repeat(element, "number-rows-repeated")
                    width = _ods_width(element, rows + 1, where)
                    rows += repeat
                    if width > MAX_COLUMNS or (width and rows > MAX_ROWS):
                        raise SpreadsheetError(
                            f"{where}: refused: a sheet has cells {width:,} columns across "
                            f"and {rows:,} rows down, beyond any OEWS sheet ({MAX_COLUMNS} "
                            f"columns, {MAX_ROWS:,} rows)"
                        )
                    element.clear()
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, ParseError) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({error})") from None


def _ods_width(row: Element, number: int, where: str) -> int:
    """How far across a row its last cell with content lies, repeats spread out; a formula
    with no saved value (no value type: the reader would give a blank, and a blank figure
    would hide an earlier file's) is refused, naming its cell (`number` is the row's)."""
    width = at = 0
    for cell in row:
        if cell.get(_TABLE + "formula") is not None and cell.get(_OFFICE + "value-type") is None:
            raise SpreadsheetError(
                f"{where}: cell {_column_name(at)}{number}: a formula with no saved value, so "
                "its figure cannot be read; open the file in a spreadsheet program, save it, "
                "and import it again"
            )
        at += _repeat(cell, "number-columns-repeated")
        if cell.get(_OFFICE + "value-type") is not None or len(cell):
            width = at
    return width


def _column_name(index: int) -> str:
    """A column's letters from its index counted from 0: 0 is A, 26 is AA."""
    name, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _repeat(element: Element, attribute: str) -> int:
    text = element.get(_TABLE + attribute, "1")
    if not text.isdigit() or len(text) > 9:
        raise ValueError(f"{attribute}={text[:20]!r} is not a count")
    return int(text)
