"""The meaning of every answer, pinned: what the article says, with its polarity, hedges and
scope, in every format. The article's words are quoted beside each check."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, NamedTuple

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app
from mlcareers.models import Catalogue

FORMATS = ("table", "json", "csv", "markdown")
ALL_FORMATS = [*FORMATS, "ndjson"]


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--wide"] if "-f" not in args else list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


# The article's yes/no questions, found by a word of theirs, and how the answer must begin.
FAQ = {
    # "Can you get a machine learning job without a degree? Yes, many ML professionals enter
    # the field without a degree"
    "without a degree": "Yes",
    # "Can machine learning engineers work remotely? Yes, machine learning engineers can work
    # remotely."
    "remote": "Yes",
}


@pytest.mark.parametrize(("word", "opening"), FAQ.items())
def test_yes_no_answers_keep_the_articles_polarity(
    catalogue: Catalogue, word: str, opening: str
) -> None:
    (entry,) = [entry for entry in catalogue.faq if word in entry.question.casefold()]
    assert entry.question.startswith(("Can ", "Is "))
    assert entry.answer.split()[0].rstrip(".,:;") == opening


def test_no_faq_question_asks_the_opposite_of_the_article(catalogue: Catalogue) -> None:
    questions = " ".join(entry.question.casefold() for entry in catalogue.faq)
    assert "degree required" not in questions
    assert "need a degree" not in questions


@pytest.mark.parametrize("fmt", FORMATS)
def test_faq_degree_says_yes_without_a_degree_in_every_format(runner: CliRunner, fmt: str) -> None:
    out = _run(runner, "faq", "degree", "-f", fmt)
    assert "without a degree" in out
    assert "Yes" in out
    assert "required" not in out.casefold()


def test_what_the_article_states_about_entry(catalogue: Catalogue) -> None:
    # "You don't need a Ph.D. to break into machine learning."
    assert any("Ph.D. is not needed" in note for note in catalogue.entry_notes)
    # "generally suited for professionals with five or more years of experience and strong
    # domain expertise"
    senior = next(stage for stage in catalogue.ladder if stage.level == "senior")
    assert senior.min_years == 5
    assert senior.requires is not None
    assert "expertise" in senior.requires or "knowledge" in senior.requires


def test_growth_is_kept_per_role_as_the_article_says_it(catalogue: Catalogue) -> None:
    growth = {role.slug: role.growth for role in catalogue.roles}
    # "MLOps is one of the fastest-growing and highest-paying machine learning jobs"
    assert "fastest-growing" in (growth["mlops-engineer"] or "")
    # "demand is rising"
    assert "rising" in (growth["nlp-engineer"] or "")
    # "Skilled AI engineers are in very high demand"
    assert "in very high demand" in (growth["ai-engineer"] or "")
    # The article says nothing of growth for data scientists or computer vision engineers.
    assert growth["data-scientist"] is None
    assert growth["computer-vision-engineer"] is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_growth_reaches_show_in_every_format(runner: CliRunner, fmt: str) -> None:
    assert "fastest-growing" in _run(runner, "show", "mlops", "-f", fmt)
    assert "fastest-growing" in json.dumps(json.loads(_run(runner, "rank", "--json")))


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_in_a_city_says_the_article_has_no_figure_for_the_role(
    runner: CliRunner, fmt: str
) -> None:
    out = _flat(_run(runner, "show", "mlops", "--city", "seattle", "-f", fmt))
    assert "no Seattle, WA figure for MLOps engineer" in out
    assert "ML engineer pay" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_compare_in_a_city_derives_nothing_in_every_format(runner: CliRunner, fmt: str) -> None:
    out = _run(runner, "compare", "--city", "seattle", "-f", fmt).casefold()
    for word in ("uplift", "estimate", "×"):
        assert word not in out
    # National base salaries sit beside the city's own figure.
    assert "103" in out
    assert "172" in out


def test_compare_csv_gives_a_city_figure_only_to_its_own_role(runner: CliRunner) -> None:
    out = _run(runner, "compare", "--city", "seattle", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    own = [row["slug"] for row in rows if row["city_pay.low"]]
    assert own == ["ml-engineer"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_city_figures_are_never_called_base_salary(runner: CliRunner, fmt: str) -> None:
    out = _flat(_run(runner, "compare", "-f", fmt)).casefold()
    assert "city base salary" not in out
    assert "annual base salary by city" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_has_no_annualised_freelance_line(runner: CliRunner, fmt: str) -> None:
    out = _run(runner, "show", "ds", "-f", fmt)
    assert "520,000" not in out
    assert "520000" not in out


def test_source_line_says_the_article_is_undated(runner: CliRunner) -> None:
    out = _flat(_run(runner, "rank"))
    assert "Figures for 2026; article undated; catalogue compiled 2026-11-25." in out
    assert "(2026); as of" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_ladder_links_that_are_our_reading_are_marked(runner: CliRunner, fmt: str) -> None:
    out = _run(runner, "show", "mle", "-f", fmt)
    assert "Senior ML engineer" in out
    if fmt == "json":
        ladder = json.loads(out)["ladder"]
        marks = {rung["title"]: rung["link_derived"] for rung in ladder}
        assert marks == {
            "Junior ML engineer": True,
            "ML engineer": False,
            "Senior ML engineer": True,
        }
    else:
        assert "derived" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_match_prints_no_score_in_dollars(runner: CliRunner, fmt: str) -> None:
    out = _run(runner, "match", "--have", "python,docker,kubernetes", "-f", fmt)
    assert "weighted" not in out.casefold()
    assert "43,533" not in out
    assert "43533" not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_match_counts_a_group_as_met_by_any_member(runner: CliRunner, fmt: str) -> None:
    out = _run(runner, "match", "--have", "python,docker,kubernetes,azure,mlflow", "-f", fmt)
    if fmt == "json":
        first = json.loads(out)["roles"][0]
        assert (first["slug"], first["met"], first["required"]) == ("mlops-engineer", 5, 5)
    elif fmt == "csv":
        first = next(csv.DictReader(io.StringIO(out)))
        assert (first["slug"], first["met"], first["required"]) == ("mlops-engineer", "5", "5")
    else:
        assert "5 of 5" in out
    assert "AWS" not in out.split("Learn next")[-1].split("\n")[0]


def test_coverage_reproduces_from_the_counts_printed(runner: CliRunner) -> None:
    data = json.loads(_run(runner, "match", "--have", "python,sql", "--json"))
    for role in data["roles"]:
        assert role["coverage"]["value"] == round(role["met"] / role["required"], 4)
    table = _run(runner, "match", "--have", "python,sql")
    assert "1 of 6" in table
    assert f"{1 / 6:.0%}" in table


# "New York, NY. Salaries range from $138,000 to $222,000 per year." (source line 118): the
# one New York range, for no role, unlike Santa Clara's and Seattle's ("ML engineers earn").
NEW_YORK_SPELLINGS = ("new york", "New York", "NYC", "new york city", "New York, NY", "35620")
PLAIN_SCOPE = "ML pay in general; the source names no role"


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@pytest.mark.parametrize("name", NEW_YORK_SPELLINGS)
def test_show_in_new_york_prints_its_range_with_its_scope_in_every_format(
    runner: CliRunner, name: str, fmt: str
) -> None:
    out = _run(runner, "show", "ds", "--city", name, "-f", fmt)
    if fmt in ("table", "markdown"):
        text = _flat(out)
        line = text[text.index("In New York, NY") :]
        # Whose pay it is comes before the range, so that it is never read as the role's.
        assert line.index(PLAIN_SCOPE) < line.index("$138,000 – $222,000 a year")
        assert "The source gives no New York, NY figure for Data scientist." in line
        return
    if fmt == "csv":
        (row,) = csv.DictReader(io.StringIO(out))
        cities = json.loads(row["cities"])
    else:
        cities = json.loads(out)["cities"]
    (record,) = cities
    assert record["city_figure"] == {
        "low": 138_000,
        "high": 222_000,
        "role": None,
        "scope": PLAIN_SCOPE,
    }
    assert record["city_pay"] is None
    assert "ML pay in general and names no role" in record["city_pay_note"]


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_compare_in_new_york_states_the_same_scope(runner: CliRunner, fmt: str) -> None:
    out = _flat(_run(runner, "compare", "ds", "--city", "nyc", "-f", fmt))
    if fmt in ("table", "markdown"):
        assert "$138,000 – $222,000 a year, for ML pay in general; it names no role." in out
    else:
        assert PLAIN_SCOPE in out
    assert "(the source names no role)" not in out


class Hedge(NamedTuple):
    """A growth or demand phrase of the outlook: the article's words and line, the words ours
    must keep (the hedge, word for word) and words that would strengthen or weaken it."""

    line: int
    article: str
    keeps: tuple[str, ...]
    never: tuple[str, ...] = ()


# Words no growth or demand phrase may gain: the article uses none of them.
NEVER = ("booming", "explod", "soaring", "skyrocket", "guarantee", "always", "most in-demand")

HEDGES = {
    "MLOps engineer": Hedge(
        22,
        "MLOps is one of the fastest-growing and highest-paying machine learning jobs",
        ("one of the fastest-growing", "one of the best paid"),
    ),
    "NLP engineer": Hedge(
        44,
        "With the growth of AI technologies in language and conversation, demand is rising.",
        ("demand is rising",),
        ("fastest", "rapid", "very"),
    ),
    "AI engineer": Hedge(
        53,
        "Skilled AI engineers are in very high demand",
        ("skilled ai engineers are in very high demand",),
        ("sought", "fastest"),
    ),
    "ML engineer": Hedge(
        131,  # and line 59: "they're consistently ranked among the highest-paying AI jobs"
        "The demand for skilled machine learning engineers and AI professionals keeps growing",
        ("demand for skilled ml engineers keeps growing", "consistently ranked among"),
        ("regularly ranked", "fastest"),
    ),
    "demand": Hedge(
        10,
        "the demand for highly skilled professionals in machine learning, data science, and "
        "software engineering roles continues to grow",
        (
            "ml, data science and software engineering roles at large",
            "the source names no one role",
            "demand for highly skilled professionals in these roles continues to grow",
        ),
        ("fastest", "rapid", "quickly"),
    ),
    "remote_work": Hedge(
        120,  # and line 145: "Remote ML roles are expanding quickly, with many companies ..."
        "Remote machine learning roles are expanding quickly, with companies willing to pay "
        "premium salaries for specialized talent regardless of location.",
        ("remote ml jobs are growing quickly", "many companies will pay"),
        ("all companies", "most companies", "fastest"),
    ),
}


def _hedged(entry: dict[str, Any]) -> str | None:
    """Which HEDGES key an outlook record is pinned by; None for records that are no phrase."""
    if entry["kind"] == "growth":
        return str(entry["name"])
    if entry["kind"] in ("demand", "remote_work"):
        return str(entry["kind"])
    return None


def test_every_growth_and_demand_phrase_keeps_the_articles_hedge(runner: CliRunner) -> None:
    entries = json.loads(_run(runner, "outlook", "--json"))
    pinned = {key: entry for entry in entries if (key := _hedged(entry)) is not None}
    assert set(pinned) == set(HEDGES)  # a new phrase needs its hedge pinned here
    for key, hedge in HEDGES.items():
        entry = pinned[key]
        ours = _flat(f"{entry['name']} {entry['detail']}").casefold()
        for words in hedge.keeps:
            assert words in ours, (key, hedge.line, words)
        for words in (*hedge.never, *NEVER):
            assert words not in ours, (key, hedge.line, words)
        if key != "MLOps engineer":
            assert "fastest" not in ours


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_outlook_gives_the_articles_demand_line_with_its_scope(runner: CliRunner, fmt: str) -> None:
    # Source line 10: "the demand for highly skilled professionals in machine learning, data
    # science, and software engineering roles continues to grow"
    out = _run(runner, "outlook", "-f", fmt)
    if fmt in ("json", "ndjson"):
        lines = [out] if fmt == "json" else out.splitlines()
        entries = [e for line in lines for e in _records(json.loads(line))]
    elif fmt == "csv":
        entries = list(csv.DictReader(io.StringIO(out)))
    else:
        text = _flat(out)
        assert "Demand across ML work" in text
        assert "ML, data science and software engineering roles at large; the source" in text
        assert "continues to grow" in text
        return
    (demand,) = [entry for entry in entries if entry["kind"] == "demand"]
    assert demand["name"].endswith("the source names no one role")
    assert "highly skilled professionals in these roles continues to grow" in demand["detail"]
    assert not demand.get("role")  # no one role
    assert not demand.get("role.slug")


def _records(data: Any) -> list[dict[str, Any]]:
    return list(data) if isinstance(data, list) else [data]


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_of_a_role_with_no_demand_line_points_to_the_general_one(
    runner: CliRunner, fmt: str
) -> None:
    out = _run(runner, "show", "cv", "-f", fmt)
    if fmt == "json":
        assert json.loads(out)["growth"] is None  # the role's own: none
    elif fmt == "csv":
        assert next(csv.DictReader(io.StringIO(out)))["growth"] == ""
    else:
        out = _flat(out)
        assert "Not stated for this role; the source's demand line for ML work at large" in out
