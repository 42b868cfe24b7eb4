"""A large .ods is read as it streams (official/ods_stream.py): it must give exactly the rows
python-calamine gives, value for value and type for type, and refuse in one line, naming the
cell, what it does not read itself (python-calamine would hold the whole file: 1.3 GiB for
the all-data file)."""

from __future__ import annotations

import sqlite3
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from mlcareers.cli import app
from mlcareers.official import ods_stream, sheets
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.sheetscan import column_name
from mlcareers.official.table import Cell

from .fixtures_official import HEADER, NOTES, full_rows, store_from, write_xlsx
from .test_import_formats import MANIFEST, ods_cell, ods_rows, write_ods

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_import  # the benchmark's BLS-layout writer, as LibreOffice saves .ods

Sheets = dict[str, dict[int, list[tuple[str, Cell]]]]


def workbook(path: Path, *tables: tuple[str, str]) -> Path:
    """An .ods holding these sheets (name, rows as XML), in order, as LibreOffice lays it."""
    body = "".join(
        f'<table:table table:name="{name}">{rows}</table:table>' for name, rows in tables
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
        f'{bench_import.ODS_NAMESPACES} office:version="1.3"><office:body><office:spreadsheet>'
        f"{body}</office:spreadsheet></office:body></office:document-content>"
    )
    return zipped(path, content)


def zipped(path: Path, content: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def _typed(row: list[Cell]) -> list[tuple[str, Cell]]:
    """A row as (type, value) pairs, its trailing empty cells left out."""
    while row and row[-1] == "":
        row = row[:-1]
    return [(type(value).__name__, value) for value in row]


def calamine(path: Path) -> Sheets:
    """Every sheet as python-calamine reads it, each row from column A (it starts a row at
    the sheet's first column with a value; the stream starts at A)."""
    book = CalamineWorkbook.from_path(str(path))
    found: Sheets = {}
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        left = [""] * (sheet.start[1] if sheet.start else 0)
        rows = enumerate(sheet.iter_rows(), start=1)
        found[name] = {number: _typed([*left, *row]) for number, row in rows}
    return found


def streamed(path: Path) -> Sheets:
    size = zipfile.ZipFile(path).getinfo("content.xml").file_size
    return {
        name: {number: _typed(row) for number, row in rows}
        for name, rows in ods_stream.sheets(path, path.name, size)
    }


def cell(attributes: str, inside: str = "") -> str:
    return f"<table:table-cell {attributes}>{inside}</table:table-cell>"


def number(value: str, kind: str = "float", more: str = "") -> str:
    return cell(
        f'office:value-type="{kind}" office:value="{value}" calcext:value-type="{kind}"{more}',
        f"<text:p>{value}</text:p>",
    )


def text(value: str, more: str = "") -> str:
    return cell(
        f'office:value-type="string" calcext:value-type="string"{more}', f"<text:p>{value}</text:p>"
    )


def row(*cells: str, more: str = "") -> str:
    return f"<table:table-row{more}>{''.join(cells)}</table:table-row>"


EMPTY = "<table:table-cell/>"
FILLER = (
    '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
    'table:number-columns-repeated="1024"/></table:table-row>'
)
PLAIN = {
    "numbers": row(
        *(number(v) for v in ("1e-05", "123456789.0", "-3.5", "0", "-0", "2.5E20", "+7", ".5")),
        number("5."),
        number("0.25", "percentage"),
        number("12.5", "currency", ' office:currency="USD"'),
    ),
    "texts": row(
        text("x &amp; &lt;y&gt; &quot;q&quot; &apos;a&apos; 1 &gt; 0"),
        text("Ünïcödé – 中 😀"),
        text("  spaced  "),
        text(""),
        text("12"),
        cell('office:value-type="string"'),
        cell('office:value-type="string"', "<text:p/>"),
        text("a\tb\nc"),
    ),
    "gaps": row(EMPTY, text("a"), EMPTY, EMPTY, number("1"), EMPTY, EMPTY)
    + "<table:table-row/>"
    + row(EMPTY)
    + row(text("b")),
    "repeats": row(
        number("3", more=' table:number-columns-repeated="3"'),
        '<table:table-cell table:number-columns-repeated="5"/>',
        text("r", ' table:number-columns-repeated="2"'),
    )
    + '<table:table-row table:number-rows-repeated="3">'
    + text("again")
    + "</table:table-row>"
    + '<table:table-row table:number-rows-repeated="4"><table:table-cell/></table:table-row>'
    + row(text("after"))
    + FILLER,
    "leading empty rows and columns": row(EMPTY)
    + '<table:table-row table:number-rows-repeated="2"><table:table-cell '
    'table:number-columns-repeated="3"/></table:table-row>'
    + row('<table:table-cell table:number-columns-repeated="2"/>', text("x"), number("2")),
    "LibreOffice's styles": row(
        number("4", more=' table:style-name="ce1"'),
        '<table:table-cell table:style-name="ce2" table:number-columns-repeated="2"/>',
        text("s", ' table:style-name="ce3"'),
        more=' table:style-name="ro1" table:default-cell-style-name="Default"',
    ),
    "rows in groups": "<table:table-header-rows>"
    + row(text("head"))
    + "</table:table-header-rows><table:table-row-group><table:table-row-group>"
    + row(number("1"))
    + "</table:table-row-group>"
    + row(number("2"))
    + "</table:table-row-group><table:table-rows>"
    + row(number("3"))
    + "</table:table-rows>"
    + '<table:table-column table:number-columns-repeated="3"/>'
    + row(text("last")),
    "nothing": FILLER,
    # Merged cells, as a field-descriptions sheet's title row has them: the merged cell read as
    # any, the cells it covers as their own (empty, or a value they keep).
    "merged cells": row(
        cell(
            'office:value-type="string" table:number-columns-spanned="3" '
            'table:number-rows-spanned="2"',
            "<text:p>Title</text:p>",
        ),
        '<table:covered-table-cell table:number-columns-repeated="2"/>',
        text("after"),
    )
    + row(
        '<table:covered-table-cell table:number-columns-repeated="3"/>',
        '<table:covered-table-cell office:value-type="float" office:value="7"><text:p>7'
        "</text:p></table:covered-table-cell>",
        number("8", more=' table:number-columns-spanned="2"'),
        "<table:covered-table-cell/>",
        text("end"),
    ),
    # A text of several paragraphs, with styles, links and runs of spaces, as LibreOffice writes
    # the BLS field descriptions: each read as python-calamine reads it (the large .ods was
    # refused whole for one such cell).
    "rich texts": row(
        cell('office:value-type="string"', "<text:p>a b</text:p><text:p>c</text:p>"),
        cell('office:value-type="string"', "<text:p>1</text:p><text:p/><text:p>3</text:p>"),
        cell('office:value-type="string"', "<text:p/><text:p>x</text:p>"),
        cell(
            'office:value-type="string"',
            '<text:p>a <text:span text:style-name="T1">bold</text:span> c</text:p>',
        ),
        cell(
            'office:value-type="string"',
            "<text:p><text:span>x<text:span>y</text:span>z</text:span></text:p>",
        ),
        cell(
            'office:value-type="string"',
            '<text:p>see <text:a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="x">'
            "link</text:a> end</text:p>",
        ),
        cell('office:value-type="string"', "<text:p>a<text:s/>b</text:p>"),
        cell('office:value-type="string"', '<text:p>a <text:s text:c="3"/>b</text:p>'),
        cell('office:value-type="string"', '<text:p>a<text:s text:c="0"/>b</text:p>'),
        cell('office:value-type="string"', "<text:p>a<text:tab/>b<text:line-break/>c</text:p>"),
        cell(
            'office:value-type="string"',
            '<text:p><text:span>a<text:s text:c="2"/>b</text:span></text:p>',
        ),
        cell(
            'office:value-type="string" table:number-columns-repeated="2"',
            "<text:p>r</text:p><text:p>s</text:p>",
        ),
    ),
}


@pytest.mark.parametrize("rows", PLAIN.values(), ids=PLAIN.keys())
def test_plain_cells_stream_as_calamine_reads_them(tmp_path: Path, rows: str) -> None:
    path = workbook(tmp_path / "plain.ods", ("Notes", row(text("a note"))), ("Data", rows))
    assert streamed(path) == calamine(path)


ROWS = st.lists(
    st.lists(
        st.tuples(
            st.one_of(
                st.none(),
                st.floats(allow_nan=False, allow_infinity=False),
                st.integers(-(10**12), 10**12),
                st.text(
                    st.characters(
                        codec="utf-8", exclude_categories=("Cc", "Cs"), include_characters="\t\n\r"
                    ),
                    max_size=12,
                ),
            ),
            st.integers(1, 4),
        ),
        max_size=8,
    ),
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=ROWS)
def test_any_plain_sheet_streams_as_calamine_reads_it(
    tmp_path: Path, lines: list[list[tuple[str | float | None, int]]]
) -> None:
    rows = "".join(row(*(ods_cell(value, repeat) for value, repeat in line)) for line in lines)
    path = workbook(tmp_path / "any.ods", ("Data", rows + FILLER))
    assert streamed(path) == calamine(path)


@pytest.mark.parametrize("layout", ["all", "msa"])
def test_a_bls_layout_ods_streams_as_calamine_reads_it(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "all_data_M_2024.ods"
    bench_import.write_ods(path, 3_000, layout)
    assert streamed(path) == calamine(path)


@pytest.fixture
def stream_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every .ods read as it streams, however small (the threshold is for memory only)."""
    monkeypatch.setattr(sheets, "STREAM_BYTES", 0)


def figures(store: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(store) as db:
        stored = db.execute("SELECT * FROM figures ORDER BY area, soc").fetchall()
        datasets = db.execute("SELECT file, period, annual_cap, hourly_cap FROM datasets")
        return stored, datasets.fetchall()


def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(path: str) -> None:
        raise AssertionError(f"python-calamine read {path} whole")

    monkeypatch.setattr(CalamineWorkbook, "from_path", refused)


def test_an_import_that_streams_stores_what_calamine_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "MSA_M2024_dl.ods"
    bench_import.write_ods(path, 2_000, "msa")
    whole = figures(store_from(tmp_path / "a", path))
    fixture = write_ods(tmp_path / "x_M2024_dl.ods", ods_rows(full_rows()))
    fixture_whole = figures(store_from(tmp_path / "b", fixture))
    monkeypatch.setattr(sheets, "STREAM_BYTES", 0)
    with monkeypatch.context() as patched:
        no_calamine(patched)
        assert figures(store_from(tmp_path / "c", path)) == whole
        assert figures(store_from(tmp_path / "d", fixture)) == fixture_whole
    assert len(whole[0]) > 1_000
    assert whole[1] == [("MSA_M2024_dl.ods", "May 2024", 239_200, 115.0)]


def test_a_streamed_projections_workbook_is_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing after Table 1.2 was read: a vast repeat in Table 1.3, which the whole read
    # refuses, was imported. Now the sheets after it are read and refused alike.
    from .fixtures_projections import EP_HEADER, EP_TITLE, ep_rows

    table_1_2 = row(text(EP_TITLE)) + ods_body([EP_HEADER, *ep_rows()])
    vast = (
        '<table:table-row table:number-rows-repeated="999999">' + text("x") + "</table:table-row>"
    )
    path = workbook(tmp_path / "occupation.ods", ("Table 1.2", table_1_2), ("Table 1.3", vast))
    with pytest.raises(SpreadsheetError, match="999,999 rows down"):
        store_from(tmp_path / "whole", path)
    monkeypatch.setattr(sheets, "STREAM_BYTES", 0)
    with pytest.raises(SpreadsheetError, match="999,999 rows down"):
        store_from(tmp_path / "streamed", path)


def ods_body(lines: Sequence[Sequence[Cell]]) -> str:
    return "".join(
        row(*(text(str(v)) if isinstance(v, str) else number(str(v)) for v in line))
        for line in lines
    )


def test_the_notes_after_a_streamed_data_sheet_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The one pass reads the data sheet's rows before the sheets after it: BLS states its
    # top-coded wage there when the notes come last.
    data = ods_rows(full_rows())
    notes = "".join(row(*(ods_cell(value) for value in line)) for line in NOTES)
    path = workbook(tmp_path / "MSA_M2024_dl.ods", ("Data", data), ("Field Descriptions", notes))
    whole = figures(store_from(tmp_path / "a", path))
    assert whole[1][0][3] == 115.0  # the hourly one, known only from the notes
    monkeypatch.setattr(sheets, "STREAM_BYTES", 0)
    no_calamine(monkeypatch)
    assert figures(store_from(tmp_path / "b", path)) == whole


def test_a_small_ods_is_still_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def streamed(*_: object) -> None:
        raise AssertionError("a small .ods streamed")

    monkeypatch.setattr(ods_stream, "sheets", streamed)
    lines = [[*line, "2024-05-01"] for line in full_rows()]
    rows = ods_rows(lines).replace(
        text("2024-05-01").replace(' calcext:value-type="string"', ""),
        cell('office:value-type="date" office:date-value="2024-05-01"', "<text:p>x</text:p>"),
    )
    assert 'office:value-type="date"' in rows  # a date python-calamine reads, unused
    path = write_ods(tmp_path / "MSA_M2024_dl.ods", rows)
    assert len(figures(store_from(tmp_path / "a", path))[0]) > 10


def _one_cell(tmp_path: Path, odd: str, name: str = "odd.ods") -> Path:
    """A sheet whose third row holds `odd` in column C."""
    rows = row(text("OCC_CODE")) + row(text("a"), number("1")) + row(text("b"), EMPTY, odd)
    return workbook(tmp_path / name, ("Data", rows + FILLER))


ODD = {
    "a date": cell('office:value-type="date" office:date-value="2024-05-01"', "<text:p>1</text:p>"),
    "a time": cell('office:value-type="time" office:time-value="PT12H"', "<text:p>12</text:p>"),
    "a true or false value": cell(
        'office:value-type="boolean" office:boolean-value="true"', "<text:p>TRUE</text:p>"
    ),
    "a formula": cell(
        'table:formula="of:=1+1" office:value-type="float" office:value="2"', "<text:p>2</text:p>"
    ),
    "a comment": cell(
        'office:value-type="string"',
        "<office:annotation><text:p>note</text:p></office:annotation><text:p>v</text:p>",
    ),
    "a text with markup of its own": cell(
        'office:value-type="string"',
        "<text:p>a<text:note><text:note-body><text:p>N</text:p></text:note-body></text:note>b"
        "</text:p>",
    ),
    "a text with markup of its own (a note, a bookmark, a field)": cell(
        'office:value-type="string"', '<text:p>a<text:bookmark text:name="x"/>b</text:p>'
    ),
    "a run of spaces of an unusual count": cell(
        'office:value-type="string"', '<text:p>a<text:s text:c="2000000000"/>b</text:p>'
    ),
    "a cell of type 'void'": cell('office:value-type="void"'),
    "a cell of an unusual form": cell(
        'office:value-type="string" office:string-value="shown"', "<text:p>not shown</text:p>"
    ),
    "a number without a value or in a form of its own": cell(
        'office:value-type="float" office:value="1_000"'
    ),
}


@pytest.mark.parametrize(("what", "odd"), ODD.items(), ids=ODD.keys())
def test_a_cell_the_stream_does_not_read_is_refused_naming_it(
    tmp_path: Path, what: str, odd: str
) -> None:
    path = _one_cell(tmp_path, odd)
    with pytest.raises(SpreadsheetError) as refused:
        streamed(path)
    assert str(refused.value).startswith(
        f"odd.ods: a large .ods (0 MiB of XML) with cells mlcareers reads only whole ({what}"
    )
    assert "at row 3, column C of sheet 'Data'); save it as .xlsx or CSV and import that" in str(
        refused.value
    )


@pytest.mark.parametrize(
    "odd",
    [
        text(
            "a&#32;b"
        ),  # a character reference: an office:value of '&#49;' python-calamine refuses
        text("a<!-- c -->b"),
        text("<![CDATA[<x>]]>"),  # python-calamine reads it as ''
        text("a<?pi x?>b"),
        cell('office:value-type="string"', " <text:p>a</text:p> "),  # python-calamine keeps spaces
        cell('office:value-type="string"', "<text:p>a</text:p> <text:p>b</text:p>"),  # 'a \nb'
    ],
)
def test_what_expat_and_calamine_read_their_own_ways_is_refused(tmp_path: Path, odd: str) -> None:
    with pytest.raises(SpreadsheetError, match="reads only whole"):
        streamed(_one_cell(tmp_path, odd))


def test_a_prefix_of_its_own_is_refused(tmp_path: Path) -> None:
    # python-calamine knows table:table-cell by its prefix, not by its namespace.
    path = _one_cell(tmp_path, number("1"))
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    for before, after in (("<table:", "<t:"), ("</table:", "</t:"), (" table:", " t:")):
        content = content.replace(before, after)
    content = content.replace("xmlns:table=", "xmlns:t=")
    renamed = zipped(tmp_path / "renamed.ods", content)
    assert calamine(renamed) == {}  # no sheet it knows
    with pytest.raises(SpreadsheetError, match=r"\(the XML prefix 't' bound its own way\)"):
        streamed(renamed)


BEYOND = {
    "a vast repeat": row(text("OCC_CODE"))
    + row(number("1", more=' table:number-columns-repeated="70"')),
    "rows repeated down": row(text("OCC_CODE"))
    + '<table:table-row table:number-rows-repeated="700000">'
    + number("1")
    + "</table:table-row>",
    "a bad repeat count": row(text("OCC_CODE"), more=' table:number-rows-repeated="-5"'),
    "an unsaved formula": row(text("OCC_CODE"))
    + row(EMPTY, '<table:table-cell table:formula="of:=1"/>'),
    "an unsaved formula beside a date": row(text("OCC_CODE"))
    + row(ODD["a date"], '<table:table-cell table:formula="of:=1"/>'),
}


@pytest.mark.parametrize("rows", BEYOND.values(), ids=BEYOND.keys())
def test_what_check_ods_refuses_is_refused_in_its_words_as_it_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str
) -> None:
    path = workbook(tmp_path / "MSA_M2024_dl.ods", ("Data", rows))

    def refusal() -> str:
        with pytest.raises(SpreadsheetError) as refused:
            list(sheets.open_table(path).rows)
        return str(refused.value)

    whole = refusal()
    monkeypatch.setattr(sheets, "STREAM_BYTES", 0)
    no_calamine(monkeypatch)
    assert refusal() == whole


def test_a_large_ods_with_a_cell_it_reads_only_whole_is_refused_in_one_line(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store_from(tmp_path / "home", write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows()))
    stored = figures(before)
    lines = [list(line) for line in full_rows()]
    lines[4].append("DATE")
    rows = ods_rows(lines).replace(ods_cell("DATE"), ODD["a date"])
    path = write_ods(tmp_path / "MSA_M2024_dl.ods", rows)
    monkeypatch.setattr(sheets, "STREAM_BYTES", 0)
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path / "home"))
    result = runner.invoke(app, ["official", "import", str(path)])
    assert result.exit_code == 1
    column = column_name(len(HEADER))
    assert result.stderr.strip().splitlines() == [
        f"mlcareers: error: {path}: a large .ods (0 MiB of XML) with cells mlcareers reads only "
        f"whole (a date at row 6, column {column} of sheet 'MSA_M2024_dl'); save it as .xlsx or "
        "CSV and import that"
    ]
    assert figures(before) == stored


def test_a_row_too_long_to_hold_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # expat's elements are held until a row ends: bounded, as the xlsx stream's pieces are.
    monkeypatch.setattr(ods_stream, "MAX_PENDING", 64 * 1024)
    lines = row(*(text(f"cell {n}") for n in range(10)))
    plain = workbook(tmp_path / "plain.ods", ("Data", lines * 2_000))
    assert len(streamed(plain)["Data"]) == 2_000
    long = row(*(text("x" * 100) for _ in range(1_000)))
    with pytest.raises(SpreadsheetError, match=r"\(more than 0 MiB of XML in one row\)"):
        streamed(workbook(tmp_path / "long.ods", ("Data", lines + long)))


# ---------------------------------------------------------------- the red team's files


def both_ways(path: Path, monkeypatch: pytest.MonkeyPatch, home: Path) -> list[str]:
    """What an import of `path` says, read whole and as it streams (a line each)."""
    said = []
    for streams in (False, True):
        with monkeypatch.context() as patched:
            if streams:
                patched.setattr(sheets, "STREAM_BYTES", 0)
            with pytest.raises(SpreadsheetError) as refused:
                store_from(home / str(streams), path)
            said.append(str(refused.value))
    return said


def test_two_sheets_of_one_name_are_refused_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-calamine read the last of them for both; the stream read each: other figures.
    data = ods_rows(full_rows())
    path = workbook(tmp_path / "MSA_M2024_dl.ods", ("X", data), ("X", row(text("notes"))))
    for line in both_ways(path, monkeypatch, tmp_path):
        assert "refused: two sheets are named 'X'" in line


def test_a_sheet_without_a_name_is_refused_as_it_streams(tmp_path: Path) -> None:
    # python-calamine leaves such a sheet out; the stream read it as sheet ''.
    path = workbook(tmp_path / "x.ods", ("Data", row(text("a"))))
    content = zipfile.ZipFile(path).read("content.xml").decode()
    path = zipped(tmp_path / "unnamed.ods", content.replace(' table:name="Data"', ""))
    with pytest.raises(SpreadsheetError, match=r"reads only whole \(a sheet without a name"):
        streamed(path)


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<?xml version="1.0" encoding="ISO-8859-1"?>', "utf-8"),
        ('<?xml version="1.0" encoding="UTF-16"?>', "utf-16"),
        ("", "utf-16"),
    ],
)
def test_xml_not_in_utf8_is_refused_as_it_streams(
    tmp_path: Path, declaration: str, encoding: str
) -> None:
    # python-calamine reads content.xml as UTF-8 whatever it says, expat as it says: a file
    # labelled Latin-1 stored 'MayagÃ¼ez' one way and 'Mayagüez' the other.
    path = workbook(tmp_path / "x.ods", ("Data", row(text("Mayagüez"))))
    content = zipfile.ZipFile(path).read("content.xml").decode()
    body = declaration + content[content.index("?>") + 2 :]
    odd = tmp_path / "odd.ods"
    with zipfile.ZipFile(odd, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", body.encode(encoding))
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    with pytest.raises(SpreadsheetError, match="an encoding other than UTF-8"):
        streamed(odd)


def test_xml_nested_beyond_any_spreadsheet_is_refused_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 15 MiB of nested elements took 1.4 GB, the parser holding each one open.
    deep = "<text:span>" * 100 + "x" + "</text:span>" * 100
    rows = ods_rows(full_rows()) + row(
        cell('office:value-type="string"', f"<text:p>{deep}</text:p>")
    )
    path = write_ods(tmp_path / "MSA_M2024_dl.ods", rows)
    for line in both_ways(path, monkeypatch, tmp_path):
        assert "refused: its XML nests more than 64 elements deep" in line


def test_a_long_sheet_name_is_cut_in_a_message(tmp_path: Path) -> None:
    # A 5,000,000-character name made a 5 MB line.
    path = _one_cell(tmp_path, '<table:table-cell office:value-type="date"/>')
    content = zipfile.ZipFile(path).read("content.xml").decode()
    named = zipped(
        tmp_path / "long.ods", content.replace('table:name="Data"', f'table:name="{"n" * 10_000}"')
    )
    with pytest.raises(SpreadsheetError) as refused:
        streamed(named)
    assert len(str(refused.value)) < 300
    assert "of sheet 'nnnn" in str(refused.value)


def test_a_notes_line_is_cut() -> None:
    # 200 notes rows of 15 MiB each, kept to the end of a streamed read, held 3 GB.
    rows = iter([(1, ["x" * (sheets.NOTE_CHARS * 2)]), (2, ["short"])])
    assert [len(line) for line in sheets._sheet_notes(rows)] == [sheets.NOTE_CHARS, 5]
