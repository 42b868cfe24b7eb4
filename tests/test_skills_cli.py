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
