"""Reading OEWS files: the data sheet by its header, every cross-industry row, BLS symbols,
XLSX, XLS, CSV and BLS's zips, and the files that are refused, each with one clear line."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlcareers.errors import UsageError
from mlcareers.files import FileError
from mlcareers.official import oews, sheets, table
from mlcareers.official.database import Database, open_store
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import Marked, StoredFigure

from .fixtures_official import (
    CIRS,
    DEV,
    DS,
    HEADER,
    NURSE,
    Cell,
    full_rows,
    row,
    sample_rows,
    store_from,
    write_csv,
    write_xls,
    write_xlsx,
    write_zip,
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def stored(home: Path, *files: Path, period: str | None = None) -> Database:
    database = open_store(store_from(home, *files, period=period))
    assert database is not None
    return database


def figure(database: Database, area: str, soc: str) -> StoredFigure:
    (found,) = database.figures([soc], area)
    return found.figure


def read(path: Path) -> tuple[list[tuple[object, ...]], oews.SheetReader]:
    """The rows the reader keeps from a file, without a store."""
    reader = oews.SheetReader(sheets.open_table(path), str(path))
    return list(reader.rows()), reader


@pytest.mark.parametrize("lower", [False, True])
def test_xlsx_with_notes_sheet_first_keeps_every_cross_industry_row(
    home: Path, tmp_path: Path, lower: bool
) -> None:
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", lower=lower)
    with stored(home, path) as database:
        (dataset,) = database.datasets()
        assert (dataset.file, dataset.period, dataset.year) == (
            "MSA_M2024_dl.xlsx",
            "May 2024",
            2024,
        )
        national = figure(database, "99", DS)
        # The industry rows (NAICS 541000, own code 5) carry 1..7: never the occupation's figure.
        assert (national.p10, national.median, national.p90, national.mean) == (
            70_000,
            112_590,
            194_410,
            124_590,
        )
        assert national.employment == 202_900
        assert (national.h_p10, national.h_median, national.h_mean) == (30.1, 54.1, 59.9)
        assert national.hourly("p90") == 90.4
        # Every occupation is kept, not only the catalogue's: the nurses and the total too.
        codes = {occupation.code for occupation in database.occupations(dataset.id)}
        assert codes == {DS, CIRS, DEV, NURSE, "00-0000"}
        assert figure(database, "99", "00-0000").employment == 151_853_870
        assert dataset.rows == 13
        assert dataset.areas == 6


def test_the_import_counts_what_it_read(tmp_path: Path) -> None:
    rows, reader = read(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"))
    stats = reader.stats()
    assert (stats.rows_read, stats.kept, stats.industry_rows) == (len(sample_rows()), 13, 2)
    assert len(rows) == 13


def test_jobs_per_1000_location_quotient_and_hourly_wages(home: Path, tmp_path: Path) -> None:
    with stored(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows())) as database:
        san_jose = figure(database, "41940", DEV)
        assert (san_jose.jobs_per_1000, san_jose.location_quotient) == (70.5, 10.9)
        assert san_jose.h_p10 == round(140_000 / 2080, 2)
        assert san_jose.h_p90 == Marked(marker="#")
        assert san_jose.p75 == Marked(marker="#")
        mayaguez = figure(database, "32420", DEV)
        assert mayaguez.jobs_per_1000 == Marked(marker="~")
        assert mayaguez.location_quotient == Marked(marker="~")
        assert mayaguez.h_median == Marked(marker="*")
        # Blank cells are no figure, never zero.
        assert figure(database, "99", DS).jobs_per_1000 is None


def test_csv_with_the_same_header_reads_the_same(tmp_path: Path) -> None:
    from_xlsx, _ = read(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows()))
    from_csv, _ = read(write_csv(tmp_path / "MSA_M2024_dl.csv", full_rows(), lower=True))
    assert from_csv == from_xlsx


def test_xls_reads_as_xlsx_does(home: Path, tmp_path: Path) -> None:
    """Files before May 2014 are .xls: python-calamine reads them, with the same result."""
    from_xlsx, _ = read(write_xlsx(tmp_path / "MSA_M2013_dl.xlsx", full_rows()))
    xls = write_xls(tmp_path / "MSA_M2013_dl.xls", full_rows())
    from_xls, _ = read(xls)
    assert from_xls == from_xlsx
    with stored(home, xls) as database:
        (dataset,) = database.datasets()
        assert (dataset.file, dataset.period, dataset.annual_cap) == (
            "MSA_M2013_dl.xls",
            "May 2013",
            239_200,  # the notes sheet is read in an .xls too
        )
        assert figure(database, "32420", DS).median == 41_000


def test_an_xls_written_by_xlwt(tmp_path: Path) -> None:
    """A second writer's .xls, where xlwt is installed (it is no dependency of the tests)."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt is not installed: no xlwt-written .xls read")
    workbook = xlwt.Workbook()
    notes = workbook.add_sheet("Field Descriptions")
    notes.write(0, 0, "Notes:")
    data = workbook.add_sheet("MSA_M2013_dl")
    lines: list[list[Cell]] = [list(HEADER), *full_rows()]
    for number, values in enumerate(lines):
        for column, value in enumerate(values):
            data.write(number, column, value)
    path = tmp_path / "MSA_M2013_dl.xls"
    workbook.save(str(path))
    from_xlwt, _ = read(path)
    from_xlsx, _ = read(write_xlsx(tmp_path / "MSA_M2013_dl.xlsx", full_rows()))
    assert from_xlwt == from_xlsx


def test_symbols_are_marks_never_numbers(home: Path, tmp_path: Path) -> None:
    with stored(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")) as database:
        austin_cirs = figure(database, "12420", CIRS)
        assert austin_cirs.median == Marked(marker="*")
        assert austin_cirs.employment == Marked(marker="**")
        assert figure(database, "12420", DEV).p90 == Marked(marker="#")
        assert figure(database, "42660", CIRS).employment == Marked(marker="~")
        (dataset,) = database.datasets()
        assert (dataset.annual_cap, dataset.hourly_cap) == (239_200, 115.0)  # from the notes


def test_cap_comes_from_the_year_when_the_file_does_not_state_it(
    home: Path, tmp_path: Path
) -> None:
    old = write_xlsx(tmp_path / "MSA_M2021_dl.xlsx", notes=False)
    newer = write_xlsx(tmp_path / "MSA_M2012_dl.xlsx", notes=False)
    with stored(home, old, newer) as database:
        caps = {info.year: info.annual_cap for info in database.datasets()}
        assert caps == {2021: 208_000, 2012: None}


def test_data_sheet_first_and_header_below_title_rows(home: Path, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "national_M2024_dl.xlsx",
        notes_first=False,
        above_header=[["May 2024 OEWS estimates"], []],
    )
    with stored(home, path) as database:
        assert figure(database, "99", DS).median == 112_590
        assert database.datasets()[0].annual_cap == 239_200  # the notes after the data, too


def test_detailed_row_wins_over_a_broad_duplicate(home: Path, tmp_path: Path) -> None:
    rows = [
        row("99", DS, (1, 2, 3, 4, 5), 6, 7, o_group="broad"),
        row("99", DS),
        row("99", DS, (8, 9, 10, 11, 12), 13, 14, o_group="broad"),
        row("12420", DS, (1, 2, 3, 4, 5), 6, 7, o_group="broad"),
        row("12420", DS, (10, 20, 30, 40, 50), 60, 70, o_group="broad"),
    ]
    with stored(home, write_csv(tmp_path / "x_M2024_dl.csv", rows)) as database:
        assert figure(database, "99", DS).median == 112_590
        assert figure(database, "12420", DS).median == 3  # of two broad rows, the first
        assert database.datasets()[0].rows == 2


def test_two_detailed_rows_of_one_place_are_refused_naming_both(tmp_path: Path) -> None:
    rows = [row("99", DS), row("12420", DS), row("99", DS, mean=1)]
    with pytest.raises(SpreadsheetError) as caught:
        read(write_csv(tmp_path / "x_M2024_dl.csv", rows))
    message = str(caught.value)
    assert "rows 2 and 4" in message
    assert DS in message
    assert "area 99" in message


@pytest.mark.parametrize(
    ("wages", "column"),
    [
        ((90_000, 80_000, 112_590, 150_000, 194_410), "A_PCT25"),
        ((70_000, 90_000, 112_590, 150_000, 140_000), "A_PCT90"),
        ((70_000, "*", 60_000, "#", "#"), "A_MEDIAN"),  # marks aside, 60,000 < 70,000
        # a top-coded p25 is at least the survey's top wage: a median under it goes down
        ((70_000, "#", 112_590, 150_000, "#"), "A_PCT25 #"),
    ],
)
def test_percentiles_that_go_down_are_refused_naming_the_row(
    tmp_path: Path, wages: tuple[object, ...], column: str
) -> None:
    rows = [row("99", DEV), row("99", DS, wages)]  # type: ignore[arg-type]
    with pytest.raises(SpreadsheetError) as caught:
        read(write_xlsx(tmp_path / "x_M2024_dl.xlsx", rows, notes=False))
    message = str(caught.value)
    assert "row 3: the percentiles go down" in message
    assert column in message
    assert "\n" not in message


def test_hourly_percentiles_that_go_down_are_refused(tmp_path: Path) -> None:
    rows = [row("99", DS, hourly=(30.1, 40.2, 54.1, 50.0, 90.4))]
    with pytest.raises(SpreadsheetError, match=r"row 2: the percentiles go down \(H_PCT10"):
        read(write_csv(tmp_path / "x_M2024_dl.csv", rows))


def test_file_without_area_columns_is_national(home: Path, tmp_path: Path) -> None:
    header = HEADER[8:]
    rows = [values[8:] for values in sample_rows() if values[0] == "99"]
    rows = [values for values in rows if values[0] == DS][:1]
    csv = write_csv(tmp_path / "national_M2018_dl.csv", rows, header)
    with stored(home, csv) as database:
        (area,) = database.areas()
        assert (area.code, area.kind, area.national) == ("99", "nation", True)


def test_area_codes_are_kept_as_bls_writes_them(home: Path, tmp_path: Path) -> None:
    """A state's code with or without its zero, a nonmetro area's seven digits: one area."""
    rows = [row("48", DS), row("4800003", DS)]
    rows[0][0], rows[1][0] = "048", 4800003  # a number in the workbook: its zero is lost
    with stored(home, write_xlsx(tmp_path / "x_M2024_dl.xlsx", rows)) as database:
        assert sorted(area.code for area in database.areas()) == ["48", "4800003"]
        assert figure(database, "0048", DS).median == 112_590
        assert figure(database, "4800003", DS).median == 112_590


# ---------------------------------------------------------------- BLS's zips


def test_a_bls_zip_is_read_as_served(home: Path, tmp_path: Path) -> None:
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows())
    bos = write_xlsx(tmp_path / "BOS_M2024_dl.xlsx", [row("4800003", NURSE)])
    archive = write_zip(tmp_path / "oesm24ma.zip", [msa, bos])
    with stored(home, archive) as database:
        infos = {info.file: info for info in database.datasets()}
        # The data spreadsheets, picked by their header; the descriptions and readme are not.
        assert set(infos) == {"MSA_M2024_dl.xlsx", "BOS_M2024_dl.xlsx"}
        assert {info.archive for info in infos.values()} == {"oesm24ma.zip"}
        assert {info.period for info in infos.values()} == {"May 2024"}
        assert figure(database, "41940", DS).median == 190_000


def test_a_zip_gives_its_period_when_the_spreadsheet_does_not(home: Path, tmp_path: Path) -> None:
    inner = write_xlsx(tmp_path / "all_data.xlsx")
    archive = write_zip(tmp_path / "oesm23all.zip", [inner], extras={})
    with stored(home, archive) as database:
        assert [info.period for info in database.datasets()] == ["May 2023"]


def test_spreadsheet_name_and_zip_name_both_give_periods(tmp_path: Path) -> None:
    assert oews.period_of("all_data_M_2024.xlsx", None, tmp_path / "oesm23all.zip") == "May 2024"
    assert oews.period_of("all_data.xlsx", None, tmp_path / "oesm03all.zip") == "May 2003"
    with pytest.raises(SpreadsheetError, match=r"oesm99all\.zip: all_data\.xlsx: the name says"):
        oews.period_of("all_data.xlsx", None, tmp_path / "oesm99all.zip")  # 2099


def test_a_zip_with_no_spreadsheet_says_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "oesm24ma.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("oesm24ma/readme.txt", "hello")
    with (
        pytest.raises(SpreadsheetError, match=r"no OEWS spreadsheet .* it holds: readme.txt"),
        sheets.spreadsheets(path),
    ):
        pass


def test_a_zip_member_too_compressed_is_refused_before_extraction(tmp_path: Path) -> None:
    path = tmp_path / "oesm24ma.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("oesm24ma/MSA_M2024_dl.xlsx", b"\x00" * (64 * 1024**2))
    with pytest.raises(SpreadsheetError, match="zip bomb"), sheets.spreadsheets(path):
        pass


def test_a_zip_with_too_many_members_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    path = write_zip(tmp_path / "oesm24ma.zip", [msa])
    monkeypatch.setattr(sheets, "MAX_MEMBERS", 2)
    with pytest.raises(SpreadsheetError, match="holds 3 files"), sheets.spreadsheets(path):
        pass


def test_a_zip_with_two_files_of_one_name_is_refused(tmp_path: Path) -> None:
    # zipfile reads the last of them, the size guards looked at the first: an .ods whose first
    # content.xml was small went to python-calamine whole with the large second one (519 MB).
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    with zipfile.ZipFile(msa) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    twice = tmp_path / "twice_M2024_dl.xlsx"

    def write() -> None:
        with zipfile.ZipFile(twice, "w") as archive:
            for info, data in [*members, members[-1]]:
                archive.writestr(info, data)

    with pytest.warns(UserWarning, match="Duplicate name"):
        write()
    with pytest.raises(SpreadsheetError, match=r"holds two files named '.+'; readers differ"):
        sheets.open_table(twice)


def test_extracted_spreadsheets_are_removed_afterwards(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "oesm24ma.zip", [write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")])
    with sheets.spreadsheets(path) as found:
        places = [spreadsheet.path for spreadsheet in found]
        assert all(place.exists() for place in places)
        assert found[0].where.startswith(str(path))
    assert not any(place.exists() for place in places)


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("name", "given", "period"),
    [
        ("MSA_M2024_dl.xlsx", None, "May 2024"),
        ("all_data_M_2024.xlsx", None, "May 2024"),
        ("national_m2019_dl.csv", None, "May 2019"),
        ("oews.csv", "May 2023", "May 2023"),
        ("oews.csv", "2023", "May 2023"),
        ("MSA_M2024_dl.xlsx", "may 2022", "May 2022"),
    ],
)
def test_period(name: str, given: str | None, period: str) -> None:
    assert oews.period_of(Path(name), given) == period


def test_period_unknown_from_the_name_says_how_to_give_it() -> None:
    with pytest.raises(SpreadsheetError, match="--period 'May 2024'"):
        oews.period_of(Path("oews.csv"), None)


@pytest.mark.parametrize("given", ["June 2024", "1999", "May 1999", "2999", "twenty", ""])
def test_a_period_given_wrong_is_a_usage_error(given: str) -> None:
    with pytest.raises(UsageError) as caught:
        oews.period_of(Path("MSA.xlsx"), given)
    assert caught.value.exit_code == 2
    assert "--period" in str(caught.value)


def test_a_name_with_a_period_before_the_survey_is_refused() -> None:
    with pytest.raises(SpreadsheetError, match="May 1999, but OEWS May estimates exist for 2003"):
        oews.period_of(Path("MSA_M1999_dl.xlsx"), None)


# ---------------------------------------------------------------- hostile files


def test_text_in_a_number_cell_names_row_and_column(tmp_path: Path) -> None:
    rows = sample_rows()
    rows[8][HEADER.index("A_MEDIAN")] = "lots"
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", rows, notes=False)
    with pytest.raises(SpreadsheetError) as caught:
        read(path)
    message = str(caught.value)
    assert "row 10, column A_MEDIAN" in message  # header on row 1, rows[8] on row 10
    assert "'lots' is not a number" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("TOT_EMP", -5, "is out of range"),
        ("A_PCT10", 0, "is out of range"),
        ("H_MEAN", "nan", "is out of range"),
        ("JOBS_1000", "1e300", "is out of range"),
        ("OCC_CODE", "15-20X1", "is not a SOC code"),
        ("AREA", "12 420", "is not an area code"),
    ],
)
def test_a_cell_out_of_its_range_names_row_and_column(
    tmp_path: Path, column: str, value: object, problem: str
) -> None:
    rows = [row("99", DS)]
    rows[0][HEADER.index(column)] = value  # type: ignore[call-overload]
    with pytest.raises(SpreadsheetError, match=f"row 2, column {column}: .* {problem}"):
        read(write_csv(tmp_path / "x_M2024_dl.csv", rows))


def test_wrong_columns_name_what_is_missing(tmp_path: Path) -> None:
    header = [name for name in HEADER if name != "A_MEDIAN"]
    rows = [
        [v for v, n in zip(values, HEADER, strict=True) if n != "A_MEDIAN"]
        for values in sample_rows()
    ]
    with pytest.raises(SpreadsheetError, match="no A_MEDIAN column"):
        read(write_csv(tmp_path / "x_M2024_dl.csv", rows, header))


def test_a_spreadsheet_without_occ_code(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.csv"
    path.write_text("name,salary\nann,1\n", encoding="utf-8")
    with pytest.raises(table.NoDataSheetError, match="no OCC_CODE column"):
        read(path)


def test_a_header_with_no_usable_row_is_refused_not_stored(home: Path, tmp_path: Path) -> None:
    only_industries = [row("99", DS, naics="541000", i_group="3-digit")]
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", only_industries)
    with pytest.raises(SpreadsheetError, match="no cross-industry, all-owner occupation row"):
        store_from(home, path)
    empty = write_xlsx(tmp_path / "MSA_M2023_dl.xlsx", [])
    with pytest.raises(SpreadsheetError, match="among its 0 rows"):
        store_from(home, empty)
    with open_store(home / "official.sqlite3") as database:  # type: ignore[union-attr]
        assert database.datasets() == []


def test_binary_file_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    path.write_bytes(b"\x7fELF\x00\x01\x02" * 100)
    with pytest.raises(SpreadsheetError, match="not a spreadsheet"):
        read(path)


def test_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"garbage" * 50)
    with (
        pytest.raises(SpreadsheetError, match="not an XLSX spreadsheet"),
        sheets.spreadsheets(path),
    ):
        pass


def test_zip_named_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with (
        pytest.raises(SpreadsheetError, match="not an XLSX or ODS workbook"),
        sheets.spreadsheets(path),
    ):
        pass


def test_zip_bomb_is_refused_before_decompression(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (64 * 1024**2))
    with pytest.raises(SpreadsheetError, match="zip bomb"):
        read(path)


def test_archive_expanding_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    monkeypatch.setattr(sheets, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(SpreadsheetError, match="would expand"):
        read(path)


def test_missing_file(tmp_path: Path) -> None:
    with (
        pytest.raises(FileError, match="no such file"),
        sheets.spreadsheets(tmp_path / "MSA_M2024_dl.xlsx"),
    ):
        pass


# ---------------------------------------------------------------- progress and Ctrl-C


def test_progress_is_reported(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    table = sheets.open_table(path, lambda *call: calls.append(call))
    list(oews.SheetReader(table, str(path)).rows(progress=lambda *call: calls.append(call)))
    assert ("load", calls[0][1], calls[0][2]) == calls[0]
    loads = [call for call in calls if call[0] == "load"]
    assert loads[-1][1] == loads[-1][2]  # the load ends at its total
    assert calls[-1] == ("rows", len(sample_rows()), len(sample_rows()))


def test_the_loader_runs_in_a_thread_that_ctrl_c_does_not_wait_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A KeyboardInterrupt raised in the waiting thread (as SIGINT raises it) ends the wait
    at once, while the loader is still busy in code that never returns to Python."""
    import threading
    import time

    release = threading.Event()
    ticks: Iterator[int] = iter(range(1_000_000))

    def tick() -> None:
        if next(ticks) == 3:
            raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        sheets.in_worker(lambda: release.wait(30), tick)
    assert time.monotonic() - started < 5  # the loader would have taken 30 s
    release.set()


@pytest.mark.parametrize(("cell", "said"), [("XFD1048576", "16,384 columns"), ("ZZ200000", "702")])
def test_a_sheet_declaring_a_vast_range_is_refused_before_it_is_read(
    tmp_path: Path, cell: str, said: str
) -> None:
    import openpyxl

    path = tmp_path / "MSA_M2024_dl.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "OCC_CODE"
    sheet[cell] = "x"
    workbook.save(path)
    assert path.stat().st_size < 10_000  # a few kilobytes asking for gigabytes
    with pytest.raises(
        SpreadsheetError, match=r"refused: xl/worksheets/sheet1\.xml declares"
    ) as caught:
        sheets.open_table(path)
    assert said in str(caught.value)
