"""`skills`, `match` and `rank --skill` end to end, in every machine format: counts taken from
the whole catalogue, needs illustrated by examples, and the article's foundations."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

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


def _records(text: str, fmt: str, key: str | None = None) -> list[dict[str, Any]]:
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


FOUNDATION_SKILLS = "statistics,linear algebra,keras,communication"
"""Skills the article names that no role asks for: match answered 0% and said nothing of them."""


@pytest.mark.parametrize("fmt", MACHINE)
def test_match_shows_the_foundations_apart_from_the_roles(runner: CliRunner, fmt: str) -> None:
    text = _out(runner, "match", "--have", FOUNDATION_SKILLS, "-f", fmt)
    if fmt == "markdown":
        head, _, part = text.partition("## Foundations")
        assert part, "no foundations part"
        assert "| You have | Statistics | essential to understand |" in part
        assert "| You have | Keras | high-paying roles expect proficiency in it |" in part
        assert "| Missing | Calculus | essential to understand |" in part
        assert "| You have | Communication | shown by successful AI professionals |" in part
        assert "never counted in a role's coverage" in part
        assert "only what the role asks for counts" in head
        assert head.count("| 0 of ") == 6  # coverage stays what each role asks for
        return
    roles: list[dict[str, Any]]
    foundations: list[dict[str, Any]]
    if fmt == "json":
        data = json.loads(text)
        roles, foundations = data["roles"], data["foundations"]
        assert "never counted" in data["foundations_note"]
        assert "never the article's foundations" in data["method"]
    else:
        records = _records(text, fmt)
        assert [r["part"] for r in records] == ["roles"] * 6 + ["foundations"] * 17
        roles = [r for r in records if r["part"] == "roles"]
        foundations = [r for r in records if r["part"] == "foundations"]
    assert {str(role["met"]) for role in roles} == {"0"}
    assert all(
        "never the article's foundations" in str(role.get("coverage.method") or role["coverage"])
        for role in roles
    )
    by_skill = {f["skill"]: f for f in foundations}
    have = {skill for skill, f in by_skill.items() if f["met_by"]}
    assert have == {"Statistics", "Linear algebra", "Keras", "Communication"}
    statistics, keras = by_skill["Statistics"], by_skill["Keras"]
    assert (statistics["says"], str(statistics["line"])) == ("essential to understand", "69")
    assert statistics["heading"] == "Mathematics and statistics"
    assert (keras["says"], str(keras["line"])) == (
        "high-paying roles expect proficiency in it",
        "72",
    )
    algorithms = by_skill["Machine learning algorithms"]
    assert (algorithms["kind"], algorithms["examples_word"]) == ("group", "e.g.")
    assert "critical" in str(algorithms["says"])
    assert not algorithms["met_by"]


def test_a_foundation_illustrated_by_examples_is_met_by_any_of_them(runner: CliRunner) -> None:
    data = json.loads(_out(runner, "match", "--have", "clustering,cpp,stats", "--json"))
    met = {f["skill"]: f["met_by"] for f in data["foundations"] if f["met_by"]}
    assert met == {
        "Machine learning algorithms": "Clustering",
        "Another language": "C++",
        "Statistics": "Statistics",
    }
    assert data["unknown"] == []
    table = " ".join(_out(runner, "match", "--have", "clustering", "--wide").split())
    assert "Machine learning algorithms: Clustering — a strong grasp is critical" in table


def test_limit_and_fields_leave_the_foundations_whole(runner: CliRunner) -> None:
    lines = _out(
        runner, "match", "--have", "keras", "-f", "ndjson", "--limit", "2", "--fields", "slug"
    )
    records = [json.loads(line) for line in lines.splitlines()]
    assert records[:2] == [
        {"part": "roles", "slug": "mlops-engineer"},
        {"part": "roles", "slug": "data-scientist"},
    ]
    assert len(records) == 2 + 17
    assert records[-1]["part"] == "foundations"


KERAS = (
    "no role lists Keras as a requirement; the article's skills section names it among its "
    "hard skills, under Deep learning frameworks: high-paying roles expect proficiency in it"
)


@pytest.mark.parametrize("fmt", MACHINE)
def test_rank_by_a_skill_no_role_asks_for_says_where_the_article_names_it(
    runner: CliRunner, fmt: str
) -> None:
    result = runner.invoke(app, ["rank", "--skill", "keras", "-f", fmt])
    assert result.exit_code == 0
    assert result.stderr == f"mlcareers: warning: {KERAS}\n"
    if fmt == "json":
        assert json.loads(result.stdout) == []
    elif fmt == "markdown":
        assert "| MLOps engineer |" not in result.stdout
    else:
        assert result.stdout == ""
    both = runner.invoke(app, ["rank", "--skill", "python,keras", "-f", fmt])
    assert (both.exit_code, both.stderr) == (0, f"mlcareers: warning: {KERAS}\n")
    some = runner.invoke(app, ["rank", "--skill", "python", "-f", fmt])
    assert (some.exit_code, some.stderr) == (0, "")


@pytest.mark.parametrize("fmt", MACHINE)
def test_skills_of_a_skill_no_role_asks_for_says_where_the_article_names_it(
    runner: CliRunner, fmt: str
) -> None:
    result = runner.invoke(app, ["skills", "keras", "-f", fmt])
    assert (result.exit_code, result.stderr) == (0, "")
    if fmt == "markdown":
        assert "| Keras |  | 0 | (no role lists it) |" in result.stdout
        flat = " ".join(result.stdout.split())
        assert f"- {KERAS[0].upper()}{KERAS[1:]}." in flat
        return
    (record,) = _records(result.stdout, fmt)
    assert (record["skill"], str(record["count"])) == ("Keras", "0")
    if fmt == "csv":
        foundation = {key: record[f"foundation.{key}"] for key in ("heading", "says", "line")}
    else:
        foundation = {key: record["foundation"][key] for key in ("heading", "says", "line")}
    assert foundation == {
        "heading": "Deep learning frameworks",
        "says": "high-paying roles expect proficiency in it",
        "line": 72 if fmt != "csv" else "72",
    }


@pytest.mark.parametrize("fmt", MACHINE)
def test_skills_of_a_skill_lists_every_requirement_it_meets(runner: CliRunner, fmt: str) -> None:
    # Python is asked for by name by three roles, and is an example of a data scientist's
    # language: it meets a requirement of four.
    counts = _counts(runner, fmt, "python")
    assert counts == {
        "Python": (3, ("MLOps engineer", "NLP engineer", "ML engineer")),
        "Language (e.g.)" if fmt == "markdown" else "Language": (1, ("Data scientist",)),
    }
    if fmt == "markdown":
        flat = " ".join(_out(runner, "skills", "python", "-f", fmt).split())
        assert "Python meets a requirement of 4 of the 6 roles." in flat
        assert "under Programming: the leading language in ML." in flat


def test_every_skill_is_counted_across_the_whole_catalogue(
    runner: CliRunner, catalogue: Catalogue
) -> None:
    from mlcareers.skills import skill_names

    everything = _counts(runner, "json")
    for name in skill_names(catalogue):
        mine = _counts(runner, "json", "--skill", name)
        assert mine, name
        for skill, counted in mine.items():
            # A foundation's group (Another language) is listed by its members, asked for by none.
            assert counted == everything.get(skill, (0, ())), (name, skill)
        ranked = json.loads(_out(runner, "rank", "--skill", name, "--json"))
        asking = {title for count, titles in mine.values() for title in titles}
        assert {role["title"] for role in ranked} == asking, name


def test_a_name_that_is_no_role_and_no_skill_is_one_line_and_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["skills", "nlpp"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "mlcareers: error: unknown role or skill 'nlpp'; did you mean nlp-engineer, Natural "
        "language processing? ('mlcareers rank' lists the roles, 'mlcareers skills' the skills)\n"
    )
    both = runner.invoke(app, ["skills", "mlops", "--skill", "keras"])
    assert (both.exit_code, both.stderr) == (
        2,
        "mlcareers: error: give a ROLE or --skill, not both\n",
    )
    # A name that is a role and a skill is the role; --skill asks for the skill.
    role = json.loads(_out(runner, "skills", "nlp", "--json"))
    assert "spaCy" in {record["skill"] for record in role}
    skill = json.loads(_out(runner, "skills", "--skill", "nlp", "--json"))
    assert [record["skill"] for record in skill] == ["Natural language processing"]
