"""Hostile catalogue files, hostile text and odd environments, through the installed command."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mlcareers.catalogue import MAX_BYTES

from .helpers import write_variant
from .test_e2e import run

Maker = Callable[[Path, dict[str, Any]], Path]


def _text(content: str | bytes) -> Maker:
    def make(folder: Path, raw: dict[str, Any]) -> Path:
        path = folder / "catalogue.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


def _changed(change: Callable[[dict[str, Any]], object]) -> Maker:
    def make(folder: Path, raw: dict[str, Any]) -> Path:
        return write_variant(raw, change, folder / "catalogue.json")

    return make


def _missing(folder: Path, raw: dict[str, Any]) -> Path:
    return folder / "absent.json"


def _directory(folder: Path, raw: dict[str, Any]) -> Path:
    return folder


def _device(folder: Path, raw: dict[str, Any]) -> Path:
    return Path("/dev/zero")


def _fifo(folder: Path, raw: dict[str, Any]) -> Path:
    path = folder / "fifo"
    os.mkfifo(path)
    return path


def _huge(folder: Path, raw: dict[str, Any]) -> Path:
    path = folder / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: instant, and takes no disk
    return path


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return change


HOSTILE_FILES: dict[str, tuple[Maker, str]] = {
    "missing": (_missing, "absent.json: no such file"),
    "directory": (_directory, "is a directory, not a catalogue file"),
    "device": (_device, "is not a regular file"),
    "fifo": (_fifo, "is not a regular file"),
    "empty": (_text(""), "is empty; a catalogue is a JSON object"),
    "not utf-8": (_text(b'{"roles": "\xff\xfe"}'), "is not UTF-8 text"),
    "not json": (_text("roles = 6"), "is not valid JSON"),
    "deeply nested": (_text("[" * 200_000 + "]" * 200_000), "recursion limit exceeded"),
    "wrong shape": (_text("[1, 2, 3]"), "(top level): Input should be an object"),
    "unknown key": (_changed(_set("roles.0.bonus", 1)), "roles[0].bonus: Extra inputs"),
    "duplicate slug": (
        _changed(_set("roles.1.slug", "mlops-engineer")),
        "(1 problem)\n  roles[1] (mlops-engineer) answers to 'mlops engineer', as roles[0]",
    ),
    "duplicate alias": (
        _changed(_set("roles.1.aliases", ["mlops"])),
        "roles[1] (data-scientist) answers to 'mlops', as roles[0] (mlops-engineer) does",
    ),
    "low above high": (
        _changed(_set("roles.2.hourly.low", 900)),
        "roles[2].hourly: low must not exceed high",
    ),
    "negative money": (
        _changed(_set("roles.0.salary.low", -5)),
        "roles[0].salary.low: Input should be greater than 0",
    ),
    "fractional money": (
        _changed(_set("roles.0.salary.low", 1.5)),
        "roles[0].salary.low: Input should be a valid integer",
    ),
    "too large": (_huge, "is larger than 256 MiB, the most a catalogue may be"),
}


@pytest.mark.parametrize("case", list(HOSTILE_FILES))
@pytest.mark.parametrize("how", ["option", "variable", "validate"])
def test_hostile_file_is_a_clear_error(
    tmp_path: Path, raw: dict[str, Any], case: str, how: str
) -> None:
    make, expected = HOSTILE_FILES[case]
    path = str(make(tmp_path, raw))
    if how == "option":
        result = run("--catalogue", path, "rank", "--json")
    elif how == "variable":
        result = run("rank", "--json", MLCAREERS_CATALOGUE=path)
    else:
        result = run("validate", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"mlcareers: error: {path}: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "https://" not in result.stderr
    assert len(result.stderr.splitlines()) <= 1 + 21


def test_validate_accepts_a_good_file(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = _changed(_set("roles.0.title", "Model operator"))(tmp_path, raw)
    result = run("validate", str(path))
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout == (
        f"{path}: valid catalogue: 6 roles, 3 cities, from Upwork (2026, as of 2026-11-25)\n"
    )


def test_users_catalogue_is_used_by_every_command(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = str(_changed(_set("roles.0.title", "Model operator"))(tmp_path, raw))
    shown = run("--catalogue", path, "show", "model operator", "--json")
    assert json.loads(shown.stdout)["slug"] == "mlops-engineer"
    ranked = run("rank", "--json", MLCAREERS_CATALOGUE=path)
    assert json.loads(ranked.stdout)[0]["title"] == "Model operator"
    compared = run("--catalogue", path, "compare", "-c", "seattle", "--json")
    titles = {row["title"] for row in json.loads(compared.stdout)}
    assert "Model operator" in titles


def test_option_beats_variable(tmp_path: Path, raw: dict[str, Any]) -> None:
    good = str(_changed(_set("roles.0.title", "Model operator"))(tmp_path, raw))
    result = run("--catalogue", good, "rank", "--json", MLCAREERS_CATALOGUE="/nonexistent")
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["title"] == "Model operator"


HOSTILE_TEXT = "[bold]x[/] [/] <b>&amp;</b> \u200bafter"
"""Printable but hostile: rich markup, HTML and an invisible character; the catalogue accepts
it (control characters it refuses), and every format prints it literally, the invisible gone."""
DATA_COMMANDS = [
    ["rank"],
    ["show", "mlops"],
    ["show", "mlops", "--city", "seattle"],
    ["compare"],
    ["compare", "--city", "seattle"],
    ["compare", "mlops", "ds"],
    ["match", "--have", "python"],
    ["skills"],
    ["path", "mle"],
    ["learn"],
    ["outlook"],
    ["faq"],
    ["sources"],
]


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "markdown"])
@pytest.mark.parametrize(
    "command",
    [
        ["rank"],
        ["show", "mlops"],
        ["compare", "--city", "seattle"],
        ["compare", "mlops", "ds"],
        ["match", "--have", "python"],
    ],
)
def test_hostile_text_is_printed_literally(
    tmp_path: Path, raw: dict[str, Any], command: list[str], fmt: str
) -> None:
    path = _changed(_set("roles.0.title", HOSTILE_TEXT))(tmp_path, raw)
    result = run("--catalogue", str(path), *command, "-f", fmt, "--wide")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    if fmt == "json":
        text = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    elif fmt == "ndjson":
        text = " ".join(json.dumps(json.loads(line)) for line in result.stdout.splitlines())
    else:
        text = result.stdout
    if fmt == "markdown":
        assert "\\[bold\\]x\\[/\\] \\[/\\] &lt;b&gt;&amp;amp;&lt;/b&gt; after" in text
    else:
        assert "[bold]x[/] [/] <b>&amp;</b> after" in text
    assert "\u200b" not in result.stdout


def _poisoned(data: object) -> object:
    """Every string and every key of a catalogue with escape sequences, BEL, C1 and bidi."""
    poison = "\x1b]0;PWNED\x07\x1b[2J\x1b[1;31m\x9b2J\u202e\u2066"
    if isinstance(data, str):
        return data + poison
    if isinstance(data, dict):
        return {key + poison: _poisoned(value) for key, value in data.items()} | {
            key: _poisoned(value) for key, value in data.items()
        }
    if isinstance(data, list):
        return [_poisoned(item) for item in data]
    return data


DANGEROUS = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


@pytest.mark.parametrize("command", [*DATA_COMMANDS, ["validate"]])
def test_escapes_in_every_field_and_key_reach_neither_stream(
    tmp_path: Path, raw: dict[str, Any], command: list[str]
) -> None:
    path = tmp_path / "poisoned\x1b[2J.json"
    path.write_text(json.dumps(_poisoned(raw)), encoding="utf-8")
    if command == ["validate"]:
        result = run("validate", str(path))
    else:
        result = run("--catalogue", str(path), *command)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "is not a valid catalogue" in result.stderr
    for character in DANGEROUS:
        assert character not in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_json_schema_that_the_packaged_catalogue_meets(raw: dict[str, Any]) -> None:
    import jsonschema

    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(raw, schema)
    broken = copy.deepcopy(raw)
    broken["roles"][0]["salary"]["low"] = "a lot"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


ENVIRONMENTS: dict[str, dict[str, str]] = {
    "no colour": {"NO_COLOR": "1", "TERM": "xterm-256color"},
    "forced colour": {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
    "dumb terminal": {"TERM": "dumb"},
    "40 columns": {"COLUMNS": "40"},
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "C locale": {"LANG": "C", "LC_ALL": "C"},
    "no TERM at all": {"TERM": ""},
}


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize(
    "command", [["rank"], ["show", "nlp"], ["compare"], ["compare", "nlp", "mle"]]
)
@pytest.mark.parametrize("environment", list(ENVIRONMENTS))
def test_odd_environments(command: list[str], fmt: str, environment: str) -> None:
    env = ENVIRONMENTS[environment]
    result = run(*command, "-f", fmt, **env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    if env.get("PYTHONIOENCODING") == "ascii":
        assert out.isascii()
    if fmt != "table" or "FORCE_COLOR" not in env:
        assert "\x1b" not in out
    if fmt == "json":
        assert json.loads(out)
    if env.get("COLUMNS") == "40" and fmt == "table":
        assert max(len(line) for line in out.splitlines()) <= 40
    for figure in ("$115,000", "115000", "$90,495", "90495", "$172,000", "172000"):
        if figure in out:
            break
    else:
        pytest.fail("no known figure in the output")
