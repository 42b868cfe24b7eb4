"""A large OpenDocument spreadsheet (.ods) read as it streams, so that the whole import of any
file stays within a few hundred megabytes.

python-calamine reads an .ods whole, every sheet at once (the all-data file saved as .ods,
1.4 GB of XML, peaked at 1.3 GiB); this parses content.xml with expat a chunk at a time and
holds one row. It gives the values python-calamine gives: a number (float, percentage,
currency) as float, a text as str, an empty cell as "". It reads only the forms LibreOffice
writes: a number with its value, a text (its paragraphs, spans, links and runs of spaces, as
python-calamine reads them), an empty cell, repeats. On anything else (a date, a formula, a
note or bookmark in a text, a namespace prefix of its own) the sheet would
have to be read whole, which a file this large may not be: it is refused, naming the cell.

check_ods's protections hold here row by row, in its words: a repeat that would spread cells
beyond an OEWS sheet, or a formula with no saved value, is refused before it is spread.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from mlcareers.official import sheetscan
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.sheetscan import MAX_COLUMNS, MAX_ROWS, column_name
from mlcareers.official.table import Cell, quoted

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

Rows = Iterator[tuple[int, list[Cell]]]

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
PREFIXES = {"office": OFFICE, "table": TABLE, "text": TEXT}
"""python-calamine knows elements and attributes by these prefixes, as LibreOffice writes
them, not by their namespaces: a file that binds them otherwise is its own to read."""
_BOUND = {uri: prefix for prefix, uri in PREFIXES.items()}

_TABLE = f"{{{TABLE}}}table"
_ROW = f"{{{TABLE}}}table-row"
_CELL = f"{{{TABLE}}}table-cell"
_CELLS = frozenset((_CELL, f"{{{TABLE}}}covered-table-cell"))
"""A cell, and one a merged cell covers: python-calamine reads the two alike (a covered cell's
value, if it has one, is read as any cell's)."""
_P = f"{{{TEXT}}}p"
_NAME = f"{{{TABLE}}}name"
_ROWS_REPEATED = f"{{{TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{TABLE}}}number-columns-repeated"
_REPEATS = ("number-rows-repeated", "number-columns-repeated")
"""Their names as sheetscan.repeat_count takes them."""
_VALUE_TYPE = f"{{{OFFICE}}}value-type"
_VALUE = f"{{{OFFICE}}}value"
_SHOWN_TYPE = f"{{{CALCEXT}}}value-type"
"""LibreOffice's own copy of the value type, which python-calamine does not read."""
_STYLE = f"{{{TABLE}}}style-name"
_ROW_GROUPS = frozenset(
    f"{{{TABLE}}}{name}" for name in ("table-header-rows", "table-row-group", "table-rows")
)
"""Elements that hold rows: python-calamine reads the rows in them as the sheet's."""

_ROW_KEYS = frozenset((_STYLE, _ROWS_REPEATED, f"{{{TABLE}}}default-cell-style-name"))
_SPANS = (f"{{{TABLE}}}number-columns-spanned", f"{{{TABLE}}}number-rows-spanned")
"""A merged cell's extent: python-calamine reads the cell as it reads any, and the cells it
covers as their own."""
_EMPTY_KEYS = frozenset((_STYLE, _COLUMNS_REPEATED, *_SPANS))
_TEXT_KEYS = _EMPTY_KEYS | {_VALUE_TYPE, _SHOWN_TYPE}
_NUMBER_KEYS = _TEXT_KEYS | {_VALUE}
_KEYS: dict[str | None, frozenset[str]] = {
    None: _EMPTY_KEYS,
    "float": _NUMBER_KEYS,
    "percentage": _NUMBER_KEYS,
    "currency": _NUMBER_KEYS | {f"{{{OFFICE}}}currency"},
    "string": _TEXT_KEYS,
}
"""The attributes a plain cell of each type may have: any other may change what python-calamine
reads (a string value, a date, a formula) and leaves the cell to it."""
_NO_KEYS: frozenset[str] = frozenset()
_NUMERALS = "0123456789.eE+-"
"""What a number python-calamine reads is written with. On these, Rust's float grammar and
Python's are one; Python also takes '1_000', ' 12 ', Arabic digits, which Rust refuses."""
_ODD_COUNT = "a repeat count of 0 or not in ASCII digits"
_KINDS = {
    "date": "a date",
    "time": "a time",
    "boolean": "a true or false value",
}
ODD_BYTES = (b"<!", b"<?", b"&#")
"""A comment, CDATA or a DTD; a processing instruction; a character reference: expat and
python-calamine read each their own way (an office:value of '&#49;' is 1 to one, an error to
the other). LibreOffice writes none of them."""


class Unsupported(Exception):  # noqa: N818 -- a cell left to python-calamine, not a failure
    """What the stream does not read itself (`what`), and where (`at`)."""

    def __init__(self, what: str, at: str = "") -> None:
        super().__init__(f"{what} at {at}" if at else what)


def sheets(path: Path, where: str, size: int) -> Iterator[tuple[str, Rows]]:
    """Each sheet of the .ods at `path` (whose content.xml holds `size` bytes), in order: its
    name and its rows, numbered as in the sheet, from the first to the last with a value,
    each a list of values from column A to its last value (an empty row is []). One pass:
    asking for the next sheet skips the rows of the one before that were not read (only
    check_ods's refusals are looked for in them). What it refuses is a SpreadsheetError
    naming `where`: what check_ods refuses, in its words, and what it does not read itself
    (the file would have to be read whole, and one this large may not be)."""
    with (
        _refusals(where, size),
        zipfile.ZipFile(path) as archive,
        archive.open("content.xml") as stream,
    ):
        for name, rows in _Workbook(stream, where).sheets():
            yield name, _said(rows, where, size)


def _said(rows: Rows, where: str, size: int) -> Rows:
    with _refusals(where, size):
        yield from rows


@contextlib.contextmanager
def _refusals(where: str, size: int) -> Iterator[None]:
    """What the stream meets, said as SpreadsheetError."""
    from xml.etree.ElementTree import ParseError  # noqa: PLC0415

    try:
        yield
    except Unsupported as odd:
        raise SpreadsheetError(
            f"{where}: a large .ods ({size / 1024**2:,.0f} MiB of XML) with cells mlcareers "
            f"reads only whole ({odd}); save it as .xlsx or CSV and import that"
        ) from None
    except (
        KeyError,
        ValueError,  # a repeat count that is not one: check_ods says so in these words
        zipfile.BadZipFile,
        OSError,
        EOFError,
        zlib.error,
        ParseError,
    ) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({error})") from None


class _Workbook:
    """content.xml parsed once, sheet after sheet."""

    def __init__(self, stream: IO[bytes], where: str) -> None:
        from xml.etree.ElementTree import iterparse  # noqa: PLC0415

        self._source = _Checked(stream)
        # Python's expat (2.4 and later) refuses entity expansion bombs, and ElementTree
        # resolves no external entity.
        self._events = iterparse(self._source, events=("start", "end", "start-ns"))  # noqa: S314
        self._where = where
        self._sheet = ""
        self._skipping = False
        self._names: set[str] = set()

    def sheets(self) -> Iterator[tuple[str, Rows]]:
        opened: list[Element] = []  # the elements open around the sheets: each let go as it ends
        for event, element in self._events:
            if event == "start":
                if element.tag != _TABLE:
                    opened.append(element)
                    if len(opened) > sheetscan.MAX_DEPTH:
                        raise sheetscan.too_deep(self._where)
                    continue
                self._sheet = self._named(element)
                rows = self._rows(element, len(opened) + 1)
                yield self._sheet, rows
                self._skipping = True
                for _ in rows:
                    pass
                self._skipping = False
                if opened:
                    del opened[-1][:]
            elif event == "end":
                opened.pop()
                if opened:
                    del opened[-1][:]
                self._source.pending = 0
            else:
                _check_prefix(element)  # start-ns gives a (prefix, uri) pair

    def _rows(self, table: Element, depth: int) -> Rows:
        """The rows of the sheet whose start was just read, `depth` elements deep, up to its
        end. The depth is counted here as it changes (a method call an element cost 8%)."""
        holders = [table]  # the elements holding rows, innermost last: each row is let go
        counted = 0  # rows so far, repeats counted, as check_ods counts them
        given = 0
        for event, element in self._events:
            if event == "end":
                depth -= 1
                tag = element.tag
                if tag == _ROW:
                    counted, given = yield from self._ended(element, counted, given)
                    element.clear()
                    del holders[-1][:]
                    self._source.pending = 0
                elif tag == _TABLE:
                    element.clear()
                    return
                elif tag in _ROW_GROUPS:
                    holders.pop()
            elif event == "start":
                depth += 1
                if depth > sheetscan.MAX_DEPTH:
                    raise sheetscan.too_deep(self._where)
                if element.tag in _ROW_GROUPS:
                    holders.append(element)
                elif element.tag == _TABLE:
                    raise Unsupported("a table inside a cell", self._place(counted + 1))
            else:
                _check_prefix(element)  # start-ns gives a (prefix, uri) pair

    def _named(self, table: Element) -> str:
        """A sheet's name; one without a name (python-calamine leaves it out) or one named
        twice (python-calamine reads the last of them for both) is refused."""
        name = table.get(_NAME)
        if name is None:
            raise Unsupported("a sheet without a name")
        if name in self._names:
            raise sheetscan.sheet_named_twice(self._where, name)
        self._names.add(name)
        return name

    def _ended(
        self, row: Element, counted: int, given: int
    ) -> Generator[tuple[int, list[Cell]], None, tuple[int, int]]:
        """The rows a row's end gives (the empty ones before it, its repeats), after `counted`
        rows of which `given` were given; the two counts after it."""
        values, down = self._row(row, counted + 1)
        if not values:
            return down, given
        for number in range(given + 1, counted + 1):
            yield number, []
        for number in range(counted + 1, down + 1):
            yield number, values if number == down else list(values)
        return down, down

    def _row(self, row: Element, number: int) -> tuple[list[Cell], int]:
        """The values of row `number` (see _cells), and the number of its last repeat.
        Unsupported for a cell not in a plain form, unless check_ods refuses the row."""
        repeat = _count(row, _REPEATS[0])
        if repeat is None:
            raise Unsupported(_ODD_COUNT, self._place(number))
        down = number + repeat - 1
        return self._values(row, number, down), down

    def _values(self, row: Element, number: int, down: int) -> list[Cell]:
        if self._skipping:
            self._check(row, number, down)
            return []
        try:
            values = _cells(row)
        except _Odd as odd:
            self._check(row, number, down)  # what check_ods refuses, refused in its words
            raise Unsupported(odd.what, self._place(number, odd.column)) from None
        if values and down > MAX_ROWS:
            self._check(row, number, down)
        return values

    def _check(self, row: Element, number: int, down: int) -> None:
        """check_ods's refusals of a row, in its words."""
        width = sheetscan.ods_row_width(row, number, self._where)
        if width > MAX_COLUMNS or (width and down > MAX_ROWS):
            raise sheetscan.ods_beyond(self._where, width, down)

    def _place(self, number: int, column: int | None = None) -> str:
        cell = f", column {column_name(column)}" if column is not None else ""
        return f"row {number:,}{cell} of sheet {quoted(self._sheet)}"


class _Odd(Exception):  # noqa: N818 -- a cell to name, not a failure
    def __init__(self, what: str, column: int | None) -> None:
        super().__init__(what)
        self.what = what
        self.column = column


def _cells(row: Element) -> list[Cell]:
    """A row's values from column A to its last value ([] if it has none); _Odd for the first
    cell not in a plain form, or one beyond an OEWS sheet (before it is spread)."""
    if row.text is not None or not row.attrib.keys() <= _ROW_KEYS:
        raise _Odd("a row of an unusual form", None)
    values: list[Cell] = []
    at = 0
    for cell in row:
        attributes = cell.attrib
        kind = attributes.get(_VALUE_TYPE)
        shown = cell[0] if len(cell) else None  # a number's shown text is not its value
        if (
            not attributes.keys() <= _KEYS.get(kind, _NO_KEYS)
            or cell.text is not None
            or cell.tail is not None
            or cell.tag not in _CELLS
            or attributes.get(_SHOWN_TYPE, kind) != kind
            or (
                shown is not None
                and kind != "string"
                and (kind is None or len(cell) > 1 or shown.tag != _P or len(shown))
            )
        ):
            raise _Odd(_what(cell), at)
        repeat = _count(cell, _REPEATS[1]) if _COLUMNS_REPEATED in attributes else 1
        if repeat is None:
            raise _Odd(_ODD_COUNT, at)
        if kind is None:
            at += repeat
            continue
        value: Cell = (
            _text(cell, at) if kind == "string" else _number(attributes.get(_VALUE, ""), at)
        )
        end = at + repeat
        if end > MAX_COLUMNS:
            raise _Odd("a cell beyond an OEWS sheet", at)
        if at > len(values):
            values.extend([""] * (at - len(values)))
        if repeat == 1:
            values.append(value)
        else:
            values.extend([value] * repeat)
        at = end
    return values


def _text(cell: Element, column: int) -> str:
    """A text cell's value as python-calamine reads it: its paragraphs joined by line breaks,
    the text of spans and links kept, text:s as its count of spaces, a tab or a line break
    inside a paragraph as nothing. Any other element, or text between paragraphs, is _Odd."""
    if len(cell) == 1 and not len(cell[0]) and cell[0].tag == _P and cell[0].tail is None:
        return cell[0].text or ""  # nearly every text: one plain paragraph
    paragraphs = []
    for paragraph in cell:
        if paragraph.tag != _P or paragraph.tail is not None:
            raise _Odd(_what(cell), column)
        paragraphs.append(_inline(paragraph, cell, column))
    return "\n".join(paragraphs)


def _inline(element: Element, cell: Element, column: int) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag in _WRAPPERS:
            parts.append(_inline(child, cell, column))
        elif tag in _NOTHING and not len(child) and child.text is None:
            pass
        elif tag == _SPACES and not len(child) and child.text is None:
            count = child.get(_COUNT, "1")
            if not (count.isascii() and count.isdigit() and int(count) <= MAX_SPACES):
                raise _Odd("a run of spaces of an unusual count", column)
            parts.append(" " * int(count))
        else:
            raise _Odd(_what(cell), column)
        parts.append(child.tail or "")
    return "".join(parts)


_WRAPPERS = frozenset((f"{{{TEXT}}}span", f"{{{TEXT}}}a"))
"""Inline elements whose text python-calamine keeps as it is (a style, a link)."""
_NOTHING = frozenset((f"{{{TEXT}}}tab", f"{{{TEXT}}}line-break"))
"""Inline elements python-calamine reads as nothing."""
_SPACES = f"{{{TEXT}}}s"
_COUNT = f"{{{TEXT}}}c"
MAX_SPACES = 1000
"""A run of spaces longer than this in an OEWS file is no text: a count of 2,000,000,000
would make a reader allocate two gigabytes."""


def _number(written: str, column: int) -> float:
    try:
        if written.strip(_NUMERALS):
            raise ValueError(written)
        return float(written)
    except ValueError:
        raise _Odd("a number without a value or in a form of its own", column) from None


def _count(element: Element, attribute: str) -> int | None:
    """A repeat count; None for 0 or digits not in ASCII (python-calamine's own cases);
    ValueError if it is no count (as check_ods says)."""
    count = sheetscan.repeat_count(element, attribute)
    return count if count and element.get(f"{{{TABLE}}}{attribute}", "1").isascii() else None


def _what(cell: Element) -> str:  # noqa: PLR0911 -- one return a kind of cell
    """What a cell the stream does not read is, in a few words."""
    kind = cell.get(_VALUE_TYPE)
    if cell.tag not in _CELLS:
        return "an odd cell"
    if cell.get(f"{{{TABLE}}}formula") is not None:
        return "a formula"
    if kind in _KINDS:
        return _KINDS[kind]
    if kind is not None and kind not in _KEYS:
        return f"a cell of type {kind[:20]!r}"
    children = [child.tag.rsplit("}", 1)[-1] for child in cell]
    if "annotation" in children:
        return "a comment"
    if any(len(child) for child in cell):
        return "a text with markup of its own (a note, a bookmark, a field)"
    return "a cell of an unusual form"


def _check_prefix(declared: tuple[str, str]) -> None:
    prefix, uri = declared
    if PREFIXES.get(prefix, uri) != uri or _BOUND.get(uri, prefix) != prefix:
        raise Unsupported(f"the XML prefix {prefix[:20]!r} bound its own way")


MAX_PENDING = 16 * 1024**2
"""An OEWS row is a few kilobytes of XML."""


class _Checked:
    """content.xml's bytes as expat reads them, with what is read two ways (ODD_BYTES) said."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._before = b""
        self._first = True
        self.pending = 0
        """Bytes read since the end of the last row (or of an element around the sheets):
        what expat has made of them is held until then."""

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.pending += len(data)
        if self.pending > MAX_PENDING:
            raise Unsupported(f"more than {MAX_PENDING / 1024**2:,.0f} MiB of XML in one row")
        seen = self._before + data
        start = 0
        if self._first:  # the XML declaration is the one <? allowed
            self._first = False
            _require_utf8(seen)
            start = seen.find(b"?>") + 2 if seen.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else 0
        for odd in ODD_BYTES:
            if seen.find(odd, start) >= 0:
                raise Unsupported("a comment, a processing instruction or a character reference")
        self._before = data[-1:]
        return data


_DECLARED = re.compile(rb"<\?xml[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")


def _require_utf8(start: bytes) -> None:
    """python-calamine reads content.xml as UTF-8 whatever it declares; expat reads what it
    declares. A file in another encoding is read one way by each: refused."""
    text = start.removeprefix(b"\xef\xbb\xbf")
    declared = _DECLARED.match(text)
    if (
        text[:2] in (b"\xff\xfe", b"\xfe\xff")
        or b"\x00" in text[:4]
        or (declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"))
    ):
        raise Unsupported("XML in an encoding other than UTF-8")
