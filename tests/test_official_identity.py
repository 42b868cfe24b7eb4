"""What an imported OEWS file is: its source, period and level (the kinds of places it holds),
never its file name. The same data under another name replaces what it gave, saying so; files
of one name and period holding different places are both kept; overlapping levels sit side
by side, and every view shows each place once, from the latest import that has it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app

from .fixtures_official import (
    AREAS,
    DS,
    Cell,
    full_rows,
    row,
    write_csv,
    write_xlsx,
    write_zip,
)
from .fixtures_projections import write_projections


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


def of_kind(*types: int) -> list[list[Cell]]:
    """full_rows() of the places of these AREA_TYPEs only (1 the nation, 2 a state, 3 a
    territory, 4 a metro, 6 a nonmetro area): the rows of one of BLS's files."""
    return [line for line in full_rows() if AREAS[str(line[0])][1] in types]


def imported(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, ["official", "import", *args])
    assert result.exit_code == 0, result.stderr
    return result


def data(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def listed(runner: CliRunner) -> list[tuple[str, str, int]]:
    """The stored files: name, period, areas."""
    files = data(runner, "official", "list")["files"]
    return [(entry["file"], entry["period"], entry["areas"]) for entry in files]


def folder(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.mkdir()
    return path


def test_a_national_and_a_metro_file_of_one_name_and_period_are_both_kept(
    runner: CliRunner, tmp_path: Path
) -> None:
    national = write_csv(folder(tmp_path, "national") / "oews.csv", of_kind(1))
    metro = write_csv(folder(tmp_path, "metro") / "oews.csv", of_kind(4))
    imported(runner, str(national), "--period", "May 2024")
    second = imported(runner, str(metro), "--period", "May 2024")
    assert "replaced" not in second.stderr
    assert listed(runner) == [("oews.csv", "May 2024", 1), ("oews.csv", "May 2024", 7)]
    (figure,) = data(runner, "show", "ds")["official"]["figures"]  # the national figure
    assert (figure["source"]["area"]["code"], figure["annual"]["median"]) == ("99", 112_590)
    austin = data(runner, "compare", "ds", "--city", "austin")
    assert austin[0]["official"]["figures"][0]["annual"]["median"] == 121_000


def test_the_same_data_under_another_name_replaces_it_saying_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", of_kind(4))
    imported(runner, str(msa))
    copy = shutil.copyfile(msa, tmp_path / "metro_may2024.xlsx")
    again = imported(runner, str(copy), "--period", "May 2024")
    assert listed(runner) == [("metro_may2024.xlsx", "May 2024", 7)]
    assert again.stderr.splitlines() == [
        "mlcareers: replaced what MSA_M2024_dl.xlsx (May 2024) gave before with "
        "metro_may2024.xlsx: the same period and kinds of places (metropolitan areas)"
    ]
    ranked = data(runner, "where", "ds")
    assert ranked["places_with_figures"] == 7  # each metro once, not twice


def test_a_file_replaces_only_what_holds_the_same_places(runner: CliRunner, tmp_path: Path) -> None:
    national = write_csv(folder(tmp_path, "national") / "oews.csv", of_kind(1))
    metro = write_csv(folder(tmp_path, "metro") / "oews.csv", of_kind(4))
    imported(runner, str(national), str(metro), "--period", "May 2024")
    corrected = [row("12420", DS), row("42660", DS, (90_000, 115_000, 150_000, 190_000, 230_000))]
    again = imported(runner, str(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", corrected)))
    assert "replaced what oews.csv (May 2024) gave before with MSA_M2024_dl.xlsx" in again.stderr
    assert listed(runner) == [("oews.csv", "May 2024", 1), ("MSA_M2024_dl.xlsx", "May 2024", 2)]
    assert data(runner, "show", "ds")["official"]["figures"][0]["annual"]["median"] == 112_590
    assert [entry["area"]["code"] for entry in data(runner, "where", "ds")["areas"]] == [
        "42660",
        "12420",
    ]  # the old metro file's other places are gone with it


def test_two_files_of_one_name_holding_different_places_in_one_import_are_both_kept(
    runner: CliRunner, tmp_path: Path
) -> None:
    national = write_csv(folder(tmp_path, "a") / "data.csv", of_kind(1))
    states = write_csv(folder(tmp_path, "b") / "data.csv", of_kind(2, 3))
    imported(runner, str(national), str(states), "--period", "2024")
    assert listed(runner) == [("data.csv", "May 2024", 1), ("data.csv", "May 2024", 3)]


def test_two_files_of_one_level_in_one_import_are_refused_naming_both(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    first = write_csv(tmp_path / "metro.csv", of_kind(4))
    second = write_csv(tmp_path / "msa.csv", [row("12420", DS)])
    result = runner.invoke(app, ["official", "import", str(first), str(second), "--period", "2024"])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert (
        "two files of May 2024 holding the same kinds of places (metropolitan areas) in one "
        f"import, {first} and {second}: the second would replace the first" in line
    )
    assert not (home / "official.sqlite3").exists() or listed(runner) == []


def test_the_spreadsheets_of_one_zip_are_kept_side_by_side_and_replaced_together(
    runner: CliRunner, tmp_path: Path
) -> None:
    """BLS split its metro file in parts by state until May 2013 (MSA_M2010_dl_1.xls, ...):
    parts of one zip are one publication, not two files that would replace each other."""
    parts = [
        write_xlsx(tmp_path / "MSA_M2013_dl_1.xlsx", [row("12420", DS)]),
        write_xlsx(tmp_path / "MSA_M2013_dl_2.xlsx", [row("42660", DS)]),
        write_xlsx(tmp_path / "BOS_M2013_dl.xlsx", [row("4800003", DS)]),
    ]
    archive = write_zip(tmp_path / "oesm13ma.zip", parts)
    assert "replaced" not in imported(runner, str(archive)).stderr
    stored = [("MSA_M2013_dl_1.xlsx", "May 2013", 1), ("MSA_M2013_dl_2.xlsx", "May 2013", 1)]
    assert listed(runner) == [*stored, ("BOS_M2013_dl.xlsx", "May 2013", 1)]
    again = imported(runner, str(archive))
    assert again.stderr.splitlines() == [
        f"mlcareers: replaced what {name} (May 2013) gave before"
        for name in ("MSA_M2013_dl_1.xlsx", "MSA_M2013_dl_2.xlsx", "BOS_M2013_dl.xlsx")
    ]
    assert len(listed(runner)) == 3


def test_overlapping_levels_sit_side_by_side_and_every_view_shows_a_place_once(
    runner: CliRunner, tmp_path: Path
) -> None:
    """An all-data file (the nation, states, metros) after a metro file of the same period and
    name: neither replaces the other; each place's figure comes from the latest import that
    has it, and no view lists a place twice."""
    metro = write_csv(folder(tmp_path, "metro") / "oews.csv", of_kind(4))
    everything = [
        row("99", DS),
        row("48", DS),
        row("12420", DS, (80_000, 100_000, 125_000, 160_000, 205_000), 130_000, 3_000),
    ]
    all_data = write_csv(folder(tmp_path, "all") / "oews.csv", everything)
    imported(runner, str(metro), "--period", "May 2024")
    later = imported(runner, str(all_data), "--period", "May 2024")
    assert "replaced" not in later.stderr
    assert listed(runner) == [("oews.csv", "May 2024", 7), ("oews.csv", "May 2024", 3)]

    ranked = data(runner, "where", "ds")
    codes = [entry["area"]["code"] for entry in ranked["areas"]]
    assert sorted(codes) == sorted(set(codes))
    assert set(codes) == {"12420", "32420", "35620", "38860", "38900", "41940", "42660"}
    assert ranked["places_with_figures"] == 7
    austin = next(entry for entry in ranked["areas"] if entry["area"]["code"] == "12420")
    assert austin["annual"]["median"] == 125_000  # the later import's
    assert ranked["national"]["annual"]["median"] == 112_590

    (national,) = data(runner, "show", "ds")["official"]["figures"]
    assert national["annual"]["median"] == 112_590
    compared = data(runner, "compare", "ds", "--city", "austin")
    (figure,) = compared[0]["official"]["figures"]
    assert figure["annual"]["median"] == 125_000
    trend = data(runner, "trend", "ds", "--city", "austin")
    assert [(p["period"], p["annual"]["median"]) for p in trend["periods"]] == [
        ("May 2024", 125_000)
    ]
    places = data(runner, "official", "areas")
    assert len(places) == len({place["code"] for place in places}) == 9


def test_projections_under_another_name_replace_those_of_their_period_naming_both(
    runner: CliRunner, tmp_path: Path
) -> None:
    imported(runner, str(write_projections(tmp_path / "occupation.xlsx")))
    again = imported(runner, str(write_projections(tmp_path / "projections_2024.xlsx")))
    assert again.stderr.splitlines() == [
        "mlcareers: replaced what occupation.xlsx (2024–34) gave before with "
        "projections_2024.xlsx: projections of the same period"
    ]
    assert listed(runner) == [("projections_2024.xlsx", "2024–34", 0)]


def test_two_projections_workbooks_in_one_zip_are_refused_still(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    """The spreadsheets of one zip are kept side by side for OEWS only: projections stay one
    dataset a period."""
    workbooks = [write_projections(tmp_path / name) for name in ("a.xlsx", "b.xlsx")]
    result = runner.invoke(
        app, ["official", "import", str(write_zip(tmp_path / "ep.zip", workbooks))]
    )
    assert result.exit_code == 2
    assert "two projections workbooks for 2024–34 in one import (a.xlsx and b.xlsx)" in (
        result.stderr
    )
    assert not (home / "official.sqlite3").exists() or listed(runner) == []
