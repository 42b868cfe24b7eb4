"""BEA's regional price parities read as BEA serves them: the all-items line kept for each
area and year, "(NA)" years left out (an area with none said), the other lines and the notes
skipped; a value that is no parity, or a file without the all-items line, refused naming
where."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.parities import looks_like_parities, read_parities

from .fixtures_official import store_from
from .fixtures_parities import LINES, METROS, parity_lines, write_parities


def test_the_all_items_line_of_every_area_and_year(tmp_path: Path) -> None:
    table = read_parities(write_parities(tmp_path / "MARPP_MSA_2008_2023.csv"))
    assert table.table == "MARPP"
    assert table.years == (2021, 2022, 2023)
    found = {(p.code, p.year): p.value for p in table.parities}
    assert found[("12420", 2023)] == 103.1
    assert found[("42660", 2021)] == 114.8
    assert found[("00000", 2022)] == 100.0
    assert ("41940", 2023) not in found  # "(NA)": no parity that year, never a guess
    assert found[("41940", 2022)] == 126.1
    assert len(table.parities) == 3 * 5 - 1  # the all-items line only
    assert table.without == [("99999", "Española, NM (Metropolitan Statistical Area)")]


def test_names_lose_bea_s_star_and_codes_their_quotes(tmp_path: Path) -> None:
    table = read_parities(write_parities(tmp_path / "MARPP.csv"))
    titles = {p.code: p.title for p in table.parities}
    assert titles["35620"] == "New York-Newark-Jersey City, NY-NJ (Metropolitan Statistical Area)"
    assert set(titles) == {code for code in METROS if code != "99999"}


def test_the_file_is_recognised_by_its_header(tmp_path: Path) -> None:
    assert looks_like_parities(write_parities(tmp_path / "any-name.csv"))
    other = tmp_path / "oews.csv"
    other.write_text("AREA,AREA_TITLE,OCC_CODE\n")
    assert not looks_like_parities(other)


@pytest.mark.parametrize(
    ("value", "said"),
    [("abc", "'abc' is not a number"), ("1000.0", "'1000.0' is no price parity")],
)
def test_a_value_that_is_no_parity_names_its_row_and_year(
    tmp_path: Path, value: str, said: str
) -> None:
    metros = {**METROS, "12420": (METROS["12420"][0], ("101.2", value, "103.1"))}
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(metros))
    # Austin's all-items line is the 6th data line: the header is row 1, the nation rows 2-6.
    with pytest.raises(SpreadsheetError, match=rf"row 7, column 2022: {said}"):
        read_parities(path)


def test_a_file_without_the_all_items_line_is_refused(tmp_path: Path) -> None:
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(lines=LINES[1:]))
    with pytest.raises(SpreadsheetError, match=r"no 'RPPs: All items' line \(LineCode 1\)"):
        read_parities(path)


def test_line_one_with_another_description_is_refused(tmp_path: Path) -> None:
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(lines=[(1, "RPPs: Goods ")]))
    with pytest.raises(SpreadsheetError, match="column Description: line 1 is 'RPPs: Goods '"):
        read_parities(path)


def test_an_oews_file_is_not_a_parity_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("AREA,OCC_CODE\n1,2\n")
    with pytest.raises(SpreadsheetError, match="not BEA's regional price parities"):
        read_parities(path)


# ---------------------------------------------------------------- stored, and used by where


@pytest.fixture
def priced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with the fixture metros' May 2024 wages and BEA's parities for 2021-2023,
    imported as a user would, by the command."""
    from typer.testing import CliRunner

    from mlcareers.cli import app

    from .fixtures_official import full_rows, write_xlsx

    home = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    wages = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows())
    prices = write_parities(tmp_path / "MARPP_MSA_2021_2023.csv")
    done = CliRunner().invoke(app, ["official", "import", str(wages), str(prices)])
    assert done.exit_code == 0, done.stderr
    return home


def _where(*args: str) -> Any:
    import json

    from typer.testing import CliRunner

    from mlcareers.cli import app

    done = CliRunner().invoke(app, ["where", "ds", "--json", *args])
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.usefixtures("priced")
def test_official_list_shows_the_parities_as_their_own_source() -> None:
    import json

    from typer.testing import CliRunner

    from mlcareers.cli import app

    done = CliRunner().invoke(app, ["official", "list", "--json"])
    files = {entry["file"]: entry for entry in json.loads(done.stdout)["files"]}
    parities = files["MARPP_MSA_2021_2023.csv"]
    assert (parities["source"], parities["period"]) == ("rpp", "2021–2023")
    assert parities["rows"] == 14  # 5 areas x 3 years, less San Jose's (NA) 2023


@pytest.mark.usefixtures("priced")
def test_where_adjusts_the_median_by_the_latest_parity_at_or_before_the_wage_year() -> None:
    data = _where("--by", "adjusted-median")
    areas = {area["area"]["code"]: area for area in data["areas"]}
    seattle = areas["42660"]["adjusted_median"]
    assert seattle["value"] == round(150_000 / 1.16)  # Seattle's 2023 parity, 116.0
    assert seattle["derived"] is True
    assert "US-average prices" in seattle["method"]
    assert seattle["parity"] == {
        "value": 116.0,
        "year": 2023,
        "wage_year": 2024,
        "source": "BEA Regional Price Parities (US Bureau of Economic Analysis), all items",
        "file": "MARPP_MSA_2021_2023.csv",
    }
    # San Jose has no 2023 parity ("(NA)"): its 2022 one is used, and said.
    assert areas["41940"]["adjusted_median"]["parity"]["year"] == 2022
    # A place BEA gives no parity (Mayagüez) has none, ranks last, and is named.
    assert areas["32420"]["adjusted_median"] is None
    unpriced = [area["area"]["code"] for area in data["areas"][-3:]]
    assert unpriced == ["32420", "38860", "38900"]  # then by name
    values = [area["value"] for area in data["areas"] if area["value"] is not None]
    assert values == sorted(values, reverse=True)
    assert data["national"]["adjusted_median"]["value"] == 112_590


@pytest.mark.usefixtures("priced")
def test_the_table_says_what_the_adjusted_median_is_and_where_it_has_none() -> None:
    from typer.testing import CliRunner

    from mlcareers.cli import app

    done = CliRunner().invoke(
        app, ["where", "ds", "--by", "adjusted-median"], env={"COLUMNS": "200"}
    )
    out = " ".join(done.stdout.split())
    assert "Adj. median*" in out
    assert (
        "Adj. median* (derived): the median wage ÷ (the place's all-items regional price "
        "parity ÷ 100)" in out
    )
    assert "Never 'real' pay: relative to US-average prices only." in out
    assert "The wages are for 2024; the latest parity at or before it is for 2022, 2023." in out
    assert (
        "No price parity stored for: Mayagüez, PR; Portland-South Portland, ME; "
        "Portland-Vancouver-Hillsboro, OR-WA." in out
    )
    assert "Places with no price parity, or no published median, sort last." in out


def test_ranking_by_the_adjusted_median_without_parities_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from mlcareers.cli import app

    from .fixtures_official import full_rows, write_xlsx

    home = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows()))
    done = CliRunner().invoke(app, ["where", "ds", "--by", "adjusted-median"])
    assert done.exit_code == 1
    assert done.stderr.count("\n") == 1
    assert "needs BEA regional price parities" in done.stderr
    plain = CliRunner().invoke(app, ["where", "ds", "--json"])
    assert all(
        area["adjusted_median"] is None for area in __import__("json").loads(plain.stdout)["areas"]
    )


def test_a_parity_file_that_is_refused_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from mlcareers.cli import app

    home = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    good = write_parities(tmp_path / "MARPP_MSA_2021_2023.csv")
    assert CliRunner().invoke(app, ["official", "import", str(good)]).exit_code == 0
    before = (home / "official.sqlite3").read_bytes()
    metros = {**METROS, "12420": (METROS["12420"][0], ("101.2", "n/a", "103.1"))}
    bad = write_parities(tmp_path / "MARPP_bad.csv", parity_lines(metros))
    done = CliRunner().invoke(app, ["official", "import", str(bad)])
    assert done.exit_code == 1
    assert "row 7, column 2022: 'n/a' is not a number" in done.stderr
    assert (home / "official.sqlite3").read_bytes() == before


@pytest.mark.usefixtures("priced")
def test_compare_and_show_in_a_place_give_its_adjusted_median_in_every_format() -> None:
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from mlcareers.cli import app

    runner = CliRunner()
    done = runner.invoke(app, ["compare", "--city", "austin", "--json"])
    assert done.exit_code == 0, done.stderr
    ds = next(entry for entry in json.loads(done.stdout) if entry["slug"] == "data-scientist")
    (figure,) = ds["official"]["figures"]
    assert figure["adjusted_median"]["value"] == round(121_000 / 1.031)  # Austin 2023: 103.1
    assert figure["adjusted_median"]["derived"] is True
    assert figure["adjusted_median"]["parity"]["year"] == 2023
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(app, ["compare", "--city", "austin", "-f", "csv"]).stdout)
        )
    )
    assert "adjusted_median" in rows[0]["official.figures"]
    table = runner.invoke(app, ["compare", "--city", "austin"], env={"COLUMNS": "250"}).stdout
    assert "Adj. median*" in table
    assert "$117,362" in table
    shown = " ".join(
        runner.invoke(
            app, ["show", "ds", "--city", "seattle"], env={"COLUMNS": "200"}
        ).stdout.split()
    )
    assert "adj. median* $129,310 in US-average prices (price parity 116, 2023)" in shown
    data = json.loads(runner.invoke(app, ["show", "ds", "--city", "seattle", "--json"]).stdout)
    assert data["cities"][0]["official"]["figures"][0]["adjusted_median"]["value"] == 129_310


README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
PRICES = README.split("### Pay after local prices", 1)[1].split("\n## ", 1)[0]
PRICE_EXAMPLES = [
    example
    for example in re.findall(r"^\s+mlcareers ([^#\n]*?)\s*(?:#.*)?$", PRICES, flags=re.MULTILINE)
    if "://" not in example  # a download is shown, never run: nothing reaches the internet
]


def test_the_readmes_price_examples_were_found() -> None:
    assert len(PRICE_EXAMPLES) >= 4


@pytest.mark.parametrize("example", PRICE_EXAMPLES)
def test_the_readmes_price_examples_run_against_a_store(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex
    import zipfile

    from typer.testing import CliRunner

    from mlcareers.cli import app

    from .fixtures_official import full_rows, write_xlsx
    from .fixtures_projections import write_projections

    home = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    store_from(
        home,
        write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows()),
        write_projections(tmp_path / "occupation.xlsx"),
    )
    csv_file = write_parities(tmp_path / "MARPP_MSA_2021_2023.csv")
    with zipfile.ZipFile(tmp_path / "MARPP.zip", "w") as archive:
        archive.write(csv_file, csv_file.name)
    runner = CliRunner()
    if "import" not in example:
        assert runner.invoke(app, ["official", "import", "MARPP.zip"]).exit_code == 0
    done = runner.invoke(app, shlex.split(example))
    assert done.exit_code == 0, (example, done.stderr)
    assert done.stdout.strip()


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (lambda lines: [*lines[:6], ' "12420"', *lines[6:]], r"row 7: 1 columns where the header"),
        (lambda lines: [*lines[:7], lines[6], *lines[7:]], r"rows 7 and 8 are both the all-items"),
        (
            lambda lines: [lines[0].replace("2022,2023", "2021,2023"), *lines[1:]],
            "the header names the year 2021 twice",
        ),
    ],
)
def test_a_parity_file_with_a_short_row_a_repeated_area_or_year_is_refused(
    tmp_path: Path, edit: Any, said: str
) -> None:
    path = write_parities(tmp_path / "MARPP.csv", edit(parity_lines()))
    with pytest.raises(SpreadsheetError, match=said):
        read_parities(path)


@pytest.mark.parametrize("code", ["124200", "1e5", "12420.0", "2420"])
def test_a_geofips_code_that_is_not_five_digits_is_refused(tmp_path: Path, code: str) -> None:
    """Not skipped as if it were a note under the table: the area's rows would be lost."""
    metros = {(code if key == "12420" else key): value for key, value in METROS.items()}
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(metros))
    # Austin's first line is row 7: the header is row 1, the nation's five lines rows 2-6.
    said = rf"row 7, column GeoFIPS: '{re.escape(code)}' is not a GeoFIPS code \(five digits"
    with pytest.raises(SpreadsheetError, match=said):
        read_parities(path)


@pytest.mark.parametrize("year", ["2022.0", "22", "2022.5", "1850", "2.022e3"])
def test_a_year_column_not_written_as_a_year_is_refused(tmp_path: Path, year: str) -> None:
    """Not skipped: that year's parities would be lost without a word."""
    lines = parity_lines()
    lines[0] = lines[0].replace(",2022,", f",{year},")
    path = write_parities(tmp_path / "MARPP.csv", lines)
    said = rf"row 1, column 10: '{re.escape(year)}' is not a year as BEA writes one \(2022"
    with pytest.raises(SpreadsheetError, match=said):
        read_parities(path)


def test_a_parity_file_with_every_value_missing_is_refused(tmp_path: Path) -> None:
    gone: Sequence[str] = ("(NA)", "(D)", "(NA)")
    missing = {code: (name, gone) for code, (name, _) in METROS.items()}
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(missing))
    with pytest.raises(SpreadsheetError, match="every all-items parity in the file is missing"):
        read_parities(path)


def test_a_top_coded_median_adjusts_its_cap_marked_derived() -> None:
    """A place whose median is top-coded has no adjusted value, only the survey's cap
    adjusted alike, marked derived with its parity."""
    from mlcareers.official.models import Marked
    from mlcareers.views.prices import Price, adjusted_data

    price = Price(125.0, 2022, 2024, _dataset())
    data = adjusted_data(Marked.model_construct(marker="#"), price, 239_200)
    assert data is not None
    assert data["value"] is None
    assert data["top_coded"] is True
    assert data["at_least"] == round(239_200 / 1.25)
    assert data["derived"] is True
    assert adjusted_data(None, price) is None
    assert adjusted_data(120_000, None) is None


def _dataset() -> Any:
    import datetime as dt

    from mlcareers.official.models import DatasetInfo

    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return DatasetInfo(1, "MARPP.csv", "2021–2023", 2021, moment, None, 0, 0, 14, source="rpp")


def test_parities_that_miss_the_wage_year_are_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """May 2020 wages, parities for 2021-2023 only: no parity is at or before the wage year,
    and the message says that, not that no parity is stored."""
    from typer.testing import CliRunner

    from mlcareers.cli import app

    from .fixtures_official import full_rows, write_xlsx

    home = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    wages = write_xlsx(tmp_path / "MSA_M2020_dl.xlsx", full_rows())
    prices = write_parities(tmp_path / "MARPP_MSA_2021_2023.csv")
    assert CliRunner().invoke(app, ["official", "import", str(wages), str(prices)]).exit_code == 0
    done = CliRunner().invoke(app, ["where", "ds", "--by", "adjusted-median"])
    assert done.exit_code == 1
    assert "no stored price parity is for 2020 or before" in done.stderr


def test_a_newer_stores_unknown_kind_of_data_is_left_out_not_called_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store of a newer schema may hold datasets of a source this version does not know:
    they are left out, list says a newer mlcareers wrote the store (not that nothing is stored),
    and clear says to upgrade; neither says the store is damaged."""
    import sqlite3

    from typer.testing import CliRunner

    from mlcareers.cli import app
    from mlcareers.official.database import SCHEMA_VERSION

    from .fixtures_official import full_rows, write_xlsx

    home = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    store = store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows()))
    with sqlite3.connect(store) as db:
        db.executescript(
            "CREATE TABLE d2 AS SELECT * FROM datasets; DROP TABLE datasets;"
            " ALTER TABLE d2 RENAME TO datasets; UPDATE datasets SET source = 'newthing';"
        )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    runner = CliRunner()
    listed = runner.invoke(app, ["official", "list", "--json"])
    assert listed.exit_code == 1
    assert listed.stdout == ""
    newer = f"(schema {SCHEMA_VERSION + 1}, this one reads up to {SCHEMA_VERSION})"
    assert f"written by a newer mlcareers {newer}" in listed.stderr
    assert "damaged" not in listed.stderr
    cleared = runner.invoke(app, ["official", "clear", "--yes"])
    assert cleared.exit_code == 1
    assert "written by a newer mlcareers" in cleared.stderr
    assert "damaged" not in cleared.stderr


def test_the_import_counts_the_lines_read_kept_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from mlcareers.cli import app

    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path / "home"))
    path = write_parities(tmp_path / "MARPP_MSA_2021_2023.csv")
    done = CliRunner().invoke(app, ["official", "import", str(path), "--json"])
    assert done.exit_code == 0, done.stderr
    (entry,) = json.loads(done.stdout)["files"]
    # 6 areas x 5 lines read; 14 area-years kept (Española has none, San Jose no 2023);
    # the 24 rows of the other lines skipped.
    assert (entry["rows_read"], entry["rows"], entry["other_lines_skipped"]) == (30, 14, 24)


@pytest.mark.usefixtures("priced")
@pytest.mark.parametrize("width", ["40", "60", "80"])
def test_ranked_by_it_the_adjusted_median_is_never_left_out(width: str) -> None:
    from typer.testing import CliRunner

    from mlcareers.cli import app

    done = CliRunner().invoke(
        app, ["where", "ds", "--by", "adjusted-median", "--limit", "2"], env={"COLUMNS": width}
    )
    assert done.exit_code == 0, done.stderr
    assert "$129,310" in done.stdout  # Seattle's, in US-average prices
    left_out = done.stdout.partition("Left out to fit")[2].partition("--wide")[0]
    assert "Adj. median*" not in " ".join(left_out.split())
