"""The career-planning commands end to end through typer's runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app


def _json(runner: CliRunner, *args: str) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_match_mlops_first_with_mlflow_missing(runner: CliRunner) -> None:
    data = _json(runner, "match", "--have", "python,docker,kubernetes")
    assert isinstance(data, dict)
    first = data["roles"][0]
    assert first["slug"] == "mlops-engineer"
    assert first["missing"] == ["Cloud platform", "Orchestration tool"]
    assert (first["met"], first["required"]) == (3, 5)
    assert first["coverage"]["value"] == 0.6
    assert first["coverage"]["derived"] is True
    assert "any one of its members" in first["coverage"]["method"]
    assert data["next"]["derived"] is True
    assert data["next"]["skills"] == ["Neural networks"]
    assert data["have"] == ["Python", "Docker", "Kubernetes"]
    assert not any("$" in str(value) for value in first.values())  # no score in dollars


def test_match_computer_vision_first(runner: CliRunner) -> None:
    data = _json(runner, "match", "--have", "opencv,pytorch,tensorflow")
    assert isinstance(data, dict)
    assert data["roles"][0]["slug"] == "computer-vision-engineer"


def test_match_takes_loose_input_and_reports_unknown_skills(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["match", "--have", "python, SQL ,  r", "--have", "knitting", "--json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["have"] == ["Python", "SQL", "R"]
    assert data["unknown"] == ["knitting"]
    # Python, SQL and R are all examples of the one language a data scientist needs.
    ds = next(role for role in data["roles"] if role["slug"] == "data-scientist")
    assert (ds["have"], ds["met"], ds["required"]) == (["Language"], 1, 6)
    assert result.stderr == "mlcareers: warning: unknown skill 'knitting', not counted\n"


def test_match_misspelt_skill_gets_did_you_mean(runner: CliRunner) -> None:
    result = runner.invoke(app, ["match", "--have", "pyhton"])
    assert result.exit_code == 0
    assert "unknown skill 'pyhton', not counted; did you mean Python" in result.stderr


def test_match_knows_skills_no_role_lists(runner: CliRunner) -> None:
    result = runner.invoke(app, ["match", "--have", "keras,linear algebra", "--json"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert json.loads(result.stdout)["unknown"] == []


def test_match_advice_is_in_checkable_terms(runner: CliRunner) -> None:
    table = runner.invoke(app, ["match", "--have", "python,docker,kubernetes,aws"]).stdout
    flat = " ".join(table.split())
    assert "Pay-weighted" not in table
    assert "MLOps engineer 4 of 5" in flat or "4 of 5" in flat
    assert "Learn next: Neural networks. 3 roles ask for it." in flat
    assert "NLP engineer: 1 of 5 → 2 of 5, median $115,000" in flat
    assert "the missing requirement the most roles ask for" in flat


def test_match_reads_a_skills_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "skills.txt"
    path.write_text(
        "# my skills\nOpenCV\n\npytorch  # daily\nTensorFlow, Python\n", encoding="utf-8"
    )
    data = _json(runner, "match", "--have-file", str(path))
    assert isinstance(data, dict)
    assert data["have"] == ["OpenCV", "PyTorch", "TensorFlow", "Python"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["match"], "give the skills you have"),
        (["match", "--have", " , "], "give the skills you have"),
        (["match", "--have-file", "/nonexistent"], "/nonexistent: no such file"),
        (["match", "--have-file", "/dev/zero"], "not a regular file"),
    ],
)
def test_match_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_match_skills_file_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "skills.txt"
    path.write_bytes(b"caf\xe9\n")
    result = runner.invoke(app, ["match", "--have-file", str(path)])
    assert result.exit_code == 2
    assert "is not UTF-8 text" in result.stderr


def test_rank_by_skill(runner: CliRunner) -> None:
    roles = _json(runner, "rank", "--skill", "pytorch")
    assert isinstance(roles, list)
    assert [role["slug"] for role in roles] == ["computer-vision-engineer", "ml-engineer"]
    both = _json(runner, "rank", "-s", "PyTorch", "-s", "OpenCV")
    assert isinstance(both, list)
    assert [role["slug"] for role in both] == ["computer-vision-engineer"]


def test_rank_by_unknown_skill_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rank", "--skill", "pytorh"])
    assert result.exit_code == 2
    assert "unknown skill 'pytorh'; did you mean PyTorch" in result.stderr
    assert "mlcareers skills" in result.stderr


def test_rank_by_hourly_annualises_and_labels_it(runner: CliRunner) -> None:
    roles = _json(runner, "rank", "--by", "hourly")
    assert isinstance(roles, list)
    annual = roles[0]["hourly_annualised"]
    assert (annual["low"], annual["high"], annual["derived"]) == (35 * 2080, 250 * 2080, True)
    assert "not a salary" in annual["method"]
    assert "experience, location and project" in annual["method"]
    table = " ".join(runner.invoke(app, ["rank", "--by", "hourly", "--wide"]).stdout.split())
    assert "If billed all year*" in table
    assert "$72,800 – $520,000" in table
    assert "* Derived: freelance hourly rate × 2,080 hours" in table
    assert "not a salary" in table


def test_show_keeps_freelance_rates_out_of_the_salary_lines(runner: CliRunner) -> None:
    role = _json(runner, "show", "ds")
    assert isinstance(role, dict)
    assert "hourly_annualised" not in role
    table = runner.invoke(app, ["show", "ds"]).stdout
    assert "$72,800" not in table
    assert "$520,000" not in table


def test_convert_issue_example(runner: CliRunner) -> None:
    data = _json(runner, "convert", "130599", "--per", "year")
    assert data == {
        "amount": 130599,
        "per": "year",
        "hours_per_year": 2080,
        "hourly_rate": {
            "value": 63,
            "derived": True,
            "method": "annual pay ÷ 2,080 hours a year, rounded to the whole dollar",
        },
        "annual_pay": {"value": 130599, "derived": False, "method": "as given"},
    }
    table = runner.invoke(app, ["convert", "130599", "--per", "year"]).stdout
    assert "$63" in table
    assert "2,080" in table


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "0", "--per", "year"],
        ["convert", "-5", "--per", "year"],
        ["convert", "abc", "--per", "year"],
        ["convert", "nan", "--per", "hour"],
        ["convert", "10", "--per", "week"],
        ["convert", "10"],
        ["convert", "10", "--per", "hour", "--hours", "0"],
        ["convert", "1e308", "--per", "hour"],
        ["convert", "inf", "--per", "year"],
        ["convert", "1_000", "--per", "year"],  # float() takes these; money is not written so
        ["convert", "１３０５９９", "--per", "year"],
        ["convert", "62,79", "--per", "hour"],  # a decimal comma, or a thousands comma?
        ["convert", "130.599", "--per", "year"],  # cents, or a thousands point?
        ["convert", "62.79/h", "--per", "year"],  # the unit and the direction disagree
        ["convert", "130,599/yr", "--per", "hour"],
        ["convert", "$130,599"],  # per what?
        ["convert", "56/week"],
        ["convert", "130k", "--per", "year"],
    ],
)
def test_convert_rejects_bad_input_with_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("mlcareers: error: ")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["62.79/h", "--per", "year"], "is per hour, but --per year was given"),
        (["130,599/yr", "--per", "hour"], "is per year, but --per hour was given"),
        (["62,79", "--per", "hour"], "ambiguous"),
        (["130.599", "--per", "year"], "ambiguous"),
        (["$130,599"], "does not say what it is paid per: add --per hour or --per year"),
        (["56 per month"], "is paid per month"),
        (["1_000", "--per", "year"], "is not a sum of dollars"),
    ],
)
def test_convert_says_why_money_is_refused(runner: CliRunner, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["convert", *args])
    assert result.exit_code == 2
    assert words in result.stderr


# Money as people write it, and the plain number with --per it must equal.
WRITTEN = [
    (["$130,599", "--per", "year"], ["130599", "--per", "year"]),
    (["130,599", "--per", "year"], ["130599", "--per", "year"]),
    (["130,599/yr"], ["130599", "--per", "year"]),
    (["130599 a year"], ["130599", "--per", "year"]),
    (["62.79/h"], ["62.79", "--per", "hour"]),
    (["62.79/h", "--per", "hour"], ["62.79", "--per", "hour"]),
    (["$56/hr"], ["56", "--per", "hour"]),
    (["56 per hour"], ["56", "--per", "hour"]),
    (["$56 an hour", "--hours", "1800"], ["56", "--per", "hour", "--hours", "1800"]),
]


@pytest.mark.parametrize(("written", "plain"), WRITTEN)
@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "markdown"])
def test_convert_takes_money_as_people_write_it(
    runner: CliRunner, written: list[str], plain: list[str], fmt: str
) -> None:
    ours = runner.invoke(app, ["convert", *written, "-f", fmt])
    assert ours.exit_code == 0, ours.stderr
    assert ours.stdout == runner.invoke(app, ["convert", *plain, "-f", fmt]).stdout


def _shape(value: object) -> object:
    """A JSON value's shape: its keys and their types, all the way down; numbers are numbers."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_convert_has_one_shape_in_both_directions(runner: CliRunner, fmt: str) -> None:
    outputs = [
        runner.invoke(app, ["convert", *args, "-f", fmt]).stdout
        for args in (["$130,599", "--per", "year"], ["62.79/h"])
    ]
    if fmt == "csv":
        headers = [out.splitlines()[0] for out in outputs]
        assert headers[0] == headers[1]
        rows = [next(csv.DictReader(io.StringIO(out))) for out in outputs]
        assert rows[0]["annual_pay.derived"] == rows[1]["hourly_rate.derived"] == "false"
        assert rows[0]["hourly_rate.derived"] == rows[1]["annual_pay.derived"] == "true"
        return
    year, hour = (json.loads(out) for out in outputs)
    assert _shape(year) == _shape(hour)
    assert list(year) == list(hour)  # the same keys in the same order
    assert year["hourly_rate"]["derived"] is True
    assert year["annual_pay"] == {"value": 130599, "derived": False, "method": "as given"}
    assert hour["hourly_rate"] == {"value": 62.79, "derived": False, "method": "as given"}
    assert hour["annual_pay"]["value"] == 130603
    assert hour["annual_pay"]["derived"] is True


def test_compare_roles_side_by_side(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "mlops", "nlp")
    assert isinstance(rows, list)
    assert [row["slug"] for row in rows] == ["mlops-engineer", "nlp-engineer"]
    assert rows[1]["median_difference"] == 115_000 - 130_599
    assert rows[0]["shared_skills"] == ["Python"]
    assert "Orchestration tool" in rows[0]["only_here"]
    # A data scientist asks for a language, Python being one example: not for Python itself.
    with_ds = _json(runner, "compare", "mlops", "ds")
    assert isinstance(with_ds, list)
    assert with_ds[0]["shared_skills"] == []


def test_compare_one_role_in_a_city_says_what_the_article_lacks(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "mlops", "--city", "seattle")
    assert isinstance(rows, list)
    (row,) = rows
    assert row["slug"] == "mlops-engineer"
    assert row["salary"] == {"low": 103_933, "median": 130_599, "high": 146_926}
    assert row["city_pay"] is None
    assert row["city_figure"] == {
        "low": 172_000,
        "high": 250_000,
        "role": {"slug": "ml-engineer", "title": "ML engineer"},
        "scope": "ML engineer pay",
    }
    assert "no Seattle, WA figure for MLOps engineer" in row["city_pay_note"]
    table = " ".join(runner.invoke(app, ["compare", "mlops", "--city", "seattle"]).stdout.split())
    assert "The source gives no Seattle, WA figure for MLOps engineer" in table
    assert "$172,000 – $250,000" in table
    assert "$103,933 – $146,926" in table


def test_compare_city_invents_no_figure(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "--city", "seattle", "--city", "nyc")
    assert isinstance(rows, list)
    own = [(r["city"]["slug"], r["slug"]) for r in rows if r["city_pay"] is not None]
    assert own == [("seattle", "ml-engineer")]
    amounts = {r["city_figure"]["low"] for r in rows} | {r["city_figure"]["high"] for r in rows}
    assert amounts == {172_000, 250_000, 138_000, 222_000}
    text = runner.invoke(app, ["compare", "--city", "nyc"]).stdout
    assert "estimate" not in text.lower()
    assert "uplift" not in text.lower()
    assert "ML pay in general" in text


def test_compare_one_role_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "mlops"])
    assert result.exit_code == 2
    assert "two or more roles" in result.stderr


def test_skills_matrix(runner: CliRunner) -> None:
    rows = _json(runner, "skills")
    assert isinstance(rows, list)
    assert rows[0]["skill"] == "Python"
    assert (rows[0]["kind"], rows[0]["any_of"], rows[0]["count"]) == ("skill", [], 3)
    assert [role["slug"] for role in rows[0]["roles"]] == [
        "mlops-engineer",
        "nlp-engineer",
        "ml-engineer",
    ]
    cloud = next(row for row in rows if row["skill"] == "Cloud platform")
    assert (cloud["kind"], cloud["any_of"]) == ("group", ["AWS", "GCP", "Azure"])
    assert cloud["examples_word"] is None
    language = next(row for row in rows if row["skill"] == "Language")
    assert (language["kind"], language["any_of"]) == ("group", ["Python", "R", "SQL"])
    assert (language["examples_word"], language["or_similar"]) == ("e.g.", False)
    assert next(row for row in rows if row["skill"] == "Keras")["count"] == 0
    mine = _json(runner, "skills", "cv")
    assert isinstance(mine, list)
    assert {row["skill"] for row in mine} == {
        "Neural networks",
        "OpenCV",
        "TensorFlow",
        "PyTorch",
        "Large datasets",
    }


def test_path_of_a_role(runner: CliRunner) -> None:
    data = _json(runner, "path", "data scientist")
    assert isinstance(data, dict)
    assert data["stage"] == "Mid-level (2-5 years)"
    lead = next(r for r in data["leads_to"] if r["title"] == "Lead data scientist")
    assert lead["role"] == {"slug": "data-scientist", "title": "Data scientist"}
    assert lead["link_derived"] is True
    assert len(data["reached_from"]) == 5
    assert data["derived"] is True


def test_path_of_an_entry_level_job(runner: CliRunner) -> None:
    data = _json(runner, "path", "data analyst")
    assert isinstance(data, dict)
    assert data["title"] == "Data analyst"
    assert data["stage"] == "Entry level"
    assert data["reached_from"] == []
    assert "ML engineer" in [r["title"] for r in data["leads_to"]]
    unknown = runner.invoke(app, ["path", "data analist"])
    assert unknown.exit_code == 2
    assert "did you mean Data analyst" in unknown.stderr


def test_whole_ladder(runner: CliRunner) -> None:
    stages = _json(runner, "path")
    assert isinstance(stages, list)
    assert [(s["level"], s["min_years"], s["max_years"]) for s in stages] == [
        ("entry", None, None),
        ("mid", 2, 5),
        ("senior", 5, None),
    ]
    tree = runner.invoke(app, ["path"]).stdout
    assert "├── Mid-level (2-5 years)" in tree


def test_learn_lists_certifications_and_time_to_entry(runner: CliRunner) -> None:
    data = _json(runner, "learn")
    assert isinstance(data, list)
    assert len([entry for entry in data if entry["kind"] == "certification"]) == 5
    spans = [(s["low"], s["high"], s["unit"]) for s in data if s["kind"] == "time_to_entry"]
    assert spans == [(6, 12, "months"), (1, 2, "years")]
    text = runner.invoke(app, ["learn"]).stdout
    assert "6-12 months" in text
    assert "1-2 years" in text


def test_faq_filters_by_term(runner: CliRunner) -> None:
    every = _json(runner, "faq")
    assert isinstance(every, list)
    assert len(every) == 7
    degree = _json(runner, "faq", "DEGREE")
    assert isinstance(degree, list)
    assert [entry["question"] for entry in degree] == ["Can you get an ML job without a degree?"]
    assert degree[0]["answer"].startswith("Yes")
    none = runner.invoke(app, ["faq", "astronaut", "--json"])
    assert none.exit_code == 0
    assert json.loads(none.stdout) == []
    assert "no question or answer mentions 'astronaut'" in none.stderr


def test_sources_marks_derived_figures(runner: CliRunner) -> None:
    data = _json(runner, "sources")
    assert isinstance(data, dict)
    assert data["source"]["publisher"] == "Upwork"
    assert data["source"]["published"] is None
    derived = [f for f in data["figures"] if f["derived"]]
    assert all(f["method"] for f in derived)
    assert not any("uplift" in f["figure"].lower() for f in data["figures"])
    assert "Skill coverage (match)" in {f["figure"] for f in derived}
    assert len(data["caveats"]) == 3


def test_outlook(runner: CliRunner) -> None:
    data = _json(runner, "outlook")
    assert isinstance(data, list)
    (fact,) = [entry for entry in data if entry["kind"] == "market_fact"]
    assert (fact["value"], fact["unit"]) == (109, "percent")
    assert "Finance" in {entry["name"] for entry in data if entry["kind"] == "industry"}
    growth = {entry["role"]["slug"]: entry["detail"] for entry in data if entry["kind"] == "growth"}
    assert "fastest-growing" in growth["mlops-engineer"]
    assert "data-scientist" not in growth


def test_match_csv_parses(runner: CliRunner) -> None:
    result = runner.invoke(app, ["match", "--have", "python", "-f", "csv"])
    every = list(csv.DictReader(io.StringIO(result.stdout)))
    rows = [row for row in every if row["part"] == "roles"]
    assert len(rows) == 6
    assert every[: len(rows)] == rows  # the roles first, then the foundations
    assert {row["part"] for row in every[len(rows) :]} == {"foundations"}
    assert rows[0]["slug"] == "mlops-engineer"  # 1 of 5, as NLP, but better paid
    assert (rows[0]["met"], rows[0]["required"]) == ("1", "5")
