"""The machine contract across every command: one vocabulary, one derived shape, CSV that
round-trips, NDJSON and --fields and --limit everywhere records are printed."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app

COMMANDS: dict[str, list[str]] = {
    "rank": ["rank"],
    "rank by hourly": ["rank", "--by", "hourly"],
    "show": ["show", "mlops"],
    "show in a city": ["show", "mlops", "--city", "seattle"],
    "compare": ["compare"],
    "compare a city": ["compare", "--city", "seattle"],
    "compare roles": ["compare", "mlops", "ds"],
    "convert": ["convert", "67", "--per", "hour"],
    "skills": ["skills"],
    "skills of a role": ["skills", "mlops"],
    "match": ["match", "--have", "python,docker"],
    "path": ["path"],
    "path of a role": ["path", "ds"],
    "path of a job": ["path", "data analyst"],
    "learn": ["learn"],
    "outlook": ["outlook"],
    "faq": ["faq"],
    "sources": ["sources"],
    "official sources": ["official", "sources"],
}
RECORD_KEYS = {"match": "roles", "sources": "figures"}
"""Commands whose JSON is an object with its records under a key; the rest print an array of
records, or one object (show, convert, path of one role or job)."""
PARTS = {"match": ("roles", "foundations")}
"""Commands whose JSON object holds further lists that NDJSON and CSV print after the records,
each record then led by `part`, the key of its list."""

BANNED = {
    "lack": "missing",
    "role_title": "title",
    "estimated": "derived",
    "uplift": "(no such figure: city pay is never derived)",
    "weighted_fit": "(no score in dollars)",
    "next_skill": "next",
    "label": "stage",
    "soc_basis": "soc.method",
}


def _json(runner: CliRunner, args: list[str], *more: str) -> Any:
    result = runner.invoke(app, [*args, *more])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _walk(node: object, path: str, seen: dict[str, set[str]]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if value is not None:
                seen[key].add(_kind(value))
            _walk(value, f"{path}.{key}", seen)
    elif isinstance(node, list):
        for item in node:
            _walk(item, path, seen)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        inner = {_kind(item) for item in value}
        return f"list of {'/'.join(sorted(inner)) or 'anything'}"
    return "object"


@pytest.fixture(scope="module")
def outputs() -> dict[str, Any]:
    runner = CliRunner()
    return {name: json.loads(_json(runner, args, "--json")) for name, args in COMMANDS.items()}


def test_one_name_has_one_kind_of_value_everywhere(outputs: dict[str, Any]) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for data in outputs.values():
        _walk(data, "", seen)
    # An empty list says nothing about its items.
    mixed = {
        key: kinds - {"list of anything"}
        for key, kinds in seen.items()
        if len(kinds - {"list of anything"}) > 1
    }
    assert mixed == {}


def test_no_retired_or_synonym_names(outputs: dict[str, Any]) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for data in outputs.values():
        _walk(data, "", seen)
    assert {name: BANNED[name] for name in seen if name in BANNED} == {}


def test_a_role_is_slug_and_title_everywhere(outputs: dict[str, Any]) -> None:
    def roles(node: object) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        if isinstance(node, dict):
            if "slug" in node and "salary" in node:
                found.append(node)
            for key, value in node.items():
                if key in {"role", "roles"} and isinstance(value, dict):
                    found.append(value)
                found.extend(roles(value))
        elif isinstance(node, list):
            for item in node:
                found.extend(roles(item))
        return found

    every = [role for data in outputs.values() for role in roles(data)]
    assert every
    for role in every:
        assert isinstance(role["slug"], str)
        assert isinstance(role["title"], str)


def test_derived_values_have_one_shape(outputs: dict[str, Any]) -> None:
    def derived(node: object) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        if isinstance(node, dict):
            if "derived" in node:
                found.append(node)
            for value in node.values():
                found.extend(derived(value))
        elif isinstance(node, list):
            for item in node:
                found.extend(derived(item))
        return found

    every = [item for data in outputs.values() for item in derived(data)]
    assert len(every) > 10
    for item in every:
        assert isinstance(item["derived"], bool)
        if item["derived"]:
            assert isinstance(item.get("method"), str)
            assert item["method"]


def test_money_is_whole_dollars(outputs: dict[str, Any]) -> None:
    money = {"low", "high", "median", "median_difference", "amount", "hourly_rate", "annual_pay"}

    def check(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in money and isinstance(value, int | float):
                    assert isinstance(value, int), (key, value)
                check(value)
        elif isinstance(node, list):
            for item in node:
                check(item)

    for data in outputs.values():
        check(data)


def _records(name: str, data: Any) -> list[Any]:
    if name in RECORD_KEYS:
        records = data[RECORD_KEYS[name]]
        assert isinstance(records, list)
        return records
    return data if isinstance(data, list) else [data]


def _flat_records(name: str, data: Any) -> list[Any]:
    """What NDJSON and CSV print: the records, then each part's, every one led by `part`."""
    if name not in PARTS:
        return _records(name, data)
    return [{"part": part, **record} for part in PARTS[name] for record in data[part]]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_csv_round_trips_every_command(
    runner: CliRunner, outputs: dict[str, Any], name: str
) -> None:
    text = _json(runner, COMMANDS[name], "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    records = _flat_records(name, outputs[name])
    assert len(rows) == len(records)
    if name not in {"convert", "official sources"}:  # the user's figure; download locations
        assert list(rows[0])[-1] == "source"
        assert all("Upwork" in row["source"] for row in rows)
    for row, record in zip(rows, records, strict=True):
        for key, value in record.items():
            if isinstance(value, int) and not isinstance(value, bool):
                assert row[key] == str(value)  # raw numbers: no $, no thousands separator
            if isinstance(value, str):
                assert row[key] == value
            if isinstance(value, dict) and value.get("derived") is True:
                assert row[f"{key}.derived"] == "true"
                assert row[f"{key}.method"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_ndjson_is_one_record_a_line(runner: CliRunner, outputs: dict[str, Any], name: str) -> None:
    lines = _json(runner, COMMANDS[name], "-f", "ndjson").splitlines()
    records = _flat_records(name, outputs[name])
    assert [json.loads(line) for line in lines] == records


@pytest.mark.parametrize("name", [n for n in COMMANDS if n not in {"show", "show in a city"}])
def test_limit_and_fields_everywhere(runner: CliRunner, outputs: dict[str, Any], name: str) -> None:
    records = _records(name, outputs[name])
    key = next(iter(records[0]))
    limited = json.loads(_json(runner, COMMANDS[name], "--json", "--limit", "1"))
    assert len(_records(name, limited)) == 1
    picked = json.loads(_json(runner, COMMANDS[name], "--json", "--fields", key))
    assert all(list(record) == [key] for record in _records(name, picked))


def test_dotted_fields_keep_their_nesting(runner: CliRunner) -> None:
    data = json.loads(_json(runner, ["rank"], "--json", "--fields", "slug,salary.median"))
    assert data[0] == {"slug": "mlops-engineer", "salary": {"median": 130_599}}
    text = _json(runner, ["rank"], "-f", "csv", "--fields", "slug,salary.median")
    assert text.splitlines()[:2] == ["slug,salary.median", "mlops-engineer,130599"]


def test_unknown_field_exits_2_and_lists_the_valid_ones(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rank", "--fields", "pay"])
    assert result.exit_code == 2
    assert "unknown field 'pay'" in result.stderr
    assert "salary.median" in result.stderr
