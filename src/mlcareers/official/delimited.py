"""Spreadsheets saved as text: comma-, tab- or semicolon-separated, in UTF-8, Windows-1252
or UTF-16 (Excel's "Unicode text"); the separator is the one the header line uses, and in a
semicolon-separated file (Excel in much of Europe) numbers are written 1.234,56."""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from mlcareers.files import read_bytes
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.table import (
    HEADER_SEARCH_ROWS,
    Cell,
    NoDataSheetError,
    Progress,
    Table,
    fold_header,
    header_at,
)

MAX_FILE_BYTES = 1024**3


SEPARATORS = (",", "\t", ";")
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
_EUROPEAN = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+)")
"""A number as Excel writes it where the decimal mark is a comma: 112.590 or 54,10."""


def delimited_table(path: Path, where: str, progress: Progress | None) -> Table:
    """The OEWS table in a text file; NoDataSheetError if no line among the first names
    OCC_CODE, SpreadsheetError if it is not text or not separated values."""
    raw = read_bytes(path, "spreadsheet", MAX_FILE_BYTES)
    if raw.startswith(UTF16_MARKS):
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise SpreadsheetError(f"{where}: not readable UTF-16 text") from None
    if b"\x00" in raw[:4096]:
        raise SpreadsheetError(
            f"{where}: not a spreadsheet (neither XLSX, ODS, XLS nor separated text)"
        )
    encoding = "utf-8-sig"
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        encoding = "cp1252"
    separator = _separator(raw, encoding)
    reader = csv.reader(_lines(raw, encoding), delimiter=separator)
    first: list[list[str]] = []
    try:
        for row in reader:
            first.append(row)
            if len(first) >= HEADER_SEARCH_ROWS or (row and header_at([row]) is not None):
                break
    except csv.Error as error:
        raise SpreadsheetError(f"{where}: line {reader.line_num}: not CSV ({error})") from None
    at = header_at(first)
    if at is None:
        raise NoDataSheetError(
            f"{where}: no OCC_CODE column in its first {HEADER_SEARCH_ROWS} lines; "
            "is it an OEWS spreadsheet (XLSX, ODS, or text with the same header)?"
        )
    header = tuple(fold_header(cell) for cell in first[at])
    # Rows are numbered by record, as a spreadsheet shows them, not by line: a quoted cell
    # may hold a line break.
    after = _csv_rows(where, reader, len(first) + 1)
    rows: Iterator[tuple[int, Sequence[Cell]]] = itertools.chain(
        enumerate(first[at + 1 :], start=at + 2), after
    )
    if separator == ";":
        rows = ((number, [_european(cell) for cell in row]) for number, row in rows)
    lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
    return Table(header, rows, max(lines - at - 1, 0), "", None)


def _separator(raw: bytes, encoding: str) -> str:
    """The separator the header line uses most: a comma unless tabs or semicolons win."""
    for number, line in enumerate(_lines(raw, encoding)):
        if "occ_code" in line.lower():
            counts = {mark: line.count(mark) for mark in SEPARATORS}
            best = max(SEPARATORS, key=lambda mark: counts[mark])
            return best if counts[best] else ","
        if number >= HEADER_SEARCH_ROWS:
            break
    return ","


def _european(cell: Cell) -> Cell:
    """A number written with a decimal comma (and dots between thousands) as the OEWS reader
    reads numbers: 112.590 -> 112590, 54,10 -> 54.10; any other cell as it is."""
    text = cell.strip() if isinstance(cell, str) else ""
    if _EUROPEAN.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    return cell


def _lines(raw: bytes, encoding: str) -> Iterator[str]:
    """The lines of `raw`, decoded one at a time: the text is never held whole beside it."""
    start, size = 0, len(raw)
    if encoding == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf"):
        start = 3
    while start < size:
        end = raw.find(b"\n", start)
        end = size if end < 0 else end + 1
        yield raw[start:end].decode(encoding, errors="replace")
        start = end


def _csv_rows(
    where: str, reader: Iterator[list[str]], start: int
) -> Iterator[tuple[int, Sequence[Cell]]]:
    try:
        yield from enumerate(reader, start=start)
    except csv.Error as error:
        line = getattr(reader, "line_num", 0)
        raise SpreadsheetError(f"{where}: line {line}: not CSV ({error})") from None
