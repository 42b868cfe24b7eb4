"""The same OEWS data as people export it: LibreOffice's .ods, tab-separated text, Excel's
semicolon-separated text with decimal commas (much of Europe), and Excel's "Unicode text"
(UTF-16 with tabs). Each imports to exactly the figures the XLSX gives; an .ods that repeats
a cell out to a vast rectangle is refused before it is read."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from mlcareers.official import sheets
from mlcareers.official.errors import SpreadsheetError

from .fixtures_official import HEADER, Cell, full_rows, store_from, write_xlsx

NAME = "MSA_M2024_dl"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
    'spreadsheet"/></manifest:manifest>'
)


def ods_cell(value: Cell, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None or value == "":
        return f"<table:table-cell{repeated}/>"
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{repeated}>'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"{repeated}>'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def write_ods(path: Path, rows_xml: str) -> Path:
    """An OpenDocument spreadsheet with one sheet holding `rows_xml`, as LibreOffice lays it."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="MSA_M2024_dl">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def ods_rows(rows: Sequence[Sequence[Cell]]) -> str:
    lines = [HEADER, *rows]
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(value) for value in line) + "</table:table-row>"
        for line in lines
    )
    # LibreOffice writes the rest of the sheet as repeated empty rows: no cells at all.
    return body + (
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )


def text_file(path: Path, separator: str, *, european: bool = False) -> list[str]:
    def shown(value: Cell) -> str:
        if value is None:
            return ""
        if european and isinstance(value, float):
            return f"{value:.2f}".replace(".", ",")
        if european and isinstance(value, int) and value >= 1000:
            return f"{value:,}".replace(",", ".")
        return str(value)

    return [separator.join(shown(value) for value in line) for line in [HEADER, *full_rows()]]


def figures(store: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(store) as db:
        return db.execute("SELECT * FROM figures ORDER BY area, soc").fetchall()


@pytest.fixture
def expected(tmp_path: Path) -> list[tuple[object, ...]]:
    folder = tmp_path / "xlsx"
    folder.mkdir()
    return figures(store_from(folder / "home", write_xlsx(folder / f"{NAME}.xlsx", full_rows())))


def test_ods_imports_the_same_figures(tmp_path: Path, expected: list[tuple[object, ...]]) -> None:
    path = write_ods(tmp_path / f"{NAME}.ods", ods_rows(full_rows()))
    assert figures(store_from(tmp_path / "home", path)) == expected


@pytest.mark.parametrize(
    ("suffix", "separator", "encoding", "european"),
    [
        ("tsv", "\t", "utf-8", False),
        ("txt", "\t", "utf-16", False),  # Excel's "Unicode text": UTF-16 with a BOM, tabs
        ("csv", ";", "cp1252", True),  # Excel's CSV where the decimal mark is a comma
        ("csv", ";", "utf-8-sig", True),
    ],
)
def test_text_exports_import_the_same_figures(
    tmp_path: Path,
    expected: list[tuple[object, ...]],
    suffix: str,
    separator: str,
    encoding: str,
    european: bool,
) -> None:
    path = tmp_path / f"{NAME}.{suffix}"
    lines = text_file(path, separator, european=european)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    if european:
        assert any("," in line.split(";")[22] for line in lines[1:])  # decimal commas present
    assert figures(store_from(tmp_path / "home", path)) == expected


def test_a_comma_in_a_semicolon_file_is_the_decimal_mark(tmp_path: Path) -> None:
    from mlcareers.official.delimited import delimited_table

    path = tmp_path / f"{NAME}.csv"
    path.write_text("OCC_CODE;A_MEDIAN;H_MEDIAN;AREA_TITLE\n15-2051;112.590;54,13;Austin, TX\n")
    table = delimited_table(path, str(path), None)
    assert [row for _, row in table.rows] == [["15-2051", "112590", "54.13", "Austin, TX"]]


@pytest.mark.parametrize(
    "rows_xml",
    [
        # one cell repeated across 16,384 columns, on 3,000 rows
        '<table:table-row table:number-rows-repeated="3000">'
        + ods_cell("x", 16384)
        + "</table:table-row>",
        # one row with content repeated a million times
        '<table:table-row table:number-rows-repeated="1000000">'
        + ods_cell("x")
        + "</table:table-row>",
    ],
)
def test_an_ods_repeating_cells_into_a_vast_rectangle_is_refused(
    tmp_path: Path, rows_xml: str
) -> None:
    path = write_ods(tmp_path / f"{NAME}.ods", rows_xml)
    assert path.stat().st_size < 5_000
    with pytest.raises(SpreadsheetError, match=r"refused: a sheet has cells .* beyond any OEWS"):
        sheets.open_table(path)


def test_an_ods_with_a_bad_repeat_count_is_one_line(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / f"{NAME}.ods",
        '<table:table-row table:number-rows-repeated="-5">' + ods_cell("x") + "</table:table-row>",
    )
    with pytest.raises(SpreadsheetError, match=r"not a readable spreadsheet .*is not a count"):
        sheets.open_table(path)


def test_a_zip_of_an_ods_is_read_inside(tmp_path: Path, expected: list[tuple[object, ...]]) -> None:
    ods = write_ods(tmp_path / f"{NAME}.ods", ods_rows(full_rows()))
    path = tmp_path / "oesm24ma.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(ods, f"oesm24ma/{ods.name}")
    assert figures(store_from(tmp_path / "home", path)) == expected


def test_sigterm_ends_the_run_as_an_exception_so_temporary_files_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handler the console script installs: SIGTERM raises SystemExit(143) where the run
    stands, so `with` blocks (a zip's extracted spreadsheets, a transaction) are left
    properly; by default the process would die with them in place."""
    import os
    import signal
    import tempfile

    from mlcareers import interrupts
    from mlcareers.interrupts import terminated

    monkeypatch.setattr(interrupts, "_received", [])  # this process goes on: forget it after
    before = signal.signal(signal.SIGTERM, terminated)
    try:
        with (  # noqa: PT012 -- the signal comes inside
            pytest.raises(SystemExit) as ended,
            tempfile.TemporaryDirectory(dir=tmp_path) as folder,
        ):
            Path(folder, "sheet.xlsx").write_bytes(b"x")
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0)  # let the handler run here
    finally:
        signal.signal(signal.SIGTERM, before)
    assert ended.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def _with_formula(cell_xml: str, data_row: int = 1) -> str:
    """The fixture's rows as ODS, the median of data row `data_row` replaced by `cell_xml`."""
    at = [name.lower() for name in HEADER].index("a_median")
    lines = [list(line) for line in full_rows()]
    lines[data_row][at] = "FORMULA"
    return ods_rows(lines).replace(ods_cell("FORMULA"), cell_xml)


def test_an_ods_formula_with_no_saved_value_is_named_and_refused(tmp_path: Path) -> None:
    # Issue 19, item 2: a formula with no value read as a blank, and the blank then hid an
    # earlier file's figure; only .xlsx was checked.
    at = [name.lower() for name in HEADER].index("a_median")
    column = (
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[at] if at < 26 else "A" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[at - 26]
    )
    path = write_ods(
        tmp_path / f"{NAME}.ods", _with_formula('<table:table-cell table:formula="of:=[.A1]*2"/>')
    )
    with pytest.raises(SpreadsheetError, match=rf"cell {column}3: a formula with no saved value"):
        sheets.open_table(path)


def test_an_ods_formula_with_its_saved_value_imports_that_value(
    tmp_path: Path, expected: list[tuple[object, ...]]
) -> None:
    median = full_rows()[1][[name.lower() for name in HEADER].index("a_median")]
    cell = (
        f'<table:table-cell table:formula="of:=[.A1]*2" office:value-type="float" '
        f'office:value="{median}"><text:p>{median}</text:p></table:table-cell>'
    )
    path = write_ods(tmp_path / f"{NAME}.ods", _with_formula(cell))
    assert figures(store_from(tmp_path / "home", path)) == expected
