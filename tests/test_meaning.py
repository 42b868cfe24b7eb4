"""The meaning of every answer, pinned: what the article says, with its polarity, hedges and
scope, in every format. The article's words are quoted beside each check."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app
from mlcareers.models import Catalogue

FORMATS = ("table", "json", "csv", "markdown")


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
    assert "demand" in (growth["ai-engineer"] or "") or "sought" in (growth["ai-engineer"] or "")
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
