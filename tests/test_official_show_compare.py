"""Official figures beside the article's in `show` and `compare --city`, through the whole CLI:
an empty store, a store made from fixture files in the official layout, and a corrupt one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app

from .fixtures_official import write_xlsx


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


@pytest.fixture
def imported(runner: CliRunner, tmp_path: Path) -> None:
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    result = runner.invoke(app, ["official", "import", str(msa)])
    assert result.exit_code == 0, result.stderr


def _json(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_empty_store_show_names_the_code_and_how_to_add(runner: CliRunner, home: Path) -> None:
    data = _json(runner, "show", "ds")
    assert data["soc"]["codes"] == [{"code": "15-2051", "title": "Data Scientists"}]
    assert data["soc"]["derived"] is True
    assert data["official"] == {
        "figures": [],
        "stored": False,
        "reason": "no official figures are stored",
    }
    table = " ".join(runner.invoke(app, ["show", "ds", "--wide"]).stdout.split())
    assert "15-2051 Data Scientists" in table
    assert "mlcareers official import FILE" in table
    assert not home.exists()  # showing a role never creates the store


def test_empty_store_compare_city_works_as_before(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "--city", "seattle")
    assert [row["slug"] for row in rows if row["city_pay"]] == ["ml-engineer"]
    table = " ".join(runner.invoke(app, ["compare", "--city", "seattle"]).stdout.split())
    assert "official import" in table


@pytest.mark.usefixtures("imported")
def test_show_gains_the_national_official_figures(runner: CliRunner) -> None:
    data = _json(runner, "show", "ds")
    (figure,) = data["official"]["figures"]
    assert figure["annual"]["median"] == 112_590
    assert figure["source"]["survey"] == "BLS OEWS"
    assert figure["source"]["period"] == "May 2024"
    assert data["salary"]["median"] == 118_407  # the article's figure, untouched
    table = " ".join(runner.invoke(app, ["show", "ds", "--wide"]).stdout.split())
    assert "Median $112,590" in table
    assert "BLS OEWS" in table


@pytest.mark.usefixtures("imported")
@pytest.mark.parametrize("name", ["austin", "Austin-Round Rock", "12420"])
def test_compare_accepts_any_stored_area(runner: CliRunner, name: str) -> None:
    rows = _json(runner, "compare", "--city", name)
    ds = next(row for row in rows if row["slug"] == "data-scientist")
    (official,) = ds["official"]["figures"]
    assert official["annual"]["median"] == 121_000
    assert official["source"]["area"]["code"] == "12420"
    assert ds["city_figure"] is None  # the article has no Austin figure
    assert ds["city_pay"] is None
    assert ds["place"]["code"] == "12420"


@pytest.mark.usefixtures("imported")
def test_seattle_shows_both_sources_side_by_side(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "--city", "seattle")
    mle = next(row for row in rows if row["slug"] == "ml-engineer")
    assert (mle["city_pay"]["low"], mle["city_pay"]["high"]) == (172_000, 250_000)
    assert mle["city_figure"]["scope"] == "ML engineer pay"
    assert {f["source"]["survey"] for f in mle["official"]["figures"]} == {"BLS OEWS"}
    mlops = next(row for row in rows if row["slug"] == "mlops-engineer")
    assert mlops["city_pay"] is None
    assert mlops["city_figure"]["role"]["slug"] == "ml-engineer"  # another role's figure
    table = " ".join(runner.invoke(app, ["compare", "--city", "seattle", "--wide"]).stdout.split())
    assert "$172,000 – $250,000" in table
    assert "≥ $239,200" in table  # top-coded, never a number
    assert "BLS OEWS" in table
    assert "Upwork" in table


@pytest.mark.usefixtures("imported")
def test_one_role_in_seattle_says_what_the_article_lacks(runner: CliRunner) -> None:
    out = " ".join(runner.invoke(app, ["compare", "mlops", "--city", "seattle"]).stdout.split())
    assert "The source gives no Seattle, WA figure for MLOps engineer" in out


def test_corrupt_store_warns_and_the_rest_works(runner: CliRunner, home: Path) -> None:
    home.mkdir()
    (home / "official.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["show", "ds", "--json"])
    assert result.exit_code == 0
    assert "official.json" in result.stderr
    assert "mlcareers official clear" in result.stderr
    assert json.loads(result.stdout)["slug"] == "data-scientist"
    ranked = runner.invoke(app, ["rank", "--json"])
    assert ranked.exit_code == 0
    assert ranked.stderr == ""  # rank never reads the store


def test_imports_at_the_same_time_lose_nothing(tmp_path: Path, home: Path) -> None:
    import subprocess
    import sys

    command = Path(sys.executable).parent / "mlcareers"
    files = [write_xlsx(tmp_path / f"MSA_M202{year}_dl.xlsx") for year in range(1, 5)]
    running = [
        subprocess.Popen(
            [str(command), "official", "import", str(file)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for file in files
    ]
    try:
        for process in running:
            _, errors = process.communicate(timeout=120)
            assert process.returncode == 0, errors
    finally:  # a failure must not leave the others running into the next test
        for process in running:
            if process.poll() is None:
                process.kill()
            process.communicate()
    listed = subprocess.run(  # noqa: PLW1510
        [str(command), "official", "list", "--json"], capture_output=True, text=True, timeout=60
    )
    stored = {entry["file"] for entry in json.loads(listed.stdout)["files"]}
    assert stored == {file.name for file in files}


def test_a_fifo_in_place_of_the_store_never_hangs(runner: CliRunner, home: Path) -> None:
    import os

    home.mkdir()
    os.mkfifo(home / "official.json")
    listed = runner.invoke(app, ["official", "list"])
    assert listed.exit_code == 1
    assert "is not a regular file" in listed.stderr
    shown = runner.invoke(app, ["show", "ds", "--json"])
    assert shown.exit_code == 0
    assert "official figures are left out" in shown.stderr


def test_a_fifo_given_as_a_spreadsheet_never_hangs(runner: CliRunner, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "MSA_M2024_dl.xlsx"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["official", "import", str(fifo)])
    assert result.exit_code == 1
    assert "is not a regular file" in result.stderr


@pytest.mark.usefixtures("imported")
def test_official_list_csv_is_one_row_a_file(runner: CliRunner) -> None:
    import csv
    import io

    result = runner.invoke(app, ["official", "list", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["file"], row["period"], row["areas"]) == ("MSA_M2024_dl.xlsx", "May 2024", "6")
