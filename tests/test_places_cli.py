"""Places from the command line: where a role pays most, its trend over survey years, the
places stored, several places at once, and one JSON shape whatever the store holds."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app

from .fixtures_official import full_rows, store_from, write_history, write_xlsx

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def stored_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding every fixture place in May 2024, and May 2023 and May 2020."""
    folder = tmp_path_factory.mktemp("files")
    home = tmp_path_factory.mktemp("stored")
    files = [*write_history(folder), write_xlsx(folder / "MSA_M2024_dl.xlsx", full_rows())]
    store_from(home, *files)
    return home


@pytest.fixture
def stored(stored_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLCAREERS_HOME", str(stored_home))
    return stored_home


def _run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _fail(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


# ---------------------------------------------------------------- where


@pytest.mark.usefixtures("stored")
def test_where_ranks_metros_by_median_with_the_nation_apart(runner: CliRunner) -> None:
    data = _run(runner, "where", "ds", "--json")
    medians = [area["annual"]["median"] for area in data["areas"]]
    assert medians == sorted(medians, reverse=True)
    assert {area["area"]["code"] for area in data["areas"]} <= {
        "12420",
        "42660",
        "38900",
        "38860",
        "35620",
        "41940",
        "32420",
    }
    assert [area["rank"] for area in data["areas"]] == list(range(1, len(medians) + 1))
    assert data["national"]["area"]["code"] == "99"
    assert data["national"]["rank"] is None
    assert data["occupation"]["code"] == "15-2051"
    assert data["period"] == "May 2024"


@pytest.mark.usefixtures("stored")
def test_where_ranks_top_coded_as_the_cap_and_suppressed_last(runner: CliRunner) -> None:
    data = _run(runner, "where", "mlops", "--by", "p90", "--kind", "all", "--json")
    areas = data["areas"]
    top = [area for area in areas if area["top_coded"]]
    assert top, "the fixture has top-coded 90th percentiles"
    assert all(area["at_least"] == 239_200 for area in top)
    assert all(area["value"] is None for area in top)  # never a number
    assert all(area["annual"]["p90"] is None for area in top)
    # At the cap: above every published value below it, and suppressed ones last.
    keys = [239_200 if a["top_coded"] else a["value"] for a in areas]
    known = [key for key in keys if key is not None]
    assert keys[: len(known)] == sorted(known, reverse=True)
    assert keys[len(known) :] == [None] * (len(keys) - len(known))
    table = runner.invoke(app, ["where", "mlops", "--by", "p90", "--kind", "all", "--wide"])
    assert "≥ $239,200" in table.stdout
    assert "ranks as the cap" in " ".join(table.stdout.split())


@pytest.mark.usefixtures("stored")
def test_where_filters_by_state_kind_and_employment(runner: CliRunner) -> None:
    texas = _run(runner, "where", "ds", "--kind", "all", "--state", "texas", "--json")
    assert {a["area"]["code"] for a in texas["areas"]} == {"48", "12420", "4800003"}
    states = _run(runner, "where", "ds", "--kind", "state", "--json")
    assert {a["area"]["code"] for a in states["areas"]} == {"48", "53", "72"}
    big = _run(runner, "where", "ds", "--kind", "all", "--min-employment", "6000", "--json")
    assert all(a["employment"] >= 6000 for a in big["areas"])
    assert big["filters"]["min_employment"] == 6000
    limited = _run(runner, "where", "ds", "--limit", "2", "--json")
    assert len(limited["areas"]) == 2


@pytest.mark.usefixtures("stored")
def test_where_takes_another_of_the_roles_occupations(runner: CliRunner) -> None:
    first = _run(runner, "where", "ml-engineer", "--json")
    assert first["occupation"]["code"] == "15-2051"
    assert [o["code"] for o in first["other_occupations"]] == ["15-1252"]
    other = _run(runner, "where", "ml-engineer", "--soc", "15-1252", "--json")
    assert other["occupation"]["code"] == "15-1252"
    assert "15-1252" in _fail(runner, "where", "mlops", "--soc", "15-2051")


@pytest.mark.usefixtures("stored")
def test_where_in_an_earlier_period(runner: CliRunner) -> None:
    data = _run(runner, "where", "ds", "--period", "2023", "--json")
    assert data["period"] == "May 2023"
    assert all(area["period"] == "May 2023" for area in data["areas"])


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("where", "ds", "--period", "1999"), "--period '1999' is not a stored survey period"),
        (("where", "ds", "--by", "salary"), "'salary' is not one of"),
        (("where", "ds", "--kind", "city"), "'city' is not one of"),
        (("where", "ds", "--state", "Atlantis"), "not a US state"),
        (("where", "nosuchrole"), "unknown role"),
        (("compare", "--city", "99999"), "unknown place '99999'"),
        (("compare", "--city", "portland"), "38900"),
        (("trend", "ds", "--city", "austn"), "did you mean austin"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    runner: CliRunner, args: tuple[str, ...], said: str
) -> None:
    assert said in _fail(runner, *args)


def test_where_without_a_store_says_how_to_add_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["where", "ds"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "mlcareers official import" in result.stderr
    assert result.stderr.count("\n") == 1


# ---------------------------------------------------------------- trend


@pytest.mark.usefixtures("stored")
def test_trend_joins_old_codes_through_the_crosswalk_marked_derived(runner: CliRunner) -> None:
    data = _run(runner, "trend", "ds", "--json")
    periods = {entry["period"]: entry for entry in data["periods"]}
    assert list(periods) == ["May 2020", "May 2023", "May 2024"]
    old = periods["May 2020"]
    assert old["occupation"]["code"] == "15-2098"
    assert old["crosswalk"]["derived"] is True
    assert old["crosswalk"]["to"] == "15-2051"
    # The wider old code counts other jobs too: no change is computed across it.
    assert periods["May 2023"]["median_change"] is None
    change = periods["May 2024"]["median_change"]
    assert change == {"value": 112_590 - 108_020, "derived": True, "method": change["method"]}
    assert "nominal" in change["method"]


@pytest.mark.usefixtures("stored")
def test_trend_in_a_place_shows_a_gap_never_a_guess(runner: CliRunner) -> None:
    data = _run(runner, "trend", "mlops", "--city", "Austin, TX", "--json")
    periods = {entry["period"]: entry for entry in data["periods"]}
    assert periods["May 2023"]["gap"]
    assert periods["May 2023"]["annual"] is None
    assert periods["May 2020"]["occupation"]["code"] == "15-1256"
    assert periods["May 2024"]["median_change"] is None  # across the wider older code


@pytest.mark.usefixtures("stored")
def test_trend_of_an_unchanged_code_computes_every_change(runner: CliRunner) -> None:
    data = _run(runner, "trend", "cv", "--json")
    changes = [entry["median_change"] for entry in data["periods"]]
    assert changes[0] is None
    assert all(change is not None and change["derived"] for change in changes[1:])


# ---------------------------------------------------------------- official areas


@pytest.mark.usefixtures("stored")
def test_official_areas_lists_every_place_with_its_kind(runner: CliRunner) -> None:
    areas = {area["code"]: area for area in _run(runner, "official", "areas", "--json")}
    assert areas["99"]["kind"] == "nation"
    assert areas["48"]["kind"] == "state"
    assert areas["72"]["kind"] == "territory"
    assert areas["4800003"]["kind"] == "nonmetro"
    assert areas["38900"]["states"] == ["OR", "WA"]
    assert areas["12420"]["periods"] == ["May 2024", "May 2023", "May 2020"]
    assert areas["12420"]["roles_with_figures"]["derived"] is True
    (austin,) = _run(runner, "official", "areas", "austin", "--json")
    assert austin["code"] == "12420"
    csv = runner.invoke(app, ["official", "areas", "-f", "csv"]).stdout
    assert csv.splitlines()[0].startswith("code,title,kind,states,periods")


# ---------------------------------------------------------------- places


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize(
    "name", ["seattle", "Seattle, WA", "42660", "Seattle-Tacoma-Bellevue, WA", "SEA"]
)
def test_every_spelling_of_a_place_gives_the_same_answer(runner: CliRunner, name: str) -> None:
    def answer(*args: str) -> Any:
        data = _run(runner, *args, "--json")
        records = data["cities"] if isinstance(data, dict) else data
        for record in records:
            del record["place"]["name"]  # the one thing that differs: the name typed
        return data

    assert answer("compare", "--city", name) == answer("compare", "--city", "seattle")
    assert answer("show", "ds", "--city", name) == answer("show", "ds", "--city", "seattle")


@pytest.mark.usefixtures("stored")
def test_show_prints_the_articles_new_york_range_and_the_surveys(runner: CliRunner) -> None:
    for name in ("new york", "NYC", "New York, NY", "35620"):
        table = " ".join(runner.invoke(app, ["show", "ds", "--city", name]).stdout.split())
        assert (
            "ML pay in general; the source names no role. Range: $138,000 – $222,000 a year."
            in table
        )
        assert "15-2051 Data Scientists, New York-Newark-Jersey City, NY-NJ" in table


@pytest.mark.usefixtures("stored")
def test_several_places_at_once(runner: CliRunner) -> None:
    rows = _run(runner, "compare", "--city", "seattle", "--city", "austin", "--json")
    assert [row["place"]["code"] for row in rows] == ["42660"] * 6 + ["12420"] * 6
    one = _run(
        runner,
        "compare",
        "mlops",
        "--city",
        "seattle",
        "--city",
        "austin",
        "--city",
        "38900",
        "--json",
    )
    assert [row["place"]["code"] for row in one] == ["42660", "12420", "38900"]
    assert (
        one[2]["official"]["reason"] == "the store has no figure for this role's occupation(s) here"
    )
    assert one[1]["official"]["figures"][0]["annual"]["median"] == 145_000


def _shape(value: object) -> object:
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    return "list" if isinstance(value, list) else "scalar"


SHAPED = [
    ("compare", "--city", "seattle"),
    ("compare", "--city", "new york", "--city", "seattle"),
    ("compare", "mlops", "--city", "seattle"),
    ("show", "ds"),
    ("show", "ds", "--city", "seattle"),
]


@pytest.mark.parametrize("args", SHAPED, ids=" ".join)
def test_the_json_has_the_same_keys_with_and_without_a_store(
    runner: CliRunner, args: tuple[str, ...], stored_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = _run(runner, *args, "--json")
    monkeypatch.setenv("MLCAREERS_HOME", str(stored_home))
    full = _run(runner, *args, "--json")
    assert _shape(empty) == _shape(full)


# ---------------------------------------------------------------- the README's jq examples


JQ_EXAMPLES = re.findall(
    r"^(mlcareers [^|\n]+\| jq .*)$",
    (ROOT / "README.md").read_text(encoding="utf-8"),
    flags=re.MULTILINE,
)
NEEDS_STORE = ("where", "trend", "official areas")


def test_readme_has_jq_examples_of_the_place_commands() -> None:
    assert any(example.startswith("mlcareers where") for example in JQ_EXAMPLES)


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed: apt-get install jq")
@pytest.mark.parametrize("state", ["no store", "stored"])
@pytest.mark.parametrize("example", JQ_EXAMPLES)
def test_readme_jq_examples_run_in_both_states(
    example: str, state: str, stored_home: Path, tmp_path: Path
) -> None:
    needs = example.removeprefix("mlcareers ").startswith(NEEDS_STORE)
    if needs and state == "no store":
        pytest.skip("this example needs a store: it is run against one")
    command, _, jq = example.partition("| jq ")
    home = stored_home if state == "stored" else tmp_path
    words = shlex.split(command)
    mlcareers = str(Path(sys.executable).parent / "mlcareers")
    env = {"MLCAREERS_HOME": str(home), "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    produced = subprocess.run(
        [mlcareers, *words[1:]], capture_output=True, env=env, timeout=60, check=False
    )
    assert produced.returncode == 0, produced.stderr
    filtered = subprocess.run(
        ["jq", *shlex.split(jq)],
        input=produced.stdout,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert filtered.returncode == 0, filtered.stderr
    assert filtered.stdout.strip()
    assert filtered.stdout.strip() != b"null"


@pytest.mark.usefixtures("stored")
def test_where_limit_keeps_the_reference_line_and_the_first_places(runner: CliRunner) -> None:
    table = runner.invoke(app, ["where", "ds", "--limit", "2", "--wide"]).stdout
    ranks = [line.split()[0] for line in table.splitlines() if line.strip()[:1].isdigit()]
    assert ranks == ["1", "2"]
    assert "U.S. (reference, not ranked)" in table
    assert "the first 2, among 7 of 7 places" in " ".join(table.split())


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize("columns", ["20", "40", "80"])
def test_a_crosswalked_year_stays_marked_at_any_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    table = runner.invoke(app, ["trend", "ds"]).stdout
    assert "15-2098*" in table
    assert max(len(line) for line in table.splitlines()) <= int(columns)


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize(("by", "header"), [("p90", "90th"), ("employment", "Employed")])
def test_the_figure_ranked_by_is_kept_in_a_narrow_table(
    runner: CliRunner, by: str, header: str
) -> None:
    result = runner.invoke(app, ["where", "ds", "--by", by, "--limit", "1"], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.stderr
    assert header in result.stdout.splitlines()[1]  # the header line of the table
