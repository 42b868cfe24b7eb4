"""An XLS is scanned before python-calamine reads it: a cell far outside any OEWS sheet made
the reader allocate its whole rectangle (a 19 KB file took a gigabyte). Every cell record is
read for its row and column, whatever the sheet's DIMENSIONS record says; a compound file
that does not hold together is refused in one line, and no chain of sectors can loop."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from mlcareers.official import sheets
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.xls_scan import check_xls

from .fixtures_official import (
    HEADER,
    NOTES,
    Cell,
    _biff8,
    _bof,
    _compound_file,
    _record,
    sample_rows,
)

END, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def workbook(extra: bytes = b"", rows: int | None = None) -> bytes:
    """The fixture's Workbook stream, with `extra` records at the end of the data sheet."""
    data: list[list[Cell]] = [list(HEADER), *sample_rows()[: rows if rows is not None else None]]
    stream = _biff8(
        [("Field Descriptions", [list(line) for line in NOTES]), ("MSA_M2024_dl", data)]
    )
    end = stream.rindex(_record(0x000A))
    return stream[:end] + extra + stream[end:]


def number_at(row: int, column: int) -> bytes:
    return _record(0x0203, struct.pack("<HHHd", row, column, 0, 1.0))


def test_a_good_xls_passes(tmp_path: Path) -> None:
    path = tmp_path / "MSA_M2024_dl.xls"
    path.write_bytes(_compound_file(workbook()))
    check_xls(path, path.name)
    table = sheets.open_table(path)
    assert sum(1 for _ in table.rows) == len(sample_rows())


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (number_at(65535, 255), "a NUMBER cell at IV65536"),  # the last cell BIFF8 has
        (number_at(3, 64), "a NUMBER cell at BM4"),  # one column past the limit
        # a run of blanks from A10 that ends at column IV: its last column says it
        (_record(0x00BE, struct.pack("<HH", 9, 0) + b"\0\0" * 256 + struct.pack("<H", 255)),
         "a MULBLANK cell at IV10"),
    ],
)  # fmt: skip
def test_a_cell_beyond_an_oews_sheet_is_refused_before_the_reader_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: bytes, said: str
) -> None:
    path = tmp_path / "MSA_M2024_dl.xls"
    path.write_bytes(_compound_file(workbook(extra)))
    assert path.stat().st_size < 64 * 1024

    def never(*_: object) -> None:
        raise AssertionError("the reader ran")

    monkeypatch.setattr(CalamineWorkbook, "from_path", never)
    with pytest.raises(SpreadsheetError, match=f"refused: {said}, beyond any OEWS sheet"):
        sheets.open_table(path)


def mini_compound_file(stream: bytes) -> bytes:
    """A compound file holding a Workbook stream under 4,096 bytes: in the mini stream, as a
    writer may lay out a small file (the root entry's stream, 64-byte mini sectors)."""
    assert len(stream) < 4096
    minis = -(-len(stream) // 64)
    container = stream.ljust(minis * 64, b"\0").ljust(-(-minis * 64 // 512) * 512, b"\0")
    count = len(container) // 512

    def entry(name: str, kind: int, child: int, start: int, length: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
        fields = struct.pack("<HBBIII", len(encoded), kind, 1 if name else 0, FREE, FREE, child)
        return encoded.ljust(64, b"\0") + fields + b"\0" * 36 + struct.pack("<IQ", start, length)

    directory = entry("Root Entry", 5, 1, 0, minis * 64) + entry(
        "Workbook", 2, FREE, 0, len(stream)
    )
    directory += entry("", 0, FREE, 0, 0) * 2
    fat = [*range(1, count), END, END, FAT_SECTOR, END]
    fat += [FREE] * (128 - len(fat))
    mini_fat = [*range(1, minis), END]
    mini_fat += [FREE] * (128 - len(mini_fat))
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, count, 0, 4096, count + 2, 1, END, 0)
    header += struct.pack("<109I", count + 1, *([FREE] * 108))
    return (
        header
        + container
        + directory
        + struct.pack("<128I", *fat)
        + struct.pack("<128I", *mini_fat)
    )


def test_a_workbook_in_the_mini_stream_is_scanned_too(tmp_path: Path) -> None:
    good = tmp_path / "good.xls"
    good.write_bytes(mini_compound_file(workbook(rows=2)))
    check_xls(good, good.name)
    reader = CalamineWorkbook.from_path(str(good))  # the reader finds the same stream
    rows = list(reader.get_sheet_by_name("MSA_M2024_dl").iter_rows())
    assert rows[0][0] == HEADER[0]
    far = tmp_path / "far.xls"
    far.write_bytes(mini_compound_file(workbook(number_at(65535, 255), rows=2)))
    with pytest.raises(SpreadsheetError, match="IV65536"):
        check_xls(far, far.name)


def test_a_compound_file_that_does_not_hold_together_is_one_line(tmp_path: Path) -> None:
    whole = _compound_file(workbook())
    looped = bytearray(whole)
    fat_at = len(whole) - 512  # the FAT sector is the last; make sector 0 point to itself
    looped[fat_at : fat_at + 4] = struct.pack("<I", 0)
    for name, data in [
        ("truncated.xls", whole[:700]),
        ("looped.xls", bytes(looped)),
        ("header_only.xls", whole[:512]),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(SpreadsheetError, match="not a readable spreadsheet"):
            check_xls(path, name)


def test_a_sheet_hidden_inside_an_unknown_record_is_scanned_where_its_bookmark_points(
    tmp_path: Path,
) -> None:
    # A reader seeks to each sheet at the offset its BOUNDSHEET record gives; read from the
    # start record by record, the sheet sat inside an unknown record and was never seen.
    sheet = _bof(0x0010) + number_at(65535, 255) + _record(0x000A)
    name = "Hidden"

    def boundsheet(offset: int) -> bytes:
        data = struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + name.encode("utf-16-le")
        return _record(0x0085, data)

    head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
    globals_size = len(head) + len(boundsheet(0)) + 4
    hiding = _record(0x1234, sheet)  # the sheet as the body of a record no one knows
    stream = head + boundsheet(globals_size + 4) + _record(0x000A) + hiding
    path = tmp_path / "hidden.xls"
    path.write_bytes(_compound_file(stream))
    with pytest.raises(SpreadsheetError, match="IV65536"):
        check_xls(path, path.name)


def test_an_allocation_table_that_lists_one_sector_again_and_again_is_refused(
    tmp_path: Path,
) -> None:
    # Each listing of a sector made the scan read it again into the table: a 4 MiB file
    # cost 5 GB. Now a file cannot list more allocation sectors than it has sectors.
    whole = bytearray(_compound_file(workbook()))
    struct.pack_into("<I", whole, 0x2C, 109)  # 109 FAT sectors ...
    struct.pack_into("<109I", whole, 0x4C, *([1] * 109))  # ... all the same one
    path = tmp_path / "bomb.xls"
    path.write_bytes(bytes(whole))
    with pytest.raises(SpreadsheetError, match="more allocation sectors than the file has"):
        check_xls(path, path.name)


def test_a_cut_off_last_record_is_read_as_the_reader_reads_it(tmp_path: Path) -> None:
    stream = workbook() + b"\x03\x02\x0e\x00"  # a NUMBER record's header, then nothing
    cut = tmp_path / "cut.xls"
    cut.write_bytes(_compound_file(stream))
    check_xls(cut, cut.name)  # no struct.error: the scan stops where the reader stops


def short_last_sector_file(stream: bytes) -> bytes:
    """A compound file that ends where its Workbook stream ends: the FAT, the directory, then
    the stream, whose last sector is cut short (the file's size no multiple of 512), as some
    writers leave a file."""
    assert len(stream) >= 4096  # a regular stream, not one in the mini stream
    assert len(stream) % 512  # the last sector is short
    count = -(-len(stream) // 512)

    def entry(name: str, kind: int, child: int, start: int, length: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
        fields = struct.pack("<HBBIII", len(encoded), kind, 1 if name else 0, FREE, FREE, child)
        return encoded.ljust(64, b"\0") + fields + b"\0" * 36 + struct.pack("<IQ", start, length)

    directory = entry("Root Entry", 5, 1, END, 0) + entry("Workbook", 2, FREE, 2, len(stream))
    directory += entry("", 0, FREE, 0, 0) * 2
    fat = [FAT_SECTOR, END, *range(3, count + 2), END]  # sector 0 the FAT, 1 the directory
    fat += [FREE] * (128 - len(fat))
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", 0, *([FREE] * 108))
    return header + struct.pack("<128I", *fat) + directory + stream


def test_a_short_last_sector_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    # The last sector was taken for one beyond the file: a good workbook was refused as "not
    # a readable spreadsheet", though python-calamine reads it.
    good = tmp_path / "MSA_M2024_dl.xls"
    good.write_bytes(short_last_sector_file(workbook()))
    assert good.stat().st_size % 512
    check_xls(good, good.name)
    table = sheets.open_table(good)
    assert sum(1 for _ in table.rows) == len(sample_rows())
    # What the short sector holds is scanned: a far cell there is found, not cut off.
    stream = workbook(number_at(65535, 255))
    assert stream.rindex(number_at(65535, 255)) >= len(stream) // 512 * 512  # in the last sector
    far = tmp_path / "far.xls"
    far.write_bytes(short_last_sector_file(stream))
    with pytest.raises(SpreadsheetError, match="a NUMBER cell at IV65536"):
        check_xls(far, far.name)
