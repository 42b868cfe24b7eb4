"""`mlcareers official import | list | clear` through the command line, and the views."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.catalogue import find_role, load
from mlcareers.official import lookup, oews, store
from mlcareers.official.models import Store
from mlcareers.official.soc import RoleSoc, SocRef, codes_of, role_soc
from mlcareers.views import official as views

from .fixtures_official import CODES, DS, official_cli, row, sample_rows, write_csv, write_xlsx


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(official_cli(), ["official", *args])  # type: ignore[arg-type]


def test_import_list_clear(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    result = run(runner, "import", str(msa), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # piped: no progress bar
    imported = json.loads(result.stdout)
    assert imported["store"] == str(home / "official.json")
    (entry,) = imported["files"]
    assert (entry["file"], entry["period"], entry["areas"], entry["rows"]) == (
        "MSA_M2024_dl.xlsx",
        "May 2024",
        6,
        11,
    )
    assert entry["industry_rows_skipped"] == 2

    listed = run(runner, "list", "--json")
    assert listed.exit_code == 0
    assert [f["period"] for f in json.loads(listed.stdout)["files"]] == ["May 2024"]
    table = run(runner, "list")
    assert "MSA_M2024_dl.xlsx" in table.stdout

    cleared = run(runner, "clear")
    assert cleared.exit_code == 0
    assert str(home / "official.json") in cleared.stderr
    after = run(runner, "list", "--json")
    assert json.loads(after.stdout)["files"] == []


def test_empty_list_says_how_to_add(runner: CliRunner) -> None:
    result = run(runner, "list")
    assert result.exit_code == 0
    assert "official import" in result.stdout


def test_csv_import_with_period_option(runner: CliRunner, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "oews.csv", lower=True)
    missing = run(runner, "import", str(path))
    assert missing.exit_code == 1
    assert "--period" in missing.stderr
    result = run(runner, "import", str(path), "--period", "May 2023", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["period"] == "May 2023"


def test_a_failing_file_leaves_the_store_as_it_was(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    first = write_xlsx(tmp_path / "national_M2023_dl.xlsx")
    assert run(runner, "import", str(first)).exit_code == 0
    before = (home / "official.json").read_bytes()
    rows = sample_rows()
    rows[1][27] = "n/a"
    bad = write_csv(tmp_path / "MSA_M2024_dl.csv", rows)
    good = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    result = run(runner, "import", str(good), str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "row 3, column A_MEDIAN" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (home / "official.json").read_bytes() == before


def test_interrupted_import_leaves_the_store_as_it_was(
    runner: CliRunner, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(runner, "import", str(write_xlsx(tmp_path / "MSA_M2023_dl.xlsx"))).exit_code == 0
    before = (home / "official.json").read_bytes()
    real = oews.read_file

    def interrupted(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name.startswith("all_data"):
            raise KeyboardInterrupt
        return real(path, *args, **kwargs)

    monkeypatch.setattr(oews, "read_file", interrupted)
    second = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    third = write_xlsx(tmp_path / "all_data_M_2024.xlsx")
    result = run(runner, "import", str(second), str(third))
    assert result.exit_code != 0
    assert (home / "official.json").read_bytes() == before


def test_corrupt_store_one_line_and_clear_resets(runner: CliRunner, home: Path) -> None:
    home.mkdir()
    (home / "official.json").write_text('{"version": 1, "datasets": [', encoding="utf-8")
    result = run(runner, "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert str(home / "official.json") in line
    assert "mlcareers official clear" in line
    assert run(runner, "clear").exit_code == 0
    assert run(runner, "list").exit_code == 0


def test_not_a_spreadsheet_fails_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "MSA_M2024_dl.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = run(runner, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("mlcareers: error: ")
    assert "Traceback" not in result.stderr


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ("import", "list", "clear"):
        result = run(runner, command, "--help")
        assert result.exit_code == 0
        assert "Examples" in result.stdout


# ---------------------------------------------------------------- SOC mapping


def test_every_packaged_role_has_a_mapping_with_reasons(catalogue: Any) -> None:
    assert all(role.soc and role.soc_basis for role in catalogue.roles)
    assert set(codes_of(catalogue.roles)) == set(CODES)


def test_a_catalogue_of_ones_own_sets_soc() -> None:
    from mlcareers.models import Occupation

    own = find_role(load(), "ds").model_copy(
        update={"soc": (Occupation(code="15-2041", title="Statisticians"),), "soc_basis": "mine"}
    )
    assert role_soc(own) == RoleSoc(
        "data-scientist", "Data scientist", (SocRef("15-2041", "Statisticians"),), "mine"
    )


# ---------------------------------------------------------------- views


@pytest.fixture
def stored(tmp_path: Path) -> Any:
    dataset, _ = oews.read_file(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"), CODES)
    return store.merge(Store(), (dataset,))


def ds_role() -> RoleSoc:
    return role_soc(find_role(load(), "ds"))


def test_show_block_names_the_code_with_an_empty_store() -> None:
    role = ds_role()
    fields = views.show_fields(role, [], stored=False)
    values = {key: value for key, _, value in fields}
    assert values["official_soc"] == ("15-2051 Data Scientists",)
    assert "official import" in str(values["official"])
    assert views.soc_data(role)["derived"] is True
    assert "15-2051" in str(views.soc_data(role)["method"])
    assert views.show_data(role, [], stored=False) == {"figures": [], "stored": False}


def test_show_block_with_national_figures(stored: Any) -> None:
    role = ds_role()
    found = lookup.figures(stored, [ref.code for ref in role.soc])
    lines = {key: value for key, _, value in views.show_fields(role, found, stored=True)}
    assert "Median $112,590" in " ".join(lines["official_15-2051"])  # type: ignore[arg-type]
    data: Any = views.show_data(role, found, stored=True)
    (figure,) = data["figures"]
    assert figure["annual"]["median"] == 112_590
    assert figure["employment"] == 202_900
    assert figure["source"]["survey"] == "BLS OEWS"
    assert figure["source"]["occupation"] == {"code": DS, "title": "Data Scientists"}
    assert figure["occupation"] == {"code": DS, "title": "Data Scientists"}
    assert figure["source"]["area"] == {"code": "99", "title": "U.S."}


def test_city_report_marks_and_article_side_by_side(stored: Any) -> None:
    seattle = lookup.find_area(stored, "seattle")
    roles = [ds_role(), role_soc(find_role(load(), "ai"))]
    found = {
        role.slug: lookup.figures(stored, [r.code for r in role.soc], seattle) for role in roles
    }
    article = {"data-scientist": views.ArticleRange(140_000, 200_000, "the article, 2026")}
    report = views.city_report(roles, seattle, found, article)
    payload: Any = report.data
    ds, ai = payload
    assert ds["article"] == {"low": 140_000, "high": 200_000, "source": "the article, 2026"}
    (official,) = ds["official"]["figures"]
    assert official["annual"]["p90"] is None
    assert official["marks"]["p90"]["top_coded"] is True
    assert official["marks"]["p90"]["at_least"] == 239_200
    assert ai["article"] is None
    assert ai["official"]["figures"][0]["marks"]["employment"]["status"] == "marked"
    rows = {row["slug"]: row for row in report.rows}
    assert rows["data-scientist"]["p90"] == "≥ $239,200"
    assert rows["data-scientist"]["article"] == (140_000, 200_000)
    assert any("BLS OEWS" in note and "May 2024" in note for note in report.notes)


def test_not_published_is_null_with_a_reason(stored: Any) -> None:
    austin = lookup.find_area(stored, "austin")
    (found,) = lookup.figures(stored, ["15-1221"], austin)
    data: Any = views.figure_data(found)
    assert data["annual"] == dict.fromkeys(("p10", "p25", "median", "p75", "p90", "mean"))
    assert data["marks"]["median"]["status"] == "not_published"
    assert data["marks"]["employment"]["marker"] == "**"
    assert views.wage_text(found.figure.median, 239_200) == "not published"


def test_top_coded_without_a_known_cap() -> None:
    from mlcareers.official.models import Marked

    assert views.wage_text(Marked(marker="#"), None) == "top-coded"


def test_area_with_no_figure_says_the_gap(tmp_path: Path) -> None:
    rows = [row("99", DS), row("12420", "15-1252")]
    dataset, _ = oews.read_file(write_csv(tmp_path / "x_M2024_dl.csv", rows), CODES)
    stored = store.merge(Store(), (dataset,))
    austin = lookup.find_area(stored, "austin")
    report = views.city_report([ds_role()], austin, {"data-scientist": []})
    (only,) = report.rows
    assert only["median"] == "none stored"
    payload: Any = report.data
    assert payload[0]["official"] == {"figures": [], "stored": True}


def test_a_file_without_the_occupations_warns(runner: CliRunner, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x_M2024_dl.csv", [row("99", "29-1141")])
    result = run(runner, "import", str(path), "--json")
    assert result.exit_code == 0
    assert "no cross-industry rows" in result.stderr
    assert json.loads(result.stdout)["files"][0]["rows"] == 0
