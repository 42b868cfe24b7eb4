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
from mlcareers.official.table import quoted

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_COLUMNS = 64
"""OEWS sheets have 32 columns (A to AF): room for twice as many, never 16,384."""
LAST_COLUMN = "BL"
MAX_ROWS = 600_000
"""The all-data sheet has about 420,000 rows."""
CHUNK = 1024 * 1024

_FAR = (
    # A cell reference (in either case, digits perhaps with leading zeros) whose column is past
    # BL (four letters or more, three, C-Z then a letter, or B then M-Z), or whose row is
    # 600,000 or more (seven digits or more, or six from 6).
    rb'r="((?:[A-Za-z]{3,}|[C-Zc-z][A-Za-z]|[Bb][M-Zm-z])\d+'
    rb'|[A-Za-z]{1,2}0*(?:[1-9]\d{6,}|[6-9]\d{5}))"'
)
_FAR_CELL = re.compile(b" " + _FAR)
"""Attributes are separated by a space in every file seen; a literal start keeps it fast."""
_FAR_CELL_ANY_SPACE = re.compile(rb"\s" + _FAR)
_OTHER_SPACES = (b"\t", b"\n", b"\r")
_UNSAVED_FORMULA = re.compile(
    rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]{0,200}/>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
"""A formula's end, then no saved value (none, or an empty one), then the cell's end."""
_CELL_REFERENCE = re.compile(rb'<(?:\w+:)?c\b[^>]{0,200}?\sr="([A-Z]{1,3}\d{1,7})"')
_SHEET_NAME = re.compile(r"xl/worksheets/[^/]+\.xml")


def check_sheets(path: Path, members: Sequence[zipfile.ZipInfo], where: str) -> None:
    """Refuse the workbook, naming the sheet and cell, if a sheet holds a cell beyond an OEWS
    sheet's reach or a formula with no saved value; SpreadsheetError if it cannot be read."""
    from mlcareers.official.xlsx_stream import sheet_members  # noqa: PLC0415 -- a cycle

    try:
        with zipfile.ZipFile(path) as archive:
            # The sheets the workbook names, wherever they are, and any in the usual place.
            named = set(sheet_members(archive).values())
            sheets = [
                m for m in members if _SHEET_NAME.fullmatch(m.filename) or m.filename in named
            ]
            for member in sheets:
                with archive.open(member) as stream:
                    _check_stream(stream, member.filename, where)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({error})") from None


def worksheet_bytes(members: Sequence[zipfile.ZipInfo]) -> int:
    """How many bytes the workbook's sheets hold unpacked."""
    return sum(m.file_size for m in members if _SHEET_NAME.fullmatch(m.filename))


def _check_stream(stream: IO[bytes], sheet: str, where: str) -> None:
    """Read a sheet's XML a part at a time, each part ending at a row's end tag (so that no
    tag is cut), and refuse a far cell or an unsaved formula in it. What has no row end yet
    waits in pieces, joined once one comes (joined at every chunk, a long row was quadratic)."""
    position = _Position()
    waiting: list[bytes] = []
    size = 0
    while chunk := stream.read(CHUNK):
        edge = waiting[-1][-64:] if waiting else b""
        end = _last_row_end(edge + chunk)
        if end is None:
            waiting.append(chunk)
            size += len(chunk)
            if size > MAX_ROW_BYTES:
                raise SpreadsheetError(
                    f"{where}: refused: {sheet} has a row of more than "
                    f"{MAX_ROW_BYTES // 1024**2} MiB, beyond any OEWS sheet"
                )
            continue
        cut = end - len(edge)
        _check_part(b"".join([*waiting, chunk[:cut]]), sheet, where, position)
        waiting, size = [chunk[cut:]], len(chunk) - cut
    _check_part(b"".join(waiting), sheet, where, position)


MAX_ROW_BYTES = 64 * 1024**2
"""An OEWS row is a few kilobytes of XML."""
_ROW_END = re.compile(rb"</(?:\w+:)?row\s*>")


def _last_row_end(data: bytes) -> int | None:
    """Where the last complete row of `data` ends, or None before the first."""
    at = data.rfind(b"row")
    while at >= 0:
        start = data.rfind(b"</", max(0, at - 64), at)
        if start >= 0:
            found = _ROW_END.match(data, start)
            if found is not None:
                return found.end()
        at = data.rfind(b"row", 0, at)
    return None


class _Position:
    """Where the careful reading is: the row, and the column of the last cell in it."""

    def __init__(self) -> None:
        self.row = 0
        self.column = 0


def _check_part(part: bytes, sheet: str, where: str, position: _Position) -> None:
    far = _FAR_CELL.search(part)
    if far is None and any(space in part for space in _OTHER_SPACES):
        far = _FAR_CELL_ANY_SPACE.search(part)
    if far is not None:
        raise _far(where, sheet, far.group(1).decode("ascii"))
    unsaved = _UNSAVED_FORMULA.search(part) if _has_formula(part) else None
    if unsaved is not None:
        cell = _cell_before(part, unsaved.start())
        raise SpreadsheetError(
            f"{where}: {sheet}, cell {cell}: a formula with no saved value, so its figure "
            "cannot be read; open the file in a spreadsheet program, save it, and import "
            "it again"
        )
    # Every row and cell with its reference written r="…" (every writer seen): the search
    # above has seen them all. Otherwise (a reference quoted with ', spaced around its =, or
    # left out, so the reader places the cell by its order; a prefixed tag) each row and
    # cell is placed as the reader would place it.
    # Counted tag by tag: every "<c" and "<row" must open with its reference (text holds no
    # raw '<' but in a comment or CDATA, which are read the careful way too). <col and
    # <rowBreaks count as tags without one: a part holding them is read the careful way.
    rows = part.count(b"<row")
    if (
        part.count(b'<c r="') != part.count(b"<c")
        or part.count(b'<row r="') != rows
        or b":row" in part
        or b"<!--" in part
        or b"<![CDATA[" in part
    ):
        _check_each(part, sheet, where, position)
    elif far_row := _FAR_ROW.search(part):
        raise _far(where, sheet, "row " + far_row.group(1).decode("ascii").lstrip("0"))
    elif rows:
        last = part.rfind(b'<row r="') + len(b'<row r="')
        digits = part[last : part.find(b'"', last)]
        position.row = int(digits) if digits.isdigit() and len(digits) < 9 else position.row


_FAR_ROW = re.compile(rb'<row r="(0*(?:[1-9]\d{6,}|[6-9]\d{5}))"')
_TAG = re.compile(rb"""<(?:\w+:)?(c|row)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
"""A row or cell tag, its attributes whole even when a value holds a '>'."""
_REFERENCE = re.compile(rb"""\sr\s*=\s*(["'])([^"']*)\1""")
_CELL_NAME = re.compile(rb"([A-Za-z]{1,4})(\d{1,12})")


def _check_each(part: bytes, sheet: str, where: str, position: _Position) -> None:
    """Place every row and cell as the reader does (a reference, or the next place after the
    one before) and refuse one beyond an OEWS sheet."""
    for tag in _TAG.finditer(part):
        kind, attributes = tag.groups()
        reference = _REFERENCE.search(attributes)
        text = reference.group(2).strip() if reference else b""
        if kind == b"row":
            digits = text.lstrip(b"0") or b"0"
            position.row = (
                (int(digits) if len(digits) < 9 else MAX_ROWS)
                if text.isdigit()
                else position.row + 1
            )
            position.column = 0
            if position.row >= MAX_ROWS:
                raise _far(where, sheet, f"row {position.row:,}")
            continue
        if reference is None:
            position.column += 1
            row = position.row
        else:
            name = _CELL_NAME.fullmatch(text)
            if name is None:
                raise _far(where, sheet, text.decode("ascii", "replace")[:20] or "''")
            position.column = _column_number(name.group(1).decode("ascii").upper())
            digits = name.group(2).lstrip(b"0") or b"0"
            row = int(digits) if len(digits) < 9 else MAX_ROWS
        if position.column > MAX_COLUMNS or row >= MAX_ROWS:
            column = column_name(position.column - 1)
            raise _far(where, sheet, f"{column}{row}")


def _far(where: str, sheet: str, cell: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"{where}: refused: {sheet} has a cell at {cell}, beyond any OEWS sheet (columns A to "
        f"{LAST_COLUMN}, fewer than {MAX_ROWS:,} rows)"
    )


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

    rows = depth = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            # Python's expat (2.4 and later) refuses entity expansion bombs, and ElementTree
            # resolves no external entity.
            for event, element in iterparse(stream, events=("start", "end")):  # noqa: S314
                depth += 1 if event == "start" else -1
                if depth > MAX_DEPTH:
                    raise too_deep(where)
                if element.tag == _TABLE + "table" and event == "start":
                    rows = 0
                elif element.tag == _TABLE + "table-row" and event == "end":
                    repeat = repeat_count(element, "number-rows-repeated")
                    width = ods_row_width(element, rows + 1, where)
                    rows += repeat
                    if width > MAX_COLUMNS or (width and rows > MAX_ROWS):
                        raise ods_beyond(where, width, rows)
                    element.clear()
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, ParseError) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({error})") from None


MAX_DEPTH = 64
"""An .ods nests a cell's text a dozen elements deep; a parser holds every element open
around the one it reads (15 MiB of nesting took 1.4 GB)."""


def too_deep(where: str) -> SpreadsheetError:
    """The refusal of XML nested deeper than MAX_DEPTH."""
    return SpreadsheetError(
        f"{where}: refused: its XML nests more than {MAX_DEPTH} elements deep, beyond any "
        "spreadsheet"
    )


def sheet_named_twice(where: str, name: str) -> SpreadsheetError:
    """The refusal of a workbook with two sheets of one name (python-calamine then reads the
    last of them for both)."""
    return SpreadsheetError(
        f"{where}: refused: two sheets are named {quoted(name)}, and readers differ on which "
        "of them a name means; rename one and import it again"
    )


def ods_beyond(where: str, width: int, rows: int) -> SpreadsheetError:
    """The refusal of a sheet whose cells reach `width` columns across and `rows` down."""
    return SpreadsheetError(
        f"{where}: refused: a sheet has cells {width:,} columns across and {rows:,} rows "
        f"down, beyond any OEWS sheet ({MAX_COLUMNS} columns, {MAX_ROWS:,} rows)"
    )


def ods_row_width(row: Element, number: int, where: str) -> int:
    """How far across a row its last cell with content lies, repeats spread out; a formula
    with no saved value (no value type: the reader would give a blank, and a blank figure
    would hide an earlier file's) is refused, naming its cell (`number` is the row's)."""
    width = at = 0
    for cell in row:
        if cell.get(_TABLE + "formula") is not None and cell.get(_OFFICE + "value-type") is None:
            raise SpreadsheetError(
                f"{where}: cell {column_name(at)}{number}: a formula with no saved value, so "
                "its figure cannot be read; open the file in a spreadsheet program, save it, "
                "and import it again"
            )
        at += repeat_count(cell, "number-columns-repeated")
        if cell.get(_OFFICE + "value-type") is not None or len(cell):
            width = at
    return width


def column_name(index: int) -> str:
    """A column's letters from its index counted from 0: 0 is A, 26 is AA."""
    name, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def repeat_count(element: Element, attribute: str) -> int:
    """A row's or cell's repeat count; ValueError if it is not one."""
    text = element.get(_TABLE + attribute, "1")
    if not text.isdigit() or len(text) > 9:
        raise ValueError(f"{attribute}={text[:20]!r} is not a count")
    return int(text)
