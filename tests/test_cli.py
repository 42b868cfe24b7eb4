"""The command line through typer's runner: stdout, stderr and exit codes apart."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlcareers import __version__
from mlcareers.cli import app
from mlcareers.report import Format

from .test_ranking import ARTICLE_ORDER

COMMANDS = {
    "rank": ["rank"],
    "rank by hourly": ["rank", "--by", "hourly"],
    "show": ["show", "mlops"],
    "compare": ["compare", "--city", "seattle"],
    "compare roles": ["compare", "mlops", "ds", "cv"],
    "compare roles in a city": ["compare", "mle", "nlp", "--city", "nyc"],
    "skills": ["skills"],
    "skills of a role": ["skills", "--role", "cv"],
    "match": ["match", "--have", "python,sql"],
    "path": ["path"],
    "path of a role": ["path", "ds"],
    "learn": ["learn"],
    "outlook": ["outlook"],
    "faq": ["faq"],
    "faq term": ["faq", "degree"],
    "convert": ["convert", "67", "--per", "hour"],
    "sources": ["sources"],
}


def _json(runner: CliRunner, *args: str) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_rank_json_is_the_article_ranking(runner: CliRunner) -> None:
    roles = _json(runner, "rank")
    assert isinstance(roles, list)
    assert [role["slug"] for role in roles] == ARTICLE_ORDER
    first = roles[0]
    assert first["title"] == "MLOps engineer"
    assert first["salary"] == {"low": 103_933, "median": 130_599, "high": 146_926}
    assert first["hourly"] == {"low": 56, "high": 67}
    assert "Kubernetes" in first["skills"]
    assert [role["rank"] for role in roles] == [1, 2, 3, 4, 5, 6]


def test_rank_by_and_limit(runner: CliRunner) -> None:
    roles = _json(runner, "rank", "--by", "hourly", "--limit", "1")
    assert isinstance(roles, list)
    assert [role["slug"] for role in roles] == ["data-scientist"]


@pytest.mark.parametrize("limit", ["0", "-3", "two"])
def test_bad_limit_is_a_usage_error(runner: CliRunner, limit: str) -> None:
    result = runner.invoke(app, ["rank", "--limit", limit])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--limit" in result.stderr


def test_show_json_is_the_whole_role(runner: CliRunner) -> None:
    role = _json(runner, "show", "MLOps Engineer")
    assert isinstance(role, dict)
    assert role["slug"] == "mlops-engineer"
    assert role["backgrounds"] == ["DevOps", "Software engineering"]
    assert role["ladder"] == []


def test_show_places_the_role_on_the_ladder(runner: CliRunner) -> None:
    role = _json(runner, "show", "mle")
    assert isinstance(role, dict)
    assert role["ladder"] == [
        {"stage": "Entry level", "title": "Junior ML engineer", "link_derived": True},
        {"stage": "Mid-level (2-5 years)", "title": "ML engineer", "link_derived": False},
        {
            "stage": "Senior and leadership (5+ years)",
            "title": "Senior ML engineer",
            "link_derived": True,
        },
    ]


def test_unknown_role_exits_2_with_suggestions_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "data scientst"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "mlcareers: error: unknown role 'data scientst'; did you mean data-scientist? "
        "('mlcareers rank' lists the roles)",
    ]


def test_compare_json_gives_each_city_its_own_scope(runner: CliRunner) -> None:
    rows = _json(runner, "compare", "--city", "Seattle, WA")
    assert isinstance(rows, list)
    assert len(rows) == 6
    own = [row for row in rows if row["city_pay"] is not None]
    assert [(r["city"]["slug"], r["slug"], r["city_pay"]) for r in own] == [
        ("seattle", "ml-engineer", {"low": 172_000, "high": 250_000})
    ]
    assert all(row["city_pay_note"] for row in rows if row["city_pay"] is None)
    assert not any("estimated" in row or "uplift" in row for row in rows)


def test_compare_defaults_to_every_city_and_dedupes(runner: CliRunner) -> None:
    every = _json(runner, "compare")
    assert isinstance(every, list)
    roles = [row["city_figure"]["role"] for row in every]
    assert [
        (row["city"]["slug"], role and role["slug"]) for row, role in zip(every, roles, strict=True)
    ] == [
        ("santa-clara", "ml-engineer"),
        ("new-york", None),
        ("seattle", "ml-engineer"),
    ]
    twice = _json(runner, "compare", "-c", "nyc", "-c", "New York")
    assert isinstance(twice, list)
    assert len(twice) == 6


def test_unknown_city_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "--city", "seatle"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown place 'seatle'; did you mean seattle?" in result.stderr


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_speaks_every_format(runner: CliRunner, command: str, fmt: Format) -> None:
    result = runner.invoke(app, [*COMMANDS[command], "--format", fmt.value])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "\x1b" not in result.stdout
    if fmt is Format.json:
        assert json.loads(result.stdout)
    elif fmt is Format.csv:
        assert list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        assert result.stdout.strip()


def test_json_flag_and_format_must_agree(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rank", "--json", "-f", "csv"])
    assert result.exit_code == 2
    assert "--json contradicts --format csv" in result.stderr
    assert runner.invoke(app, ["rank", "--json", "-f", "json"]).exit_code == 0


def test_format_is_case_insensitive_and_checked(runner: CliRunner) -> None:
    assert runner.invoke(app, ["rank", "-f", "CSV"]).exit_code == 0
    result = runner.invoke(app, ["rank", "-f", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"mlcareers {__version__}\n"


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage:" in result.stdout + result.stderr
    assert "rank" in result.stdout + result.stderr


ALL_COMMANDS = sorted({args[0] for args in COMMANDS.values()} | {"validate", "schema"})


@pytest.mark.parametrize("command", [[], *([name] for name in ALL_COMMANDS)])
def test_every_command_has_help_with_examples(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "mlcareers " in result.stdout


def test_unknown_command_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rnak"])
    assert result.exit_code == 2
    assert "rnak" in result.stderr


def test_bad_catalogue_is_exit_1_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["--catalogue", str(path), "rank"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"mlcareers: error: {path}: is not valid JSON (EOF while parsing an object at line 1 "
        "column 1)\n"
    )


def test_unexpected_errors_are_one_line(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise KeyError("internal")

    monkeypatch.setattr("mlcareers.ranking.rank", boom)
    result = runner.invoke(app, ["rank"])
    assert result.exit_code == 1
    assert result.stderr.startswith("mlcareers: internal error (KeyError). This is a bug")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_broken_pipe_inside_a_command_is_quiet(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed(*_: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr("mlcareers.render.render", closed)
    result = runner.invoke(app, ["rank"])
    assert result.exit_code == 0
    assert result.stderr == ""
