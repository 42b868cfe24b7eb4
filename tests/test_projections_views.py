"""BLS Employment Projections in the views, in every format: `show ROLE` (a block for each of
the role's occupations), `outlook` (beside the article's growth words) and `rank --by growth`,
each with its source, kept apart from the article's words; and the README's examples."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app

from .fixtures_official import full_rows, store_from, write_xlsx
from .fixtures_projections import ep_row, write_projections
from .test_contract import COMMANDS, _kind


@pytest.fixture(scope="module")
def both_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the May 2024 survey file and the 2024-34 projections."""
    folder = tmp_path_factory.mktemp("files")
    home = tmp_path_factory.mktemp("both")
    survey = write_xlsx(folder / "MSA_M2024_dl.xlsx", full_rows())
    store_from(home, survey, write_projections(folder / "occupation.xlsx"))
    return home


@pytest.fixture(scope="module")
def survey_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the May 2024 survey file only: no projections."""
    folder = tmp_path_factory.mktemp("files")
    home = tmp_path_factory.mktemp("survey")
    store_from(home, write_xlsx(folder / "MSA_M2024_dl.xlsx", full_rows()))
    return home


@pytest.fixture
def stored(both_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLCAREERS_HOME", str(both_home))
    return both_home


def invoke(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result


def as_json(runner: CliRunner, *args: str) -> Any:
    return json.loads(invoke(runner, *args, "--json").stdout)


# ---------------------------------------------------------------- show ROLE


@pytest.mark.usefixtures("stored")
def test_show_json_gives_each_occupation_its_projection_with_its_source(runner: CliRunner) -> None:
    data = as_json(runner, "show", "mle")  # two occupations: 15-2051, then 15-1252
    block = data["projections"]
    assert (block["stored"], block["reason"]) == (True, None)
    ds, cirs = block["figures"]
    assert [ds["occupation"]["code"], cirs["occupation"]["code"]] == ["15-2051", "15-1252"]
    assert {key: ds[key] for key in ("period", "base_year", "target_year")} == {
        "period": "2024–34",
        "base_year": 2024,
        "target_year": 2034,
    }
    # counts, as BLS's thousands times 1,000; the change as published, not recomputed
    assert (ds["base_employment"], ds["target_employment"]) == (245_900, 327_900)
    assert (ds["employment_change"], ds["percent_change"]) == (82_000, 33.5)
    assert ds["openings_per_year"] == 23_400
    assert ds["source"]["program"] == "BLS Employment Projections"
    assert ds["source"]["table"] == "Table 1.2"
    assert ds["source"]["period"] == "2024–34"
    assert ds["source"]["file"] == "occupation.xlsx"
    # the role's occupations are a judgement: marked derived where they are given
    assert data["soc"]["derived"] is True
    # the article's words are left as they are
    assert data["growth"].startswith("Demand for skilled ML engineers keeps growing")


@pytest.mark.usefixtures("stored")
def test_show_table_has_a_block_for_each_occupation_and_its_source(runner: CliRunner) -> None:
    table = invoke(runner, "show", "mle", "--wide").stdout
    assert table.count("Projections (BLS)") == 2
    assert "15-2051 Data scientists*, 2024–34" in table
    assert "Employment: 245,900 (2024) → 327,900 (2034)" in table
    assert "Change: +82,000 jobs (+33.5%)" in table
    assert "Openings a year: 23,400" in table
    assert "Projections: BLS Employment Projections (US Bureau of Labor Statistics)" in table
    assert "* Occupation (SOC), derived:" in table  # what the * on the occupation says


@pytest.mark.usefixtures("stored")
def test_show_in_markdown_ndjson_and_csv(runner: CliRunner) -> None:
    markdown = invoke(runner, "show", "ds", "-f", "markdown").stdout
    assert "| Projections (BLS) |" in markdown
    assert "Change: +82,000 jobs (+33.5%)" in markdown
    (line,) = invoke(runner, "show", "ds", "-f", "ndjson").stdout.splitlines()
    assert json.loads(line)["projections"]["figures"][0]["percent_change"] == 33.5
    (record,) = csv.DictReader(io.StringIO(invoke(runner, "show", "ds", "-f", "csv").stdout))
    assert record["projections.stored"] == "true"
    (figure,) = json.loads(record["projections.figures"])
    assert figure["source"]["program"] == "BLS Employment Projections"


def test_a_top_coded_wage_and_a_dash_are_marked_not_numbers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [ep_row("15-2051", "Data scientists", 245.9, "—", 82.0, 33.5, 23.4, ">=$239,200")]
    store_from(tmp_path / "home", write_projections(tmp_path / "occupation.xlsx", rows))
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path / "home"))
    (figure,) = as_json(runner, "show", "ds")["projections"]["figures"]
    assert (figure["median_wage"], figure["target_employment"]) == (None, None)
    assert figure["marks"]["median_wage"]["at_least"] == 239_200
    assert figure["marks"]["target_employment"]["status"] == "not_available"
    assert (
        "Employment: 245,900 (2024) → not available (2034)" in invoke(runner, "show", "ds").stdout
    )


def test_show_with_no_store_has_the_same_keys(
    runner: CliRunner, both_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = as_json(runner, "show", "ds")
    assert empty["projections"] == {
        "figures": [],
        "stored": False,
        "reason": "no employment projections are stored",
    }
    assert "Projections (BLS)" not in invoke(runner, "show", "ds").stdout
    monkeypatch.setenv("MLCAREERS_HOME", str(both_home))
    assert set(as_json(runner, "show", "ds")["projections"]) == set(empty["projections"])


def test_show_with_a_survey_store_says_how_to_add_projections(
    runner: CliRunner, survey_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLCAREERS_HOME", str(survey_home))
    table = invoke(runner, "show", "ds", "--wide").stdout
    assert "Projections (BLS)" in table
    assert "No employment projections are stored: download occupation.xlsx" in table
    block = as_json(runner, "show", "ds")["projections"]
    assert (block["stored"], block["reason"]) == (False, "no employment projections are stored")


def test_show_with_projections_only_says_no_wage_figures(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_from(tmp_path / "home", write_projections(tmp_path / "occupation.xlsx"))
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path / "home"))
    table = invoke(runner, "show", "ds", "--wide").stdout
    assert "No OEWS wage figures are stored (only projections)" in table
    assert "Change: +82,000 jobs (+33.5%)" in table


# ---------------------------------------------------------------- one vocabulary


def _walk(node: object, seen: dict[str, set[str]]) -> None:
    """Every key's kinds of value; `marks` are named by the field they mark, so the names
    inside them are left out (an OEWS figure's marks.employment is an object, as ours are)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if value is not None:
                seen[key].add(_kind(value))
            if key != "marks":
                _walk(value, seen)
    elif isinstance(node, list):
        for item in node:
            _walk(item, seen)


WITH_PROJECTIONS = [["show", "mle"], ["show", "ds", "--city", "seattle"]]


@pytest.mark.usefixtures("stored")
def test_one_name_has_one_kind_of_value_with_projections_stored(runner: CliRunner) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for args in [*COMMANDS.values(), *WITH_PROJECTIONS]:
        _walk(as_json(runner, *args), seen)
    mixed = {
        key: kinds - {"list of anything"}
        for key, kinds in seen.items()
        if len(kinds - {"list of anything"}) > 1
    }
    assert mixed == {}


# ---------------------------------------------------------------- outlook


def _growth_rows(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["kind"], r["name"]) for r in records if r["kind"] in ("growth", "projection")]


@pytest.mark.usefixtures("stored")
def test_outlook_puts_each_projection_beside_the_articles_words(runner: CliRunner) -> None:
    records = as_json(runner, "outlook")
    assert _growth_rows(records)[:3] == [
        ("growth", "MLOps engineer"),  # the article's words, as they were
        ("projection", "MLOps engineer"),  # then, on its own, the official projection
        ("projection", "Data scientist"),  # the article says nothing of growth for this role
    ]
    article = next(r for r in records if r["kind"] == "growth")
    assert article["detail"].startswith("One of the fastest-growing ML jobs")
    assert "BLS" not in article["detail"]
    projection = next(r for r in records if r["kind"] == "projection")
    assert projection["role"] == {"slug": "mlops-engineer", "title": "MLOps engineer"}
    assert projection["detail"].startswith("BLS projection for 15-1252 Software developers*")
    assert projection["examples"] == ["BLS Employment Projections, 2024–34, Table 1.2"]
    assert projection["projection"]["percent_change"] == 15.8
    assert projection["projection"]["source"]["table"] == "Table 1.2"
    assert projection["growth_soc"]["derived"] is True
    assert projection["growth_soc"]["codes"] == [
        {"code": "15-1252", "title": "Software Developers"}
    ]


@pytest.mark.usefixtures("stored")
def test_outlook_table_markdown_and_csv_name_both_sources(runner: CliRunner) -> None:
    table = invoke(runner, "outlook").stdout
    assert "MLOps engineer — One of the fastest-growing" in " ".join(table.split())
    assert "BLS projection for 15-2051 Data scientists*" in " ".join(table.split())
    assert "neither is rewritten into the other" in table
    assert "Projections: BLS Employment Projections" in table
    assert "Source: Upwork" in table
    markdown = invoke(runner, "outlook", "-f", "markdown").stdout
    assert "BLS projection for 15-1252 Software developers\\*" in markdown  # * escaped
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "outlook", "-f", "csv").stdout)))
    projected = [row for row in rows if row["kind"] == "projection"]
    assert len(projected) == 6
    assert projected[0]["projection.source.program"] == "BLS Employment Projections"
    assert projected[0]["growth_soc.derived"] == "true"


def test_outlook_without_projections_says_how_to_add_them(runner: CliRunner) -> None:
    table = invoke(runner, "outlook").stdout
    assert "No employment projections are stored: download occupation.xlsx" in table
    assert all(r["kind"] != "projection" for r in as_json(runner, "outlook"))


# ---------------------------------------------------------------- rank --by growth


@pytest.mark.usefixtures("stored")
def test_rank_by_growth_orders_by_the_occupations_percent_then_the_median(
    runner: CliRunner,
) -> None:
    records = as_json(runner, "rank", "--by", "growth")
    assert [(r["rank"], r["slug"], r["projected_growth"]["value"]) for r in records] == [
        (1, "data-scientist", 33.5),  # 15-2051, ties ML engineer: the higher median first
        (2, "ml-engineer", 33.5),
        (3, "computer-vision-engineer", 20.1),  # 15-1221: three roles, by median
        (4, "nlp-engineer", 20.1),
        (5, "ai-engineer", 20.1),
        (6, "mlops-engineer", 15.8),  # 15-1252
    ]
    first = records[0]
    assert first["projected_growth"]["derived"] is True
    assert "our judgement" in first["projected_growth"]["method"]
    assert first["growth_soc"]["codes"] == [{"code": "15-2051", "title": "Data Scientists"}]
    assert first["projection"]["source"]["program"] == "BLS Employment Projections"
    assert first["growth"] is None  # the article's words, untouched: it has none for this role
    assert records[1]["growth"].startswith("Demand for skilled ML engineers")


@pytest.mark.usefixtures("stored")
def test_rank_by_growth_table_says_ties_derivation_and_both_sources(runner: CliRunner) -> None:
    table = " ".join(invoke(runner, "rank", "--by", "growth").stdout.split())
    assert "ML roles by their occupation's projected growth, 2024–34" in table
    assert "ties are broken by the article's median salary" in table
    assert "* Derived: a role's growth is its occupation's, not the role's own" in table
    assert "Projections: BLS Employment Projections" in table
    assert "Source: Upwork" in table
    assert "1 Data scientist 15-2051 +33.5% +82,000 23,400 $118,407" in table


@pytest.mark.usefixtures("stored")
def test_rank_by_growth_in_markdown_ndjson_and_csv_with_limit_and_skill(
    runner: CliRunner,
) -> None:
    markdown = invoke(runner, "rank", "--by", "growth", "-f", "markdown").stdout
    assert "| 1 | Data scientist | 15-2051 | +33.5% |" in markdown
    lines = invoke(runner, "rank", "--by", "growth", "-f", "ndjson", "--limit", "2").stdout
    assert [json.loads(line)["slug"] for line in lines.splitlines()] == [
        "data-scientist",
        "ml-engineer",
    ]
    rows = list(
        csv.DictReader(io.StringIO(invoke(runner, "rank", "--by", "growth", "-f", "csv").stdout))
    )
    assert rows[0]["projected_growth.value"] == "33.5"
    assert rows[0]["projected_growth.derived"] == "true"
    assert "BLS Employment Projections" in rows[0]["source"]
    assert "Upwork" in rows[0]["source"]
    skilled = as_json(runner, "rank", "--by", "growth", "--skill", "kubernetes")
    assert [r["slug"] for r in skilled] == ["mlops-engineer"]


def test_rank_by_growth_leaves_out_a_role_with_no_projection_and_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        ep_row("15-2051", "Data scientists", 245.9, 327.9, 82.0, 33.5, 23.4),
        ep_row("15-1252", "Software developers", 1_693.8, 1_961.6, 267.8, "—", 115.2),
    ]
    store_from(tmp_path / "home", write_projections(tmp_path / "occupation.xlsx", rows))
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path / "home"))
    assert [r["slug"] for r in as_json(runner, "rank", "--by", "growth")] == [
        "data-scientist",
        "ml-engineer",
    ]
    table = " ".join(invoke(runner, "rank", "--by", "growth").stdout.split())
    assert "Not ranked, their first occupation having no growth stored:" in table
    assert "MLOps engineer (15-1252: no percent change)" in table
    assert "AI engineer (15-1221: no projection stored)" in table


@pytest.mark.parametrize("state", ["no store", "survey only"])
def test_rank_by_growth_without_projections_is_one_line_saying_how_to_import(
    runner: CliRunner, state: str, survey_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if state == "survey only":
        monkeypatch.setenv("MLCAREERS_HOME", str(survey_home))
    result = runner.invoke(app, ["rank", "--by", "growth"])
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("mlcareers: error: rank --by growth needs BLS employment projections")
    assert "mlcareers official import occupation.xlsx" in line


def test_rank_by_pay_never_opens_the_store(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "official.sqlite3").write_bytes(b"not a database")
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path / "home"))
    result = runner.invoke(app, ["rank", "--by", "median"])
    assert result.exit_code == 0
    assert result.stderr == ""
    broken = runner.invoke(app, ["rank", "--by", "growth"])
    assert broken.exit_code == 1
    (line,) = broken.stderr.splitlines()
    assert "rank --by growth needs the official store" in line


# ---------------------------------------------------------------- the README


README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Employment projections", 1)[1].split("\n## ", 1)[0].split("\n### ")[0]
EXAMPLES = re.findall(r"^\s+mlcareers ([^#\n]*?)\s*(?:#.*)?$", SECTION, flags=re.MULTILINE)


def test_the_readme_has_the_projections_examples() -> None:
    assert "official import occupation.xlsx" in EXAMPLES
    assert "rank --by growth" in EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_readmes_projections_examples_run_against_a_store(
    runner: CliRunner, example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows()))
    write_projections(tmp_path / "occupation.xlsx")
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    if not example.startswith("official import"):
        assert runner.invoke(app, ["official", "import", "occupation.xlsx"]).exit_code == 0
    result = runner.invoke(app, shlex.split(example))
    assert result.exit_code == 0, (example, result.stderr)
