"""`skills`, `match` and `rank --skill` end to end, in every machine format: counts taken from
the whole catalogue, needs illustrated by examples, and the article's foundations."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app
from mlcareers.models import Catalogue

MACHINE = ("json", "ndjson", "csv", "markdown")


def _out(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _cells(line: str) -> list[str]:
    """The cells of one markdown table row, unescaped as far as these tests need."""
    inner = line.strip()[1:-1].replace("\\|", "\0")
    return [cell.strip().replace("\0", "|").replace("\\", "") for cell in inner.split(" | ")]


def _counts(runner: CliRunner, fmt: str, *args: str) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Each skill row of `skills ARGS` in one format: its count and the titles of its roles."""
    text = _out(runner, "skills", *args, "-f", fmt)
    if fmt in {"json", "ndjson"}:
        records = json.loads(text) if fmt == "json" else list(map(json.loads, text.splitlines()))
        return {
            r["skill"]: (r["count"], tuple(role["title"] for role in r["roles"])) for r in records
        }
    if fmt == "csv":
        return {
            row["skill"]: (
                int(row["count"]),
                tuple(role["title"] for role in json.loads(row["roles"] or "[]")),
            )
            for row in csv.DictReader(io.StringIO(text))
        }
    rows = [line for line in text.splitlines() if line.startswith("| ")][2:]
    counts: dict[str, tuple[int, tuple[str, ...]]] = {}
    for line in rows:
        skill, _, count, roles = _cells(line)
        titles = tuple(title for title in roles.split("<br>") if not title.startswith("("))
        counts[skill] = (int(count), titles)
    return counts


@pytest.mark.parametrize("fmt", MACHINE)
def test_a_roles_skills_are_counted_across_the_whole_catalogue(
    runner: CliRunner, catalogue: Catalogue, fmt: str
) -> None:
    # `skills mlops` said 1 role asks for Python: the count was of the roles shown.
    everything = _counts(runner, fmt)
    for role in catalogue.roles:
        mine = _counts(runner, fmt, role.slug)
        assert mine, role.slug
        for skill, (count, titles) in mine.items():
            assert (count, titles) == everything[skill], (role.slug, skill)
            assert role.title in titles, (role.slug, skill)
            assert count == len(titles)
    assert _counts(runner, fmt, "mlops")["Python"][0] == len(
        [role for role in catalogue.roles if "Python" in role.skills]
    )


def _records(text: str, fmt: str, key: str | None = None) -> list[dict[str, object]]:
    """The records of a machine format: JSON's list (under `key`), NDJSON's lines, CSV's rows."""
    if fmt == "json":
        data = json.loads(text)
        if key:
            data = data[key]
        return data if isinstance(data, list) else [data]
    if fmt == "ndjson":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", MACHINE)
def test_a_need_illustrated_by_examples_is_met_by_any_of_them(runner: CliRunner, fmt: str) -> None:
    # "familiarity with languages like Python, R, and SQL": Python and SQL meet one need of
    # six, not two of nine.
    for have in ("python,sql", "sql", "r"):
        text = _out(runner, "match", "--have", have, "-f", fmt)
        if fmt == "markdown":
            (row,) = [line for line in text.splitlines() if "| Data scientist |" in line]
            assert "| 1 of 6 |" in row
            assert "Language: " in row
            assert "Language (e.g." not in row  # met, so not among the missing
            continue
        (ds,) = [r for r in _records(text, fmt, "roles") if r.get("slug") == "data-scientist"]
        assert (str(ds["met"]), str(ds["required"])) == ("1", "6")
        assert ds["have"] in (["Language"], "Language")


@pytest.mark.parametrize("fmt", MACHINE)
def test_show_skills_and_rank_give_examples_with_the_word_e_g(runner: CliRunner, fmt: str) -> None:
    show = _out(runner, "show", "ds", "-f", fmt)
    skills = _out(runner, "skills", "ds", "-f", fmt)
    ranked = _out(runner, "rank", "--skill", "scikit-learn", "-f", fmt)
    if fmt == "markdown":
        assert "Language (e.g. Python, R, SQL)" in show
        assert "Big data tool (e.g. Apache Spark)" in show
        assert "| Language (e.g.) | Python<br>R<br>SQL | 1 | Data scientist |" in skills
        assert "Data scientist" in ranked
        assert "ML engineer" not in ranked
        return
    (data,) = _records(show, fmt)
    groups = data["skill_groups"]
    groups = json.loads(groups) if isinstance(groups, str) else groups
    assert isinstance(groups, list)
    assert {g["group"]: g["examples_word"] for g in groups} == {
        "Language": "e.g.",
        "ML platform": "e.g.",
        "Big data tool": "e.g.",
    }
    language = next(r for r in _records(skills, fmt) if r["skill"] == "Language")
    assert (language["kind"], language["examples_word"]) == ("group", "e.g.")
    assert language["any_of"] in (["Python", "R", "SQL"], "Python; R; SQL")
    assert [r["slug"] for r in _records(ranked, fmt)] == ["data-scientist"]
