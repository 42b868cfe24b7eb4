"""`mlcareers official sources`: the known download locations, as data, in every format."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app
from mlcareers.official import oews
from mlcareers.official.sources import LOCATIONS, OEWS, YEAR_PLACEHOLDER, Location
from mlcareers.official.urls import check_url, safe_name
from mlcareers.render import render
from mlcareers.report import Format
from mlcareers.views.sources import sources_report


@pytest.mark.parametrize("location", LOCATIONS, ids=lambda location: location.file)
def test_every_location_is_an_https_url_import_would_download(location: Location) -> None:
    assert location.url.startswith("https://")
    assert check_url(location.example) == location.example
    assert safe_name(location.example) == location.example.rsplit("/", 1)[-1]
    assert location.page.startswith("https://")


@pytest.mark.parametrize(
    "location", [loc for loc in LOCATIONS if loc.dataset == OEWS], ids=lambda loc: loc.file
)
def test_an_oews_file_name_gives_its_period_as_the_import_reads_it(location: Location) -> None:
    assert location.url.count(YEAR_PLACEHOLDER) == 1
    assert location.imports
    example = location.example.rsplit("/", 1)[-1]
    assert example.startswith("oesm24")
    # A spreadsheet in the zip whose own name gives no period takes the zip's: May 2024.
    assert oews.period_of("field_descriptions.xlsx", None, example) == "May 2024"
    for year in (2003, 2013, 2025):
        name = location.url.replace(YEAR_PLACEHOLDER, f"{year % 100:02d}").rsplit("/", 1)[-1]
        assert oews.period_of("notes.xlsx", None, name) == f"May {year}"


def test_only_oews_names_a_year() -> None:
    assert {loc.dataset for loc in LOCATIONS if YEAR_PLACEHOLDER in loc.url} == {OEWS}


def test_official_sources_opens_no_store(runner: CliRunner, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = runner.invoke(
        app, ["official", "sources", "--json"], env={"MLCAREERS_HOME": str(home)}
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [record["url"] for record in data] == [location.url for location in LOCATIONS]
    assert {
        "dataset",
        "publisher",
        "covers",
        "file",
        "url",
        "example",
        "years",
        "page",
        "verified",
        "imports",
    } == set(data[0])
    assert not home.exists()


def _table(report_locations: tuple[Location, ...]) -> str:
    out = io.StringIO()
    render(sources_report(report_locations), Format.table, out, False)
    return out.getvalue()


def test_a_location_not_verified_is_marked_so_in_every_format() -> None:
    unchecked = LOCATIONS[0]._replace(verified=False)
    table = _table((unchecked, *LOCATIONS[1:]))
    assert table.count("not verified") == 2  # the location, and the note that explains it
    assert "── National — https://www.bls.gov/oes/special-requests/oesm{YY}nat.zip — not" in table
    assert "A location marked 'not verified' was written down but not confirmed." in table
    assert "not verified" not in _table(LOCATIONS)
    report = sources_report((unchecked,))
    (record,) = report.records()
    assert isinstance(record, dict)
    assert record["verified"] is False
    out = io.StringIO()
    render(report, Format.markdown, out, False)
    assert "| not verified |" in out.getvalue()


def test_a_dataset_not_imported_yet_says_so() -> None:
    table = _table(LOCATIONS)
    assert "BLS OEWS: {YY} is the May survey year" in table
    assert "BLS Employment Projections: no year in the name" in table
    assert table.count("this version does not import it yet") == sum(
        1 for dataset in {loc.dataset for loc in LOCATIONS if not loc.imports}
    )
    pending = [
        loc._replace(imports=False) if loc.dataset == LOCATIONS[0].dataset else loc
        for loc in LOCATIONS
    ]
    assert "this version does not import it yet" in _table(tuple(pending))
