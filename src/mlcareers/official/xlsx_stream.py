"""A large worksheet read as it streams, in the form BLS and common writers use, so that the
whole import of any file stays within a few hundred megabytes.

python-calamine holds a whole sheet in memory (the all-data file's 13 million cells took
about 860 MiB, and it has no lazy reader); this reads a sheet's XML through zlib a megabyte
at a time and keeps only the shared strings (a few thousand for OEWS). It gives the values
python-calamine gives: text as str, a number as float, a boolean as bool, an error or an
empty cell as "". It reads only cells of the plain forms below, and on the first thing it does
not read itself (a formula, a date, a namespace prefix, a rich inline string) it says so with
`Unsupported`, and the caller reads the rest of the sheet with python-calamine.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING

from mlcareers.official.sheetscan import MAX_COLUMNS, MAX_ROWS, column_name
from mlcareers.official.table import Cell

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

CHUNK = 1024 * 1024

_SLASH = ord("/")
_AFTER_NAME = frozenset(b" \t\r\n>")
"""What may follow `<row` in a row's tag: a space before its attributes, or its end."""
_ROW_NUMBER = re.compile(rb'\br="(\d{1,7})"')
_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})(\d{1,7})"(?: s="(\d{1,6})")?(?: t="(\w{1,9})")?(?: s="(\d{1,6})")?'
    rb"(?: ?/>|></c>|>(<f\b[^>]*(?:/>|>[^<]*</f>))?<v>([^<]*)</v></c>"
    rb'|><is><t( xml:space="preserve")?>([^<]*)</t></is></c>)'
)
"""A cell in the plain form: its reference, style, type, and a saved value (perhaps a
formula's, which python-calamine reads as the value) or inline text."""
_FAST = re.compile(
    rb'<c r="([A-Z]{1,3})(\d{1,7})"(?: s="\d{1,6}")?(?: t="([ns])")?><v>([-+.\dEe]+)</v></c>'
)
"""The commonest cell by far: a number or a shared string, with a value written only with
digits, a sign, a point and an exponent (Python's float() also takes '1_000' and ' 12 ',
which python-calamine refuses). A row of only such
cells is read in two comprehensions (the all-data file's 13 million cells); any other row
goes cell by cell through _CELL."""
_FAST_STYLED = re.compile(
    rb'<c r="([A-Z]{1,3})(\d{1,7})"(?: s="(\d{1,6})")?(?: t="([ns])")?><v>([-+.\dEe]+)</v></c>'
)
"""_FAST with the style kept, for a workbook that has date styles to check."""
_COLUMNS = {column_name(index).encode("ascii"): index for index in range(MAX_COLUMNS)}
_POSITIONS = list(range(MAX_COLUMNS))
_NO_INDEX = -(1 << 62)
"""A shared string's index that is not plain digits ('-1' would read the last string): an
index no table has, so that the row is read cell by cell, where it is said."""


class Unsupported(Exception):  # noqa: N818 -- a signal to switch readers, not a failure
    """The sheet holds something this reader leaves to python-calamine, from row `row` on."""

    def __init__(self, row: int, reason: str) -> None:
        super().__init__(f"row {row}: {reason}")
        self.row = row


def rows(
    archive: zipfile.ZipFile,
    member: str,
    strings: Sequence[str],
    dates: frozenset[int],
) -> Iterator[tuple[int, list[Cell]]]:
    """The sheet's rows, numbered as in the sheet, each a list of values from column A (a
    missing cell is ""). Rows the sheet leaves out are not given. `dates` are the style
    indexes whose number format shows a date: python-calamine turns such a number into a
    date, so a number in one of those styles is Unsupported. Unsupported is raised before
    any value of the row it names is given."""
    with archive.open(member) as stream:
        yield from _rows(stream, strings, dates)


def _rows(  # noqa: PLR0912 -- one pass: parts cut at a row's end, each checked, then its rows
    stream: IO[bytes], strings: Sequence[str], dates: frozenset[int]
) -> Iterator[tuple[int, list[Cell]]]:
    waiting: list[bytes] = []  # read, not yet up to a row's end: joined once one comes
    size = 0
    tail = b""
    last = 0
    inside = False  # past <sheetData>
    while True:
        chunk = stream.read(CHUNK)
        look = tail + chunk
        end = look.rfind(b"</row>") if chunk else -1
        if end < 0 and chunk:
            waiting.append(chunk)
            size += len(chunk)
            tail = chunk[-len(b"</row") :]
            if size > MAX_PENDING:
                raise Unsupported(last + 1, "more than 64 MiB before a row's end")
            continue
        cut = end + len(b"</row>") - len(tail) if chunk else 0
        part = b"".join([*waiting, chunk[:cut]])
        rest = chunk[cut:]
        waiting, size, tail = [rest], len(rest), rest[-len(b"</row") :]
        if not inside:
            opening = part.find(b"<sheetData")
            if opening < 0:
                if not chunk:
                    return
                continue
            inside = True
            part = part[opening:]
        if not chunk:
            closing = part.find(b"</sheetData>")
            part = part[:closing] if closing >= 0 else part
        if _PREFIXED.search(part):  # a tag with a prefix: the reader reads it, this does not
            raise Unsupported(last + 1, "tags with a namespace prefix")
        if b"<!--" in part or b"<![CDATA[" in part or b"<?" in part:  # not cells, whatever inside
            raise Unsupported(last + 1, "a comment or a section the reader reads itself")
        pieces = part.split(b"</row>")
        if pieces.pop().count(b"<row"):  # what follows the last row's end: no row
            raise Unsupported(last + 1, "a row not in the plain form")
        if part.count(b"<row") != len(pieces):
            raise Unsupported(last + 1, "a row not in the plain form")
        for piece in pieces:
            start = piece.find(b"<row")
            close = piece.find(b">", start)
            if close < 0 or piece[close - 1] == _SLASH or piece[start + 4] not in _AFTER_NAME:
                raise Unsupported(last + 1, "a row not in the plain form")
            number = _row_number(piece[start + 4 : close], last)
            if number <= last or number >= MAX_ROWS:
                raise Unsupported(last + 1, "rows out of order or beyond an OEWS sheet")
            last = number
            yield number, _cells(piece[close + 1 :], number, strings, dates)
        if not chunk:
            return


MAX_PENDING = 64 * 1024**2
"""An OEWS row is a few kilobytes of XML; the sheet's start before its rows, a few more."""
_PREFIXED = re.compile(rb"</?\w+:")


def _row_number(attributes: bytes, last: int) -> int:
    found = _ROW_NUMBER.search(attributes)
    return int(found.group(1)) if found else last + 1


def _cells(body: bytes, number: int, strings: Sequence[str], dates: frozenset[int]) -> list[Cell]:
    count = body.count(b"<c")  # no other tag in a row starts so: an odd one is not matched
    if dates:
        styled = _FAST_STYLED.findall(body)
        if any(style and int(style) in dates for _, _, style, _, _ in styled):
            return _each_cell(body, count, number, strings, dates)
        fast = [(column, row, kind, value) for column, row, _, kind, value in styled]
    else:
        fast = _FAST.findall(body)
    if len(fast) != count or not fast:
        return _each_cell(body, count, number, strings, dates)
    digits = b"%d" % number
    try:
        at = [_COLUMNS[column] for column, row, _, _ in fast if row == digits]
        values: list[Cell] = [
            strings[int(value) if value.isdigit() else _NO_INDEX] if kind == b"s" else float(value)
            for _, _, kind, value in fast
        ]
    except (KeyError, ValueError, IndexError):
        return _each_cell(body, count, number, strings, dates)  # it says which, and what
    if len(at) != count:
        return _each_cell(body, count, number, strings, dates)
    if at[-1] == count - 1 and at == _POSITIONS[:count]:
        return values
    if at != sorted(set(at)):
        raise Unsupported(number, "cells out of order")
    spread: list[Cell] = [""] * (at[-1] + 1)
    for position, value in zip(at, values, strict=True):
        spread[position] = value
    return spread


def _each_cell(
    body: bytes, count: int, number: int, strings: Sequence[str], dates: frozenset[int]
) -> list[Cell]:
    values: list[Cell] = []
    matches = _CELL.findall(body)
    if len(matches) != count:
        raise Unsupported(number, "a cell not in the plain form")  # or an element of another kind
    for column, row, style, kind, style_after, formula, saved, kept, inline in matches:
        at = _COLUMNS.get(column)
        if at is None or int(row) != number:
            raise Unsupported(number, "a cell beyond an OEWS sheet or out of its row")
        if at < len(values):
            raise Unsupported(number, "cells out of order")
        if at > len(values):
            values.extend([""] * (at - len(values)))
        if formula and not saved:  # no saved value: the scan names it (see sheetscan)
            raise Unsupported(number, "a formula with no saved value")
        text = _text(inline, kept=bool(kept)) if inline or kept else ""
        if text is None:
            raise Unsupported(number, "an inline text python-calamine reads")
        values.append(_value(kind, saved, text, style or style_after, number, strings, dates))
    return values


def _value(  # noqa: PLR0911 -- one return a kind of cell
    kind: bytes,
    saved: bytes,
    inline: str,
    style: bytes,
    number: int,
    strings: Sequence[str],
    dates: frozenset[int],
) -> Cell:
    if kind in (b"", b"n"):
        if not saved:
            return ""
        if style and int(style) in dates:
            raise Unsupported(number, "a number shown as a date")
        if not _NUMBER.fullmatch(saved):  # Python reads "1_000", " 12 " and "inf"; Rust not
            raise Unsupported(number, "a number in a form python-calamine reads")
        return float(saved)
    if kind == b"s":
        index = int(saved) if saved.isdigit() else -1
        if not 0 <= index < len(strings):
            raise Unsupported(number, "a shared string that is not there")
        return strings[index]
    if kind == b"inlineStr":
        return inline
    if kind == b"str":  # a formula's text result: python-calamine keeps its spaces
        text = _text(saved, kept=True)
        if text is None:
            raise Unsupported(number, "a text python-calamine reads")
        return text
    if kind == b"b":
        if saved not in (b"0", b"1"):
            raise Unsupported(number, "a yes or no python-calamine reads")
        return saved == b"1"
    if kind == b"e":
        return ""
    raise Unsupported(number, f"a cell of type {kind.decode('ascii', 'replace')!r}")


_NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_XML_SPACE = " \t\n\r"


def _text(raw: bytes, *, kept: bool) -> str | None:
    """An inline text as python-calamine reads it: its five named entities unescaped, and
    trimmed of XML white space at both ends unless its element says xml:space="preserve";
    None for what is python-calamine's to read (a character reference, a carriage return,
    bytes that are not UTF-8)."""
    if b"&#" in raw or b"\r" in raw:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "&" in text:
        if _OTHER_AMPERSAND.search(text):  # an entity XML does not name: the reader's call
            return None
        text = _unescape(text)
    return text if kept else text.strip(_XML_SPACE)


_OTHER_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)")


def _unescape(text: str) -> str:
    for entity, character in _ENTITIES:
        text = text.replace(entity, character)
    return text


_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&"))
"""XML's named entities, &amp; last so that '&amp;lt;' stays '&lt;'."""


def shared_strings(archive: zipfile.ZipFile, names: Sequence[str]) -> list[str]:
    """The workbook's shared strings: each item's text runs joined, phonetic runs left out."""
    from xml.etree.ElementTree import iterparse  # noqa: PLC0415

    member = next((name for name in names if name.lower() == "xl/sharedstrings.xml"), None)
    if member is None:
        return []
    strings: list[str] = []
    with archive.open(member) as stream:
        # Python's expat (2.4 and later) refuses entity expansion bombs, and ElementTree
        # resolves no external entity.
        for _, element in iterparse(stream):  # noqa: S314
            if _local(element.tag) == "si":
                parts: list[str] = []
                for child in element:  # a plain text, or runs; a phonetic run (rPh) is no text
                    tag = _local(child.tag)
                    if tag == "t":
                        parts.append(_trimmed(child))
                    elif tag == "r":
                        parts.extend(_trimmed(t) for t in child if _local(t.tag) == "t")
                strings.append("".join(parts))
                element.clear()
    return strings


def _trimmed(text: Element) -> str:
    """A text element's text as python-calamine reads it (see _text)."""
    value = text.text or ""
    return value if text.get(_SPACE_ATTRIBUTE) == "preserve" else value.strip(_XML_SPACE)


_SPACE_ATTRIBUTE = "{http://www.w3.org/XML/1998/namespace}space"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_DATE_FORMATS = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59),
                           *range(71, 82)))  # fmt: skip
"""Built-in number formats that show a date or a time (ECMA-376's, the East Asian and Thai
ones): generously, so that what python-calamine may read as a date is left to it."""
_DATE_CODE = re.compile(r"[dmyhsDMYHS]")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[(?![hHmMsS]+\])[^\]]*\]')
"""What a number format shows as it is: quoted text, an escaped character, a colour or a
locale in brackets (but not [h], [m] or [s], which are durations)."""


def date_styles(archive: zipfile.ZipFile, names: Sequence[str]) -> frozenset[int]:
    """The cell styles whose number format may show a date or a time: generously, any custom
    format with a day, month, year, hour or second letter outside quotes and brackets (a
    number in such a style is left to python-calamine)."""
    from xml.etree.ElementTree import iterparse  # noqa: PLC0415

    member = next((name for name in names if name.lower() == "xl/styles.xml"), None)
    if member is None:
        return frozenset()
    custom: dict[int, str] = {}
    formats: list[int] = []
    in_cell_formats = False
    with archive.open(member) as stream:
        for event, element in iterparse(stream, events=("start", "end")):  # noqa: S314
            tag = _local(element.tag)
            if tag == "numFmt" and event == "end":
                identifier = element.get("numFmtId", "")
                if identifier.isdigit():
                    custom[int(identifier)] = element.get("formatCode", "")
            elif tag == "cellXfs":
                in_cell_formats = event == "start"
            elif tag == "xf" and event == "end" and in_cell_formats:
                identifier = element.get("numFmtId", "0")
                formats.append(int(identifier) if identifier.isdigit() else 0)
    return frozenset(
        index
        for index, identifier in enumerate(formats)
        if identifier in _DATE_FORMATS
        or (identifier in custom and _DATE_CODE.search(_QUOTED.sub("", custom[identifier])))
    )


def sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and the zip member holding it, as the workbook and its relationships
    say; empty when they cannot be read (the reader then reads every sheet itself)."""
    from xml.etree.ElementTree import ParseError, fromstring  # noqa: PLC0415

    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return {}
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for relation in relations
        if _local(relation.tag) == "Relationship"
    }
    members: dict[str, str] = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        relation = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(relation, "")
        name = sheet.get("name")
        if name and target:
            members[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return members
