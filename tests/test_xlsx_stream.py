"""A sheet too large to hold whole is read as it streams (official/xlsx_stream.py): it must
give exactly the rows python-calamine gives, value for value and type for type, and leave to
python-calamine, from the row where it meets it, anything it does not read itself."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import sys
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from mlcareers.official import sheets, xlsx_stream
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.table import Cell

from .fixtures_official import full_rows, store_from, write_xlsx
from .test_sheetscan import DATA_SHEET, add_cell, edited, unsaved_formula

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import bench_import  # the benchmark's BLS-layout writer (shared strings)


def calamine_rows(path: Path, sheet: str) -> list[list[Cell]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return [list(row) for row in workbook.get_sheet_by_name(sheet).iter_rows()]


def streamed_rows(path: Path, member: str) -> dict[int, Sequence[Cell]]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        strings = xlsx_stream.shared_strings(archive, names)
        dates = xlsx_stream.date_styles(archive, names)
        return dict(xlsx_stream.rows(archive, member, strings, dates))


def same(calamine: Sequence[Sequence[Cell]], streamed: Mapping[int, Sequence[Cell]]) -> None:
    """Row for row, value for value and type for type; a row or cell the stream leaves out
    is one python-calamine gives as empty."""
    for number, row in enumerate(calamine, start=1):
        mine = list(streamed.get(number, []))
        width = max(len(row), len(mine))
        theirs = [*row, *[""] * (width - len(row))]
        ours = [*mine, *[""] * (width - len(mine))]
        assert ours == theirs, number
        assert [type(v) for v in ours] == [type(v) for v in theirs], number
    assert not set(streamed) - set(range(1, len(calamine) + 1))


@pytest.mark.parametrize("layout", ["all", "msa"])
def test_a_bls_layout_workbook_streams_as_calamine_reads_it(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "all_data_M_2024.xlsx"
    bench_import.write_xlsx(path, 3_000, layout)
    with zipfile.ZipFile(path) as archive:
        members = xlsx_stream.sheet_members(archive)
    assert list(members) == ["Field Descriptions", "All May 2024 data"]
    for name, member in members.items():
        same(calamine_rows(path, name), streamed_rows(path, member))


def test_every_plain_kind_of_cell_streams_as_calamine_reads_it(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["text", 1, 1.5, True, False, "#N/A", None, "x & <y>", 112590, -3, 1e-05])
    sheet.append([" spaced ", "", 0, 2.5e20, "Ünïcödé – dash", None, None, "'quoted'", "1235"])
    sheet["Q7"] = "a gap, far to the right and rows below"
    path = tmp_path / "kinds.xlsx"
    workbook.save(path)
    same(calamine_rows(path, sheet.title), streamed_rows(path, "xl/worksheets/sheet1.xml"))


def test_rich_and_phonetic_shared_strings_read_as_calamine_reads_them(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda xml: xml)
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" count="2" uniqueCount="2"><si><r><t>Data </t></r><r><rPr><b/>'
        '</rPr><t xml:space="preserve">scientists</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh>'
        "</si><si><t>A &amp; B</t></si></sst>"
    )
    rich = tmp_path / "rich.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rich, "w") as out:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == DATA_SHEET:
                data = data.replace(
                    b"</row>",
                    b'<c r="AZ1" t="s"><v>0</v></c><c r="BA1" t="s"><v>1</v></c></row>',
                    1,
                )
            out.writestr(member, data)
        out.writestr("xl/sharedStrings.xml", shared)
        # openpyxl's workbook lists no shared strings part: calamine finds it by name
    theirs = calamine_rows(rich, "MSA_M2024_dl")
    assert theirs[0][-2:] == ["Datascientists", "A & B"]  # "Data " is trimmed: no preserve
    same(theirs, streamed_rows(rich, DATA_SHEET))


TEXTS = [
    "<t> lead</t>",
    "<t>trail </t>",
    "<t>   </t>",
    '<t xml:space="preserve"> kept </t>',
    "<t>a\nb</t>",
    "<t>\n x \n</t>",
    "<t>&#32;entity </t>",
    "<t>\u00a0nbsp\u00a0</t>",
    "<t>A &amp; B &lt;C&gt;</t>",
]
OTHERS = (
    '<c r="A3" t="str"><v> x </v></c><c r="B3"><v> 12 </v></c><c r="C3" t="str"><v>a&amp;b</v>'
    '</c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#DIV/0!</v></c><c r="F3" t="n"><v>1E3'
    '</v></c><c r="G3"><v>007</v></c><c r="H3" t="str"><v></v></c><c r="I3"><v>1_000</v></c>'
    '<c r="J3"><v>inf</v></c><c r="K3"><v>-0.5e-3</v></c>'
)


def test_spaces_entities_and_odd_numbers_read_as_calamine_reads_them(tmp_path: Path) -> None:
    # python-calamine trims a text of XML white space unless it says xml:space="preserve",
    # keeps a formula's text result as it is, and reads " 12 " or "1_000" as text, not as a
    # number: what the stream reads itself must agree, and the rest is left to calamine.
    path = edited(tmp_path, lambda xml: xml)
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main">' + "".join(f"<si>{t}</si>" for t in TEXTS) + "</sst>"
    )
    cells = "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(TEXTS)))
    inline = "".join(
        f'<c r="{chr(65 + i)}2" t="inlineStr"><is>{t}</is></c>' for i, t in enumerate(TEXTS)
    )
    data = (
        f'<sheetData><row r="1">{cells}</row><row r="2">{inline}</row><row r="3">{OTHERS}'
        "</row></sheetData>"
    ).encode()
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(odd, "w") as out:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == DATA_SHEET:
                start, end = content.index(b"<sheetData>"), content.index(b"</sheetData>")
                content = content[:start] + data + content[end + len(b"</sheetData>") :]
            out.writestr(member, content)
        out.writestr("xl/sharedStrings.xml", shared)
    theirs = calamine_rows(odd, "MSA_M2024_dl")
    given: dict[int, Sequence[Cell]] = {}
    member = zipfile.ZipFile(odd).getinfo(DATA_SHEET)

    def read() -> None:
        for number, row in sheets._streamed_rows(odd, member, "odd.xlsx"):
            given[number] = row

    with pytest.raises(sheets.ReadAgain):  # "&#32;" and " 12 " are calamine's to read
        read()
    assert list(given) == [1]  # the shared strings; the inline "&#32;" stops it at row 2
    same(theirs[:1], given)


def test_a_date_is_left_to_calamine_from_its_row_on(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["a", 1])
    sheet.append([dt.date(2024, 5, 1), 2])
    sheet.append(["c", 3])
    path = tmp_path / "dates.xlsx"
    workbook.save(path)
    with pytest.raises(xlsx_stream.Unsupported) as caught:
        streamed_rows(path, "xl/worksheets/sheet1.xml")
    assert caught.value.row == 2
    # The reader as the import uses it: read again, whole, by python-calamine.
    member = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    with pytest.raises(sheets.ReadAgain):
        list(sheets._streamed_rows(path, member, "dates.xlsx"))


@pytest.fixture
def stream_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sheet read as it streams, however small (the threshold is for memory only)."""
    monkeypatch.setattr(sheets, "STREAM_BYTES", 0)


@pytest.mark.usefixtures("stream_everything")
def test_an_import_that_streams_stores_the_figures_calamine_gives(tmp_path: Path) -> None:
    def figures(store: Path) -> list[tuple[object, ...]]:
        with sqlite3.connect(store) as db:
            return db.execute("SELECT * FROM figures ORDER BY area, soc").fetchall()

    path = tmp_path / "MSA_M2024_dl.xlsx"
    bench_import.write_xlsx(path, 2_000, "msa")
    streamed = figures(store_from(tmp_path / "a", path))
    sheets.STREAM_BYTES = 1 << 40
    loaded = figures(store_from(tmp_path / "b", path))
    assert streamed == loaded
    assert len(streamed) > 1_000
    fixture = write_xlsx(tmp_path / "x_M2024_dl.xlsx", full_rows())  # openpyxl's inline text
    sheets.STREAM_BYTES = 0
    again = figures(store_from(tmp_path / "c", fixture))
    sheets.STREAM_BYTES = 1 << 40
    assert again == figures(store_from(tmp_path / "d", fixture))


@pytest.mark.usefixtures("stream_everything")
@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (add_cell("XFD1048576"), "XFD1048576"),
        (add_cell("BM2"), "BM2"),
        (unsaved_formula, "a formula with no saved value"),
    ],
)
def test_a_streamed_sheet_is_refused_as_a_loaded_one_is(
    tmp_path: Path, edit: object, said: str
) -> None:
    path = edited(tmp_path, edit)  # type: ignore[arg-type]

    def read() -> None:
        list(sheets.open_table(path).rows)

    with pytest.raises(SpreadsheetError, match=said):
        read()


def _msa(tmp_path: Path, edit: Callable[[bytes], bytes], rows: int = 60) -> Path:
    """The benchmark's metro layout (shared strings), its data sheet's XML through `edit`."""
    plain = tmp_path / "plain" / "MSA_M2024_dl.xlsx"
    plain.parent.mkdir(exist_ok=True)
    bench_import.write_xlsx(plain, rows, "msa")
    path = tmp_path / "MSA_M2024_dl.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member)
            out.writestr(
                member, edit(data) if member.filename == "xl/worksheets/sheet2.xml" else data
            )
    return path


def imported(path: Path, home: Path, *, stream: bool) -> object:
    """What importing `path` gives: every stored figure, or the one line it is refused with."""
    sheets.STREAM_BYTES = 0 if stream else 1 << 40
    try:
        store = store_from(home, path)
    except SpreadsheetError as error:
        return str(error).replace(str(path), "FILE")
    finally:
        sheets.STREAM_BYTES = 160 * 1024**2
    with sqlite3.connect(store) as db:
        return db.execute("SELECT * FROM figures ORDER BY area, soc").fetchall()


def _row(xml: bytes, number: int) -> tuple[int, int]:
    start = xml.index(b'<row r="%d"' % number)
    return start, xml.index(b"</row>", start) + len(b"</row>")


def swap_rows(xml: bytes) -> bytes:
    (a, b), (c, d) = _row(xml, 40), _row(xml, 41)
    return xml[:a] + xml[c:d] + xml[a:b] + xml[d:]


def prefixed_row(xml: bytes) -> bytes:
    xml = xml.replace(
        b"<worksheet ",
        b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
        1,
    )
    a, b = _row(xml, 40)
    row = xml[a:b].replace(b"<row", b"<x:row").replace(b"</row>", b"</x:row>")
    row = row.replace(b"<c ", b"<x:c ").replace(b"</c>", b"</x:c>").replace(b"<v>", b"<x:v>")
    return xml[:a] + row.replace(b"</v>", b"</x:v>") + xml[b:]


NAMES = [bench_import._column(n).encode() for n in range(80)]


def column_a_empty_then_a_formula(xml: bytes) -> bytes:
    # Every cell one column right (A empty); then row 40 holds a formula with its value.
    def right(cell: re.Match[bytes]) -> bytes:
        return b"".join([b'<c r="', NAMES[NAMES.index(cell.group(1)) + 1], cell.group(2), b'"'])

    xml = re.sub(rb'<c r="([A-Z]+)(\d+)"', right, xml)
    a, b = _row(xml, 40)
    row = xml[a:b].replace(b"><v>", b"><f>1+1</f><v>", 1)
    return xml[:a] + row + xml[b:]


def odd_values(xml: bytes) -> bytes:
    a, b = _row(xml, 40)
    row = xml[a:b].replace(
        b"</row>",
        b'<c r="AZ40" t="inlineStr"><is><t>&#x80;\xff\xfe</t></is></c>'
        b'<c r="BA40" t="b"><v>true</v></c></row>',
    )
    return xml[:a] + row + xml[b:]


def negative_index(xml: bytes) -> bytes:
    a, b = _row(xml, 40)
    row = xml[a:b].replace(b"<v>", b"<v>-", 1) if b't="s"><v>' in xml[a:b] else xml[a:b]
    return xml[:a] + row + xml[b:]


@pytest.mark.parametrize(
    "edit", [swap_rows, prefixed_row, column_a_empty_then_a_formula, odd_values, negative_index]
)
def test_an_odd_sheet_imports_as_calamine_reads_it_whole(
    tmp_path: Path, edit: Callable[[bytes], bytes]
) -> None:
    # The red team's finds: rows out of order or prefixed were dropped, a hand-over to
    # calamine partway shifted the columns of a sheet whose column A is empty, bytes that are
    # not UTF-8 were an internal error. The stream now hands the whole sheet over, from its
    # start, as soon as it meets what it does not read itself; nothing is mixed.
    path = _msa(tmp_path, edit)
    streamed = imported(path, tmp_path / "a", stream=True)
    assert streamed == imported(path, tmp_path / "b", stream=False)
    if isinstance(streamed, list):
        assert len(streamed) >= 55


def test_a_long_stretch_without_a_row_end_is_handed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read in pieces joined once (it was joined again at each megabyte: quadratic), and
    # bounded: past MAX_PENDING without a row's end, python-calamine reads the sheet.
    monkeypatch.setattr(xlsx_stream, "MAX_PENDING", 1000)
    monkeypatch.setattr(xlsx_stream, "CHUNK", 256)
    path = _msa(
        tmp_path, lambda xml: xml.replace(b"<sheetData>", b"<!--" + b"x" * 5000 + b"--><sheetData>")
    )
    member = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet2.xml")
    with pytest.raises(sheets.ReadAgain):
        list(sheets._streamed_rows(path, member, "long.xlsx"))
    monkeypatch.setattr(xlsx_stream, "MAX_PENDING", 64 * 1024**2)
    assert len(list(sheets._streamed_rows(path, member, "long.xlsx"))) == 61


def with_formulas(xml: bytes) -> bytes:
    """Row 40's numbers as formulas with their saved values, as a spreadsheet saves them."""
    a, b = _row(xml, 40)
    row = re.sub(rb'<c r="([A-Z]+40)"><v>', rb'<c r="\1"><f>1+1</f><v>', xml[a:b])
    return xml[:a] + row + xml[b:]


def test_a_formula_with_its_saved_value_is_read_as_it_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One formula sent the whole sheet to python-calamine (859 MiB for the all-data file).
    path = _msa(tmp_path, with_formulas)
    assert b"<f>" in zipfile.ZipFile(path).read("xl/worksheets/sheet2.xml")
    member = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet2.xml")
    streamed = dict(sheets._streamed_rows(path, member, "formulas.xlsx"))  # no ReadAgain
    same(calamine_rows(path, "All May 2024 data"), streamed)
    assert imported(path, tmp_path / "a", stream=True) == imported(
        path, tmp_path / "b", stream=False
    )


def commented_row(xml: bytes) -> bytes:
    a, b = _row(xml, 40)
    return xml[:a] + b"<!--" + xml[a:b] + b"-->" + xml[b:]


def other_entity(xml: bytes) -> bytes:
    a, b = _row(xml, 40)
    row = xml[a:b].replace(
        b"</row>", b'<c r="AZ40" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row>'
    )
    return xml[:a] + row + xml[b:]


def underscored_number(xml: bytes) -> bytes:
    a, b = _row(xml, 40)
    # a number cell (no type: the bench's numbers), its digits split by an underscore
    row = re.sub(rb'(<c r="[A-Z]+40">)<v>(\d)(\d+)</v>', rb"\1<v>\2_\3</v>", xml[a:b], count=1)
    assert row != xml[a:b]
    return xml[:a] + row + xml[b:]


@pytest.mark.parametrize("edit", [commented_row, other_entity, underscored_number])
def test_what_the_reader_reads_its_own_way_is_left_to_it(
    tmp_path: Path, edit: Callable[[bytes], bytes]
) -> None:
    # A second red team: a commented-out row was imported when streamed; an entity XML does
    # not name was read as text. Each is python-calamine's to read (or refuse).
    path = _msa(tmp_path, edit)
    assert imported(path, tmp_path / "a", stream=True) == imported(
        path, tmp_path / "b", stream=False
    )


def test_a_duration_format_is_left_to_calamine() -> None:
    assert xlsx_stream._DATE_CODE.search(xlsx_stream._QUOTED.sub("", "[h]"))
    assert not xlsx_stream._DATE_CODE.search(xlsx_stream._QUOTED.sub("", "[Red]0.00"))
