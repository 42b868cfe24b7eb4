"""Workbooks the spreadsheet reader would mishandle, refused before it reads them: a cell far
outside any OEWS sheet whatever the sheet declares (the reader would allocate every cell of
the rectangle and abort the process), and a formula with no saved value (the reader would
drop it, and its figure would be blank). Each file is a good one written by openpyxl, then
edited the way a hostile or half-saved file differs from it."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mlcareers.official import sheets, sheetscan
from mlcareers.official.errors import SpreadsheetError

from .fixtures_official import sample_rows, store_from, write_xlsx

DATA_SHEET = "xl/worksheets/sheet2.xml"


def edited(tmp_path: Path, edit: Callable[[bytes], bytes], name: str = "MSA_M2024_dl.xlsx") -> Path:
    """A BLS-layout workbook whose data sheet's XML went through `edit`."""
    folder = tmp_path / "good"
    folder.mkdir(exist_ok=True)
    good = write_xlsx(folder / name)
    path = tmp_path / name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member)
            out.writestr(member, edit(data) if member.filename == DATA_SHEET else data)
    return path


def add_cell(reference: str, separator: str = " ") -> Callable[[bytes], bytes]:
    """An edit: one more cell, in the first data row, with a dimension that still says A1."""

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml)
        cell = f'<c{separator}r="{reference}" t="inlineStr"><is><t>x</t></is></c>'.encode()
        return xml.replace(b"</row>", cell + b"</row>", 1)

    return edit


def test_the_edit_keeps_a_good_workbook_good(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda xml: xml)
    table = sheets.open_table(path)
    assert len([number for number, row in table.rows if any(row)]) == len(sample_rows())


@pytest.mark.parametrize(
    ("reference", "said"),
    [
        ("XFD1048576", "XFD1048576"),  # the last cell Excel has
        ("BM2", "BM2"),  # one column past the limit
        ("A900000", "A900000"),  # far down, in the middle of the rows
        ("ZZ200000", "ZZ200000"),
    ],
)
def test_a_far_cell_is_refused_whatever_the_dimension_says(
    tmp_path: Path, reference: str, said: str
) -> None:
    path = edited(tmp_path, add_cell(reference))
    with pytest.raises(SpreadsheetError, match=rf"refused: {DATA_SHEET} has a cell at {said},"):
        sheets.open_table(path)


def test_a_cell_at_the_last_column_allowed_is_read(tmp_path: Path) -> None:
    path = edited(tmp_path, add_cell(sheetscan.LAST_COLUMN + "2"))
    assert sheets.open_table(path).header


@pytest.mark.parametrize("separator", ["\t", "\n", "\r\n  "])
def test_a_far_cell_behind_other_white_space_is_found(tmp_path: Path, separator: str) -> None:
    path = edited(tmp_path, add_cell("XFD7", separator))
    with pytest.raises(SpreadsheetError, match="has a cell at XFD7,"):
        sheets.open_table(path)


def test_a_far_cell_in_a_large_sheet_is_found_while_the_reader_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sheets above SCAN_FIRST_BYTES are scanned in the background: the refusal still comes,
    and a good large sheet still reads."""
    monkeypatch.setattr(sheets, "SCAN_FIRST_BYTES", 0)
    with pytest.raises(SpreadsheetError, match="has a cell at A900000,"):
        sheets.open_table(edited(tmp_path, add_cell("A900000")))
    good = tmp_path / "ok"
    good.mkdir()
    assert sheets.open_table(edited(good, lambda xml: xml)).header


def test_the_far_cell_aborts_nothing_at_the_command_line(tmp_path: Path) -> None:
    """One line, exit 1, in a fresh process: the reader never allocated the rectangle."""
    path = edited(tmp_path, add_cell("XFD1048576"))
    done = subprocess.run(
        [sys.executable, "-m", "mlcareers", "official", "import", str(path)],
        capture_output=True,
        text=True,
        env={"MLCAREERS_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1
    assert "has a cell at XFD1048576, beyond any OEWS sheet" in done.stderr


def unsaved_formula(xml: bytes) -> bytes:
    """An edit: the first median (a number cell) becomes a formula with no saved value."""
    first = re.search(rb'<c r="(AB\d+)"([^>]*)><v>[^<]*</v></c>', xml)
    assert first is not None
    return xml.replace(first.group(0), b'<c r="' + first.group(1) + b'"><f>Z2*2</f></c>', 1)


@pytest.mark.parametrize("empty", [b"", b"<v></v>", b"<v/>"])
def test_a_formula_without_a_saved_value_is_named_and_refused(tmp_path: Path, empty: bytes) -> None:
    path = edited(
        tmp_path, lambda xml: unsaved_formula(xml).replace(b"*2</f>", b"*2</f>" + empty, 1)
    )
    cell = re.search(rb'<c r="(AB\d+)"><f>', zipfile.ZipFile(path).read(DATA_SHEET))
    assert cell is not None
    with pytest.raises(
        SpreadsheetError,
        match=rf"{DATA_SHEET}, cell {cell.group(1).decode()}: a formula with no saved value",
    ):
        sheets.open_table(path)


def test_a_formula_with_its_saved_value_is_read_as_the_value(tmp_path: Path) -> None:
    def saved(xml: bytes) -> bytes:
        first = re.search(rb'<c r="(AB\d+)"([^>]*)><v>([^<]*)</v></c>', xml)
        assert first is not None
        cell = b'<c r="%s"><f>Z2*2</f><v>%s</v></c>' % (first.group(1), first.group(3))
        return xml.replace(first.group(0), cell, 1)

    plain = store_from(tmp_path / "plain", edited(tmp_path / "a", lambda xml: xml))
    formula = store_from(tmp_path / "formula", edited(tmp_path / "b", saved))
    assert _figures(plain) == _figures(formula)


def _figures(store: Path) -> list[tuple[object, ...]]:
    import sqlite3

    with sqlite3.connect(store) as db:
        return db.execute("SELECT * FROM figures ORDER BY area, soc").fetchall()


@pytest.fixture(autouse=True)
def _folders(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()


def test_a_row_with_every_value_empty_is_no_place_with_a_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A metro whose row has no value at all (every cell blank) is neither ranked nor counted
    among the places with a figure."""
    import json

    from typer.testing import CliRunner

    from mlcareers.cli import app

    from .fixtures_official import DS, HEADER, row, write_csv

    blank = row("41940", DS, ("", "", "", "", ""), "", "", hourly=("", "", "", "", ""), h_mean="")
    for name in ("EMP_PRSE", "MEAN_PRSE"):
        blank[HEADER.index(name)] = ""
    good = [row("99", DS), row("42660", DS)]
    home = tmp_path / "home"
    store_from(home, write_csv(tmp_path / "a" / "MSA_M2024_dl.csv", [*good, blank]))
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    done = CliRunner().invoke(app, ["where", "ds", "--json"])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["places_with_figures"] == 1
    assert [area["area"]["code"] for area in data["areas"]] == ["42660"]


def first_data_row(edit: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    """An edit of the first data row only (row 2), whose XML `edit` rewrites."""

    def edited_row(xml: bytes) -> bytes:
        start = xml.index(b'<row r="2"')
        end = xml.index(b"</row>", start) + len(b"</row>")
        return xml[:start] + edit(xml[start:end]) + xml[end:]

    return edited_row


def _dimension_a1(xml: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml)


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        # the reference quoted with ' or spaced around its =, as XML allows
        (lambda row: row.replace(b"</row>", b"<c r='XFD1048576'><v>1</v></c></row>"), "XFD1048576"),
        (lambda row: row.replace(b"</row>", b'<c r = "ZZ200000"><v>1</v></c></row>'), "ZZ200000"),
        # cells with no reference, placed by their order: one row far down, one row wide
        (lambda row: b'<row r="1048576"><c><v>1</v></c></row>', "1,048,576"),
        (
            lambda row: row.replace(b"</row>", b"<c><v>1</v></c>" * 70 + b"</row>"),
            "beyond any OEWS sheet",
        ),
        # a namespace prefix on every tag
        (
            lambda row: row.replace(b"</row>", b'<x:c r="XFD1048576"><x:v>1</x:v></x:c></row>'),
            "XFD1048576",
        ),
    ],
)
def test_a_far_cell_written_any_way_xml_allows_is_refused(
    tmp_path: Path, edit: Callable[[bytes], bytes], said: str
) -> None:
    path = edited(tmp_path, lambda xml: first_data_row(edit)(_dimension_a1(xml)))
    with pytest.raises(SpreadsheetError, match=rf"refused: .*{re.escape(said)}"):
        sheets.open_table(path)


def test_a_sheet_the_workbook_keeps_elsewhere_is_scanned_too(tmp_path: Path) -> None:
    # The scan found sheets by their usual path; a workbook may name one anywhere.
    good = write_xlsx(tmp_path / "good.xlsx")
    path = tmp_path / "MSA_M2024_dl.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member)
            name = member.filename
            if name == DATA_SHEET:
                name = "xl/elsewhere/data.xml"
                data = add_cell("XFD1048576")(data)
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"worksheets/sheet2.xml", b"elsewhere/data.xml")
            out.writestr(name, data)
    with pytest.raises(SpreadsheetError, match="XFD1048576"):
        sheets.open_table(path)


def test_an_excel_binary_workbook_is_refused_before_any_reader_runs(tmp_path: Path) -> None:
    # .xlsb sheets are binary: the scan cannot see a far cell in them, and python-calamine
    # would allocate its rectangle (a 3.8 KB file aborted the process).
    path = tmp_path / "MSA_M2024_dl.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
        archive.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
    with pytest.raises(SpreadsheetError, match=r"an Excel binary workbook \(\.xlsb\).*save it as"):
        sheets.open_table(path)


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        # a second red team's finds: each made python-calamine abort or take gigabytes
        (lambda row: row.replace(b"</row>", b'<c r="xfd1048576"><v>1</v></c></row>'), "xfd1048576"),
        (lambda row: row.replace(b"</row>", b'<c r="ZZZZ2"><v>1</v></c></row>'), "ZZZZ2"),
        (
            lambda row: row.replace(b"</row>", b'<c r="BL0001048576"><v>1</v></c></row>'),
            "BL0001048576",
        ),
        (
            lambda row: row.replace(
                b"</row>", b"""<c t="n" x=">" r='XFD1048576'><v>1</v></c></row>"""
            ),
            "XFD1048576",
        ),
        (lambda row: b'<row r="0001048576"><c><v>1</v></c></row>', "1,048,576"),
        # a cell without a reference whose text holds ' r="', to even the count of references
        (
            lambda row: b'<row r="1048576"><c t="inlineStr"><is><t>a r="b</t></is></c></row>',
            "1,048,576",
        ),
    ],
)
def test_a_far_cell_in_any_case_length_or_padding_is_refused(
    tmp_path: Path, edit: Callable[[bytes], bytes], said: str
) -> None:
    path = edited(tmp_path, lambda xml: first_data_row(edit)(_dimension_a1(xml)))
    with pytest.raises(SpreadsheetError, match=rf"refused: .*{re.escape(said)}"):
        sheets.open_table(path)


def test_a_row_longer_than_any_oews_row_is_refused_without_reading_it_again_and_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheetscan, "CHUNK", 1024)
    monkeypatch.setattr(sheetscan, "MAX_ROW_BYTES", 20_000)
    path = edited(
        tmp_path, first_data_row(lambda row: row.replace(b"</row>", b" " * 50_000 + b"</row>"))
    )
    with pytest.raises(SpreadsheetError, match="a row of more than"):
        sheets.open_table(path)
