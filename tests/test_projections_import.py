"""BLS Employment Projections' occupation.xlsx: Table 1.2 recognised by its header and title,
read into the store (thousands as counts, the period from the header), listed and removed;
and bad input refused in one line naming the row and column, the store left as it was."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.official import sheets
from mlcareers.official.database import open_store
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import NOT_AVAILABLE
from mlcareers.official.projections import ProjectionReader
from mlcareers.official.table import NoDataSheetError, NoProjectionsTableError

from .fixtures_official import official_cli, store_from, write_xlsx
from .fixtures_projections import (
    EP_HEADER,
    OLD_TITLE,
    ep_row,
    ep_rows,
    write_projections,
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(official_cli(), ["official", *args])  # type: ignore[arg-type]


def listed(runner: CliRunner) -> list[dict[str, Any]]:
    result = run(runner, "list", "--json")
    assert result.exit_code == 0, result.stderr
    files: list[dict[str, Any]] = json.loads(result.stdout)["files"]
    return files


def read(path: Path) -> tuple[list[tuple[object, ...]], ProjectionReader]:
    table = sheets.open_table(path)
    reader = ProjectionReader(table, str(path))
    return list(reader.rows()), reader


# ---------------------------------------------------------------- reading


def test_table_1_2_is_found_by_its_title_among_tables_of_the_same_header(tmp_path: Path) -> None:
    table = sheets.open_table(write_projections(tmp_path / "occupation.xlsx"))
    assert (table.kind, table.sheet) == ("ep", "Table 1.2")  # not Table 1.3, whose header is alike
    assert table.labels == EP_HEADER  # as published, for messages


def test_rows_are_counts_of_detailed_occupations_with_the_period_of_the_header(
    tmp_path: Path,
) -> None:
    rows, reader = read(write_projections(tmp_path / "occupation.xlsx"))
    assert reader.period == ("2024–34", 2024, 2034)
    kept = {str(row[1]): row[2:] for row in rows}
    assert sorted(kept) == ["11-1011", "15-1221", "15-1252", "15-2051", "29-1141"]
    # thousands as counts; the percent as published; the wage in dollars
    assert kept["15-2051"] == (
        245_900, 327_900, 82_000, 33.5, 23_400, 112_590, "Bachelor's degree", 0
    )  # fmt: skip
    assert kept["11-1011"][2] == -8_700  # a decline stays one
    assert kept["11-1011"][5:] == (239_200, "Bachelor's degree", 1)  # '>=$239,200': top-coded
    assert reader.wage_cap == 239_200
    stats = reader.stats()
    assert (stats.kept, stats.industry_rows) == (5, 3)  # the total and two groups: Summary


def test_a_title_of_older_releases_and_a_sheet_named_table_1_2_are_recognised(
    tmp_path: Path,
) -> None:
    old = write_projections(tmp_path / "a.xlsx", title=OLD_TITLE, sheet="Occupations")
    assert sheets.open_table(old).kind == "ep"
    untitled = write_projections(tmp_path / "b.xlsx", title="")
    assert sheets.open_table(untitled).sheet == "Table 1.2"


def test_a_dash_is_not_available_and_blank_is_nothing(tmp_path: Path) -> None:
    rows = [ep_row("15-2051", "Data scientists", 245.9, 327.9, 82.0, 33.5, 23.4, "—", "—")]
    (row,), _ = read(write_projections(tmp_path / "occupation.xlsx", rows))
    assert row[7:9] == (NOT_AVAILABLE, NOT_AVAILABLE)


def test_numbers_written_as_text_are_read_as_numbers(tmp_path: Path) -> None:
    rows = [ep_row("15-1252", "Software developers", "1,693.8", "1,961.6", "267.8", "15.8",
                   "115.2", "$133,080")]  # fmt: skip
    (row,), _ = read(write_projections(tmp_path / "occupation.xlsx", rows))
    assert row[2:8] == (1_693_800, 1_961_600, 267_800, 15.8, 115_200, 133_080)


def test_a_workbook_without_table_1_2_is_said_as_such(tmp_path: Path) -> None:
    path = write_projections(tmp_path / "occupation.xlsx", table_1_2=False)
    with pytest.raises(NoProjectionsTableError, match=r"none of its sheets is Table 1\.2"):
        sheets.open_table(path)


def test_a_workbook_of_neither_kind_names_both(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [], header=("Field", "Description"), notes=False)
    with pytest.raises(NoDataSheetError, match=r"OCC_CODE column.*Table 1\.2"):
        sheets.open_table(path)


def test_a_header_without_a_required_column_is_refused(tmp_path: Path) -> None:
    header = [name for name in EP_HEADER if not name.startswith("Occupational openings")]
    rows = [[cell for at, cell in enumerate(row) if at != 10] for row in ep_rows()]
    path = write_projections(tmp_path / "occupation.xlsx", rows, header=header)
    with pytest.raises(SpreadsheetError, match="no 'Occupational openings, NNNN–NN annual"):
        read(path)


def test_a_header_of_no_real_period_is_refused(tmp_path: Path) -> None:
    header = [
        name.replace("2024", "1980").replace("–34", "–90").replace("2034", "1990")
        for name in EP_HEADER
    ]
    path = write_projections(tmp_path / "occupation.xlsx", header=header)
    with pytest.raises(SpreadsheetError, match="is no year BLS projects from"):
        read(path)


def test_a_header_whose_years_disagree_is_refused(tmp_path: Path) -> None:
    header = [name.replace("Employment, 2034", "Employment, 2035") for name in EP_HEADER]
    path = write_projections(tmp_path / "occupation.xlsx", header=header)
    with pytest.raises(SpreadsheetError, match="'Employment, 2024' and 'Employment, 2035'"):
        read(path)


# ---------------------------------------------------------------- through the command line


def test_import_list_and_remove(runner: CliRunner, tmp_path: Path) -> None:
    path = write_projections(tmp_path / "occupation.xlsx")
    result = run(runner, "import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    (imported,) = json.loads(result.stdout)["files"]
    assert imported["source"] == "ep"
    assert (imported["summary_rows_skipped"], imported["industry_rows_skipped"]) == (3, None)
    (entry,) = listed(runner)
    assert {key: entry[key] for key in ("file", "source", "survey", "table", "period")} == {
        "file": "occupation.xlsx",
        "source": "ep",
        "survey": "BLS Employment Projections",
        "table": "Table 1.2",
        "period": "2024–34",
    }
    assert (entry["year"], entry["target_year"], entry["rows"]) == (2024, 2034, 5)
    table = run(runner, "list").stdout
    assert "Projections" in table
    assert "2024–34" in table
    removed = run(runner, "remove", "2024-34")
    assert removed.exit_code == 0, removed.stderr
    assert "removed occupation.xlsx (2024–34)" in removed.stderr
    assert listed(runner) == []


def test_a_survey_year_removes_survey_files_only(runner: CliRunner, tmp_path: Path) -> None:
    survey = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    projections = write_projections(tmp_path / "occupation.xlsx")
    assert run(runner, "import", str(survey), str(projections)).exit_code == 0
    assert run(runner, "remove", "2024").exit_code == 0
    assert [entry["source"] for entry in listed(runner)] == ["ep"]


def test_an_import_in_a_zip_and_with_survey_files(runner: CliRunner, tmp_path: Path) -> None:
    workbook = write_projections(tmp_path / "occupation.xlsx")
    archive = tmp_path / "2024-34.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(workbook, "2024-34/occupation.xlsx")
        zipped.writestr("2024-34/readme.txt", "Employment Projections 2024-34\n")
    survey = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    result = run(runner, "import", str(archive), str(survey))
    assert result.exit_code == 0, result.stderr
    entries = {entry["source"]: entry for entry in listed(runner)}
    assert entries["ep"]["archive"] == "2024-34.zip"
    assert entries["oews"]["period"] == "May 2024"


def test_a_second_projections_dataset_of_a_period_replaces_the_first_and_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = write_projections(tmp_path / "occupation.xlsx")
    assert run(runner, "import", str(first)).exit_code == 0
    rows = [ep_row("15-2051", "Data scientists", 250.0, 330.0, 80.0, 32.0, 23.0)]
    second = write_projections(tmp_path / "occupation (1).xlsx", rows)
    result = run(runner, "import", str(second))
    assert result.exit_code == 0, result.stderr
    assert "replaced what occupation.xlsx (2024–34) gave before" in result.stderr
    (entry,) = listed(runner)
    assert (entry["file"], entry["rows"]) == ("occupation (1).xlsx", 1)


def test_two_projections_of_one_period_in_one_import_are_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = write_projections(tmp_path / "occupation.xlsx")
    second = write_projections(tmp_path / "copy.xlsx")
    result = run(runner, "import", str(first), str(second))
    assert result.exit_code == 2
    assert "two projections workbooks for 2024–34" in result.stderr
    assert listed(runner) == []


def test_the_store_gives_each_code_its_projection(tmp_path: Path, home: Path) -> None:
    path = store_from(home, write_projections(tmp_path / "occupation.xlsx"))
    database = open_store(path)
    assert database is not None
    with database:
        found = database.projections(["15-2051", "99-9999", "11-1011"])
        assert [item.occupation.code for item in found] == ["15-2051", "11-1011"]
        ds, ceo = found
        assert ds.projection.base_employment == 245_900
        assert ds.projection.percent_change == 33.5
        assert ds.dataset.period == "2024–34"
        assert (ceo.projection.median_wage, ceo.projection.median_wage_at_least) == (
            None,
            239_200,
        )
        assert database.periods() == []  # no survey period: projections have their own


# ---------------------------------------------------------------- bad input: one line, no change


def _refused(runner: CliRunner, home: Path, path: Path) -> str:
    """Import `path` into a store that holds a survey file: exit 1, one line, store unchanged."""
    survey = write_xlsx(path.with_name("MSA_M2024_dl.xlsx"))
    assert run(runner, "import", str(survey)).exit_code == 0
    before = (home / "official.sqlite3").read_bytes()
    result = run(runner, "import", str(path))
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert (home / "official.sqlite3").read_bytes() == before
    return str(line)


def test_a_projections_workbook_without_table_1_2(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    line = _refused(runner, home, write_projections(tmp_path / "occupation.xlsx", table_1_2=False))
    assert "a BLS Employment Projections workbook, but none of its sheets is Table 1.2" in line
    assert "Table 1.1, Table 1.3" in line
    assert "nothing was imported" in line


def test_a_percent_that_is_not_a_number(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    rows = ep_rows()
    rows[5][8] = "33.5 %"  # the data scientists' row: row 8 of the sheet
    line = _refused(runner, home, write_projections(tmp_path / "occupation.xlsx", rows))
    assert "sheet 'Table 1.2': row 8, column 'Employment change, percent, 2024–34'" in line
    assert "'33.5 %' is not a number" in line


def test_a_count_above_any_occupation_in_a_workbook_in_thousands(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    rows = ep_rows()
    rows[5][3] = 245_900.0  # a count written where thousands belong
    line = _refused(runner, home, write_projections(tmp_path / "occupation.xlsx", rows))
    assert "row 8, column 'Employment, 2024': 245,900.0 thousand is more jobs than any" in line
    assert "is the sheet not in thousands?" in line


def test_two_line_items_of_one_occupation(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    rows = [*ep_rows(), ep_row("15-2051", "Data scientists", 1.0, 2.0, 1.0, 100.0, 0.1)]
    line = _refused(runner, home, write_projections(tmp_path / "occupation.xlsx", rows))
    assert "rows 8 and 11 are both the line item of 15-2051" in line


def test_an_occupation_type_of_neither_kind(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    rows = ep_rows()
    rows[3][2] = "Detailed"
    line = _refused(runner, home, write_projections(tmp_path / "occupation.xlsx", rows))
    assert "row 6, column 'Occupation type': 'Detailed' is neither 'Line item' nor" in line


def test_a_zip_whose_workbook_has_no_table_1_2(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    workbook = write_projections(tmp_path / "occupation.xlsx", table_1_2=False)
    archive = tmp_path / "2024-34.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(workbook, "2024-34/occupation.xlsx")
    line = _refused(runner, home, archive)
    assert "no spreadsheet in it has an OCC_CODE column nor is Table 1.2" in line


def test_a_damaged_projection_is_said_once_and_left_out(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    import sqlite3

    from mlcareers.cli import app

    path = store_from(home, write_projections(tmp_path / "occupation.xlsx"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE projections SET percent_change = 'fast' WHERE soc = '15-2051'")
    db.close()
    shown = runner.invoke(app, ["show", "ds", "--json"])
    assert shown.exit_code == 0
    (line,) = shown.stderr.splitlines()
    assert "a stored value is damaged" in line
    assert json.loads(shown.stdout)["projections"]["figures"] == []
    ranked = runner.invoke(app, ["rank", "--by", "growth"])
    assert ranked.exit_code == 1
    assert len(ranked.stderr.splitlines()) == 1


def test_a_hand_over_to_python_calamine_partway_reads_table_1_2_again(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Table 1.2 sheet over 160 MiB is read as it streams; where the stream hands the sheet
    # over (ReadAgain) after its first rows, the import reads it again with python-calamine,
    # as an OEWS import does. Before, the hand-over was an internal error.
    path = write_projections(tmp_path / "occupation.xlsx")
    assert run(runner, "import", str(path)).exit_code == 0
    expected = [(entry["file"], entry["rows"]) for entry in listed(runner)]
    real = ProjectionReader.rows
    calls: list[int] = []

    def handed_over(self: ProjectionReader, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        rows = real(self, *args, **kwargs)
        if len(calls) == 1:
            yield next(rows)
            raise sheets.ReadAgain(str(path))
        yield from rows

    monkeypatch.setattr(ProjectionReader, "rows", handed_over)
    result = run(runner, "import", str(path))
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    assert len(calls) == 2
    assert [(entry["file"], entry["rows"]) for entry in listed(runner)] == expected
