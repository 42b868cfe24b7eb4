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
    assert "MLflow" in first["lack"]
    assert first["coverage"] == {
        "value": 0.3333,
        "estimated": True,
        "method": "skills you have ÷ skills listed",
    }
    assert data["next_skill"]["estimated"] is True
    assert data["have"] == ["Python", "Docker", "Kubernetes"]


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
    assert data["roles"][0]["slug"] == "data-scientist"
    assert result.stderr == "mlcareers: warning: not in the catalogue, so not counted: knitting\n"


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
    assert roles[0]["hourly_annualised"] == {
        "low": 35 * 2080,
        "high": 250 * 2080,
        "estimated": True,
        "method": "freelance hourly rate × 2,080 hours (40 a week, 52 weeks)",
    }
    table = runner.invoke(app, ["rank", "--by", "hourly"]).stdout
    assert "Annualised*" in table
    assert "$72,800 – $520,000" in table
    assert "Annualised* (derived)" in table


def test_show_annualises_the_freelance_range(runner: CliRunner) -> None:
    role = _json(runner, "show", "mlops")
    assert isinstance(role, dict)
    assert role["hourly_annualised"]["low"] == 116_480
    assert role["hourly_annualised"]["estimated"] is True
    table = runner.invoke(app, ["show", "mlops"]).stdout
    assert "$116,480 – $139,360" in table


def test_convert_issue_example(runner: CliRunner) -> None:
    data = _json(runner, "convert", "130599", "--per", "year")
    assert data == {
        "amount": 130599.0,
        "per": "year",
        "hours_per_year": 2080,
        "hourly": 62.79,
        "annual": 130599.0,
        "derived": "hourly",
        "estimated": True,
        "method": "annual pay ÷ 2,080 hours a year, rounded to the cent",
    }
    table = runner.invoke(app, ["convert", "130599", "--per", "year"]).stdout
    assert "$62.79" in table
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
    ],
)
def test_convert_rejects_bad_input_with_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr


def test_compare_roles_side_by_side(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "mlops", "ds")
    assert isinstance(rows, list)
    assert [row["slug"] for row in rows] == ["mlops-engineer", "data-scientist"]
    assert rows[1]["median_difference"] == 118_407 - 130_599
    assert rows[0]["shared_skills"] == ["Python"]
    assert "MLflow" in rows[0]["only_here"]


def test_compare_roles_with_a_city(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "mle", "nlp", "--city", "seattle")
    assert isinstance(rows, list)
    assert rows[0]["city"]["estimated"] is False
    assert rows[0]["city"]["low"] == 172_000
    assert rows[1]["city"]["estimated"] is True
    assert "uplift" in rows[1]["city"]["method"]


def test_compare_one_role_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "mlops"])
    assert result.exit_code == 2
    assert "two or more roles" in result.stderr


def test_skills_matrix(runner: CliRunner) -> None:
    rows = _json(runner, "skills")
    assert isinstance(rows, list)
    assert rows[0] == {
        "skill": "Python",
        "count": 4,
        "roles": ["mlops-engineer", "data-scientist", "nlp-engineer", "ml-engineer"],
    }
    mine = _json(runner, "skills", "--role", "cv")
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
    assert [r["title"] for r in data["leads_to"] if r["direct"]] == ["Lead data scientist"]
    assert len(data["reached_from"]) == 5
    assert data["estimated"] is True


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
    assert isinstance(data, dict)
    assert len(data["certifications"]) == 5
    spans = [(s["low"], s["high"], s["unit"]) for s in data["time_to_entry"]]
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
    assert [entry["question"] for entry in degree] == ["Is a degree required for an ML job?"]
    none = runner.invoke(app, ["faq", "astronaut", "--json"])
    assert none.exit_code == 0
    assert json.loads(none.stdout) == []
    assert "no question or answer mentions 'astronaut'" in none.stderr


def test_sources_marks_derived_figures(runner: CliRunner) -> None:
    data = _json(runner, "sources")
    assert isinstance(data, dict)
    assert data["source"]["publisher"] == "Upwork"
    assert data["source"]["published"] is None
    derived = [f for f in data["figures"] if f["estimated"]]
    assert all(f["method"] for f in derived)
    assert {"City uplift", "Annualised freelance rates"} <= {f["figure"] for f in derived}
    assert len(data["caveats"]) == 3


def test_outlook(runner: CliRunner) -> None:
    data = _json(runner, "outlook")
    assert isinstance(data, dict)
    assert data["market_facts"][0]["value"] == 109
    assert "Finance" in {industry["name"] for industry in data["industries"]}


def test_match_csv_parses(runner: CliRunner) -> None:
    result = runner.invoke(app, ["match", "--have", "python", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 6
    assert (rows[0]["slug"], rows[0]["coverage"]) == ("nlp-engineer", "0.2")  # 1 of 5 skills
