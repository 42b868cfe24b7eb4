"""Reading OEWS spreadsheets: the data sheet by its header, cross-industry rows, BLS symbols."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mlcareers.files import FileError
from mlcareers.official import oews, sheets
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import Figure, Marked

from .fixtures_official import CIRS, CODES, DEV, DS, HEADER, row, sample_rows, write_csv, write_xlsx


def figure(dataset_figures: tuple[Figure, ...], area: str, soc: str) -> Figure:
    return next(f for f in dataset_figures if f.area == area and f.soc == soc)


@pytest.mark.parametrize("lower", [False, True])
def test_xlsx_with_notes_sheet_first_keeps_cross_industry_rows(tmp_path: Path, lower: bool) -> None:
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", lower=lower)
    dataset, stats = oews.read_file(path, CODES)
    assert dataset.period == "May 2024"
    assert dataset.file == "MSA_M2024_dl.xlsx"
    national = figure(dataset.figures, "99", DS)
    # The industry rows (NAICS 541000, own code 5) carry 1..7: never the occupation's figure.
    assert (national.p10, national.median, national.p90, national.mean) == (
        70_000,
        112_590,
        194_410,
        124_590,
    )
    assert national.employment == 202_900
    assert stats.industry_rows == 2
    assert {f.soc for f in dataset.figures} == set(CODES)  # nurses and the total are left out
    assert {o.code: o.title for o in dataset.occupations}[DS] == "Data Scientists"


def test_csv_with_the_same_header_reads_the_same(tmp_path: Path) -> None:
    from_xlsx, _ = oews.read_file(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"), CODES)
    from_csv, _ = oews.read_file(write_csv(tmp_path / "MSA_M2024_dl.csv", lower=True), CODES)
    assert from_csv.figures == from_xlsx.figures
    assert from_csv.areas == from_xlsx.areas


def test_symbols_are_marks_never_numbers(tmp_path: Path) -> None:
    dataset, _ = oews.read_file(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"), CODES)
    austin_cirs = figure(dataset.figures, "12420", CIRS)
    assert austin_cirs.median == Marked(marker="*")
    assert austin_cirs.employment == Marked(marker="**")
    assert figure(dataset.figures, "12420", DEV).p90 == Marked(marker="#")
    assert figure(dataset.figures, "42660", CIRS).employment == Marked(marker="~")
    assert dataset.annual_cap == 239_200  # stated in the file's notes


def test_cap_comes_from_the_year_when_the_file_does_not_state_it(tmp_path: Path) -> None:
    old, _ = oews.read_file(write_xlsx(tmp_path / "MSA_M2021_dl.xlsx", notes=False), CODES)
    assert old.annual_cap == 208_000
    unknown, _ = oews.read_file(write_xlsx(tmp_path / "MSA_M2031_dl.xlsx", notes=False), CODES)
    assert unknown.annual_cap is None


def test_data_sheet_first_and_header_below_title_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "national_M2024_dl.xlsx",
        notes_first=False,
        above_header=[["May 2024 OEWS estimates"], []],
    )
    dataset, _ = oews.read_file(path, CODES)
    assert figure(dataset.figures, "99", DS).median == 112_590
    assert dataset.annual_cap == 239_200  # the notes sheet after the data is read too


def test_detailed_row_wins_over_a_broad_duplicate(tmp_path: Path) -> None:
    rows = [
        row("99", DS, (1, 2, 3, 4, 5), 6, 7, o_group="broad"),
        row("99", DS),
        row("99", DS, (8, 9, 10, 11, 12), 13, 14, o_group="broad"),
    ]
    dataset, _ = oews.read_file(write_csv(tmp_path / "x_M2024_dl.csv", rows), CODES)
    assert [f.median for f in dataset.figures] == [112_590]


def test_file_without_area_columns_is_national(tmp_path: Path) -> None:
    header = HEADER[8:]
    rows = [values[8:] for values in sample_rows() if values[0] == "99"]
    rows = [values for values in rows if values[0] == DS][:1]
    dataset, _ = oews.read_file(write_csv(tmp_path / "national_M2018_dl.csv", rows, header), CODES)
    assert [(a.code, a.national) for a in dataset.areas] == [("99", True)]


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


@pytest.mark.parametrize(("name", "given"), [("oews.csv", None), ("MSA.xlsx", "June 2024")])
def test_period_unknown_says_how_to_give_it(name: str, given: str | None) -> None:
    with pytest.raises(SpreadsheetError, match="May 2024"):
        oews.period_of(Path(name), given)


# ---------------------------------------------------------------- hostile files


def test_text_in_a_number_cell_names_row_and_column(tmp_path: Path) -> None:
    rows = sample_rows()
    rows[8][HEADER.index("A_MEDIAN")] = "lots"
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", rows, notes=False)
    with pytest.raises(SpreadsheetError) as caught:
        oews.read_file(path, CODES)
    message = str(caught.value)
    assert "row 10, column A_MEDIAN" in message  # header on row 1, rows[8] on row 10
    assert "'lots' is not a number" in message
    assert "\n" not in message


def test_wrong_columns_name_what_is_missing(tmp_path: Path) -> None:
    header = [name for name in HEADER if name != "A_MEDIAN"]
    rows = [
        [v for v, n in zip(values, HEADER, strict=True) if n != "A_MEDIAN"]
        for values in sample_rows()
    ]
    with pytest.raises(SpreadsheetError, match="no A_MEDIAN column"):
        oews.read_file(write_csv(tmp_path / "x_M2024_dl.csv", rows, header), CODES)


def test_a_spreadsheet_without_occ_code(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.csv"
    path.write_text("name,salary\nann,1\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="no OCC_CODE column"):
        oews.read_file(path, CODES)


def test_binary_file_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    path.write_bytes(b"\x7fELF\x00\x01\x02" * 100)
    with pytest.raises(SpreadsheetError, match="not a spreadsheet"):
        oews.read_file(path, CODES)


def test_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"garbage" * 50)
    with pytest.raises(SpreadsheetError, match="not an XLSX spreadsheet"):
        oews.read_file(path, CODES)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(SpreadsheetError, match="not an XLSX workbook"):
        oews.read_file(path, CODES)


def test_zip_bomb_is_refused_before_decompression(tmp_path: Path) -> None:
    path = tmp_path / "x_M2024_dl.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (64 * 1024**2))
    with pytest.raises(SpreadsheetError, match="zip bomb"):
        oews.read_file(path, CODES)


def test_archive_expanding_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    monkeypatch.setattr(sheets, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(SpreadsheetError, match="would expand"):
        oews.read_file(path, CODES)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="no such file"):
        oews.read_file(tmp_path / "MSA_M2024_dl.xlsx", CODES)


def test_progress_is_reported(tmp_path: Path) -> None:
    calls: list[tuple[int, int | None]] = []
    oews.read_file(
        write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"),
        CODES,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls[-1] == (len(sample_rows()), len(sample_rows()))
