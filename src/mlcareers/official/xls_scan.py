"""A scan of an XLS workbook (BIFF8 in a compound file) before python-calamine reads it: the
reader allocates every cell of the rectangle a sheet's cells span, so one cell at IV65536 in
a 19 KB file made it take a gigabyte. Every cell record's row and column is read (a sheet's
DIMENSIONS record may lie, as an xlsx's <dimension> may), and a cell beyond an OEWS sheet's
reach is refused, naming it; no value is read.

The compound file is followed by the FAT and, for a small stream, the mini FAT, with every
chain's length bounded, so that a hostile file cannot make the scan loop or read far.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.sheetscan import LAST_COLUMN, MAX_COLUMNS, MAX_ROWS, column_name

_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_STREAMS = ("workbook", "book")
MAX_STREAMS = 4
"""Workbook and Book, each perhaps in another case: a reader takes one."""
_CELLS = {
    0x0006: "FORMULA",
    0x00BD: "MULRK",
    0x00BE: "MULBLANK",
    0x00D6: "RSTRING",
    0x00FD: "LABELSST",
    0x0201: "BLANK",
    0x0203: "NUMBER",
    0x0204: "LABEL",
    0x0205: "BOOLERR",
    0x027E: "RK",
}
"""BIFF8's cell records: each begins with its row and column (u16 each)."""
_SPANS = (0x00BD, 0x00BE)
"""Records of several cells in one row, whose last column is their last two bytes."""


class _MalformedError(ValueError):
    """The compound file does not hold together."""


def check_xls(path: Path, where: str) -> None:
    """Refuse, naming the cell, an XLS with a cell beyond any OEWS sheet (columns A to BL,
    fewer than MAX_ROWS rows); SpreadsheetError too if its workbook stream cannot be found.
    Every stream a reader may take for the workbook is scanned (Workbook and Book, in any
    case), each from its start and from every sheet's offset its BOUNDSHEET records give,
    as python-calamine seeks to them."""
    try:
        data = path.read_bytes()
        streams = _workbook_streams(data)
    except (OSError, _MalformedError, struct.error, IndexError) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({error})") from None
    for stream in streams:
        starts = {0, *_sheet_offsets(stream)}
        if len(starts) > MAX_SHEETS:
            raise SpreadsheetError(
                f"{where}: refused: {len(starts) - 1:,} sheets, more than any OEWS workbook"
            )
        for start in sorted(starts):
            _check_cells(stream, start, where, whole=start == 0)


def _records(stream: bytes, start: int) -> Iterator[tuple[int, int, int]]:
    """Each record from `start` on, as (kind, where its body starts, its length), until the
    stream ends or a record claims more bytes than are left (python-calamine stops there)."""
    at, size = start, len(stream)
    while at + 4 <= size:
        kind, length = struct.unpack_from("<HH", stream, at)
        body = at + 4
        if body + length > size:
            return
        yield kind, body, length
        at = body + length


def _sheet_offsets(stream: bytes) -> list[int]:
    """Where the BOUNDSHEET records of the workbook's globals say each sheet begins."""
    offsets = []
    for kind, body, length in _records(stream, 0):
        if kind == _BOUNDSHEET and length >= 4:
            offsets.append(struct.unpack_from("<I", stream, body)[0])
        elif kind == _EOF:
            break
    return [offset for offset in offsets if offset < len(stream)]


_BOUNDSHEET, _EOF = 0x0085, 0x000A


MAX_SHEETS = 256
"""An OEWS workbook has two or three sheets; a reader seeks to each."""


def _check_cells(stream: bytes, start: int, where: str, *, whole: bool) -> None:
    """The cells from `start` on: the whole stream (`whole`), or one sheet, to its EOF."""
    for kind, body, length in _records(stream, start):
        if kind == _EOF and not whole and body > start + 4:
            return
        if kind in _CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            if kind in _SPANS and length >= 6:
                column = max(column, struct.unpack_from("<H", stream, body + length - 2)[0])
            if column >= MAX_COLUMNS or row >= MAX_ROWS:
                raise SpreadsheetError(
                    f"{where}: refused: a {_CELLS[kind]} cell at {column_name(column)}{row + 1}, "
                    f"beyond any OEWS sheet (columns A to {LAST_COLUMN}, fewer than "
                    f"{MAX_ROWS:,} rows)"
                )


def _workbook_streams(data: bytes) -> list[bytes]:  # noqa: PLR0912, PLR0915 -- one walk of the file
    """The bytes of every stream of the compound file named Workbook or Book, in any case."""
    if data[:8] != _MAGIC or len(data) < 512:
        raise _MalformedError("not a compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _MalformedError("unusual sector sizes")
    sector = 1 << shift
    fat_count, first_directory = struct.unpack_from("<II", data, 0x2C)
    cutoff, first_mini_fat, mini_fat_count, first_difat, difat_count = struct.unpack_from(
        "<IIIII", data, 0x38
    )
    sectors = -(-(len(data) - sector) // sector)  # the last may be short: the most a chain has
    if fat_count > sectors or mini_fat_count > sectors or difat_count > sectors:
        raise _MalformedError("more allocation sectors than the file has sectors")

    def read(number: int) -> bytes:
        start = (number + 1) * sector
        if number >= sectors:
            raise _MalformedError(f"sector {number} is beyond the file")
        return data[start : start + sector]

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))[: min(fat_count, 109)]
    difat, seen = first_difat, 0
    while difat not in (_END, _FREE) and len(fat_sectors) < fat_count:
        seen += 1
        if seen > difat_count + 1 or seen > sectors:
            raise _MalformedError("the DIFAT chain does not end")
        slots = struct.unpack(f"<{sector // 4}I", read(difat))
        fat_sectors += slots[:-1]
        difat = slots[-1]
    if len(set(fat_sectors[:fat_count])) != len(fat_sectors[:fat_count]):
        raise _MalformedError("an allocation sector listed twice")
    fat: list[int] = []
    for number in fat_sectors[:fat_count]:
        fat += struct.unpack(f"<{sector // 4}I", read(number))

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        numbers: list[int] = []
        while start not in (_END, _FREE):
            if len(numbers) >= limit or start >= len(table):
                raise _MalformedError("a sector chain does not end")
            numbers.append(start)
            start = table[start]
        return numbers

    directory = b"".join(read(n) for n in chain(first_directory, fat, sectors))
    entries = [directory[at : at + 128] for at in range(0, len(directory) - 127, 128)]
    if not entries:
        raise _MalformedError("no directory")
    root_start, root_size = struct.unpack_from("<IQ", entries[0], 0x74)
    mini_fat: list[int] | None = None
    found: list[bytes] = []
    listed: set[tuple[int, int]] = set()
    for entry in entries:
        length = struct.unpack_from("<H", entry, 0x40)[0]
        name = entry[: max(min(length, 64) - 2, 0)].decode("utf-16-le", "replace").lower()
        if entry[0x42] != 2 or name not in _STREAMS:
            continue
        start, size = struct.unpack_from("<IQ", entry, 0x74)
        if (start, size) in listed:  # one stream listed again: read once
            continue
        listed.add((start, size))
        if len(listed) > MAX_STREAMS:
            raise _MalformedError("more workbook streams than a workbook has")
        if size >= cutoff:
            stream = b"".join(read(n) for n in chain(start, fat, sectors))
            found.append(stream[:size])
            continue
        if mini_fat is None:
            mini_fat = []
            for number in chain(first_mini_fat, fat, sectors):
                mini_fat += struct.unpack(f"<{sector // 4}I", read(number))
        mini = b"".join(read(n) for n in chain(root_start, fat, sectors))[:root_size]
        pieces = chain(start, mini_fat, len(mini) // 64 + 1)
        found.append(b"".join(mini[n * 64 : n * 64 + 64] for n in pieces)[:size])
    if not found:
        raise _MalformedError("no Workbook stream")
    return found
