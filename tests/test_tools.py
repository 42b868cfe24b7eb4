"""The commands as tools, without the protocol: each tool's arguments are its command's
options, its answer is the command's --json byte for byte, and its errors are the command's.
Also: the commands that are not `mcp` never import the MCP package nor the tools."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app
from mlcareers.ranking import RankOption
from mlcareers.tools import SPECS, Tool, ToolError, tools
from mlcareers.views.places import WhereBy

from .fixtures_official import full_rows, store_from, write_history, write_xlsx

TOOLS = {tool.name: tool for tool in tools()}

GOOD: list[tuple[str, dict[str, Any], list[str]]] = [
    ("rank", {}, ["rank"]),
    ("rank", {"by": "hourly", "limit": 3}, ["rank", "--by", "hourly", "--limit", "3"]),
    ("rank", {"skill": ["azure", "python"]}, ["rank", "--skill", "azure,python"]),
    ("rank", {"skill": "pytorch"}, ["rank", "--skill", "pytorch"]),
    ("rank", {"fields": ["slug", "salary.median"]}, ["rank", "--fields", "slug,salary.median"]),
    ("show", {"role": "mlops"}, ["show", "mlops"]),
    ("show", {"role": "ds", "city": ["seattle"]}, ["show", "ds", "--city", "seattle"]),
    ("compare", {}, ["compare"]),
    ("compare", {"roles": ["mlops", "ds", "cv"]}, ["compare", "mlops", "ds", "cv"]),
    ("compare", {"city": ["nyc"]}, ["compare", "--city", "nyc"]),
    (
        "match",
        {"have": ["python", "docker, kubernetes"]},
        ["match", "--have", "python", "--have", "docker, kubernetes"],
    ),
    ("path", {}, ["path"]),
    ("path", {"role": "data analyst"}, ["path", "data analyst"]),
    ("skills", {}, ["skills"]),
    ("skills", {"name": "mlops"}, ["skills", "mlops"]),
    ("skills", {"name": "keras"}, ["skills", "keras"]),
    ("skills", {"skill": "python"}, ["skills", "--skill", "python"]),
    ("sources", {}, ["sources"]),
]
"""Calls that need no official store, each beside the command line that answers the same."""

STORED: list[tuple[str, dict[str, Any], list[str]]] = [
    ("where", {"role": "ds"}, ["where", "ds"]),
    (
        "where",
        {"role": "ds", "by": "p90", "kind": "all", "limit": 2},
        ["where", "ds", "--by", "p90", "--kind", "all", "--limit", "2"],
    ),
    ("where", {"role": "ds", "state": "TX"}, ["where", "ds", "--state", "TX"]),
    ("trend", {"role": "ds"}, ["trend", "ds"]),
    ("trend", {"role": "mlops", "city": "seattle"}, ["trend", "mlops", "--city", "seattle"]),
    ("official_areas", {}, ["official", "areas"]),
    ("official_areas", {"term": "austin"}, ["official", "areas", "austin"]),
    ("show", {"role": "ds", "city": ["austin"]}, ["show", "ds", "--city", "austin"]),
    ("compare", {"city": ["texas"]}, ["compare", "--city", "texas"]),
]
"""Calls that answer from an official store, beside the command line."""


@pytest.fixture(scope="module")
def stored_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding every fixture place in May 2024, and May 2023 and May 2020."""
    folder = tmp_path_factory.mktemp("files")
    home = tmp_path_factory.mktemp("stored")
    store_from(home, *write_history(folder), write_xlsx(folder / "MSA_M2024_dl.xlsx", full_rows()))
    return home


def cli_json(runner: CliRunner, words: list[str]) -> str:
    """What `mlcareers WORDS --json` prints, checked to succeed."""
    result = runner.invoke(app, [*words, "--json"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_every_tool_is_listed_once_in_order() -> None:
    assert list(TOOLS) == [spec.name for spec in SPECS]
    assert list(TOOLS) == [
        "rank",
        "show",
        "compare",
        "match",
        "path",
        "skills",
        "sources",
        "where",
        "trend",
        "official_areas",
    ]


@pytest.mark.parametrize("name", list(TOOLS))
def test_a_tools_arguments_are_its_build_functions_parameters(name: str) -> None:
    """The schema is read from the command's options, the call goes to the build function:
    the two must name the same things, or a tool would pass what the function cannot take."""
    tool = TOOLS[name]
    module, function = tool.spec.build.rsplit(".", 1)
    build = getattr(import_module(module), function)
    parameters = list(inspect.signature(build).parameters)
    assert parameters[0] == "run"
    schema = tool.input_schema()
    assert [*parameters[1:], "fields", "limit"] == list(schema["properties"])
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schemas_take_the_commands_enums_defaults_minimums_and_help() -> None:
    rank = TOOLS["rank"].input_schema()["properties"]
    assert rank["by"]["enum"] == [member.value for member in RankOption]
    assert rank["by"]["default"] == "median"
    assert rank["by"]["description"] == (
        "The pay figure to rank by, or growth (BLS projections, once imported)."
    )
    assert rank["limit"] == {
        "type": "integer",
        "minimum": 1,
        "description": "Show only the top N roles.",
    }
    assert rank["skill"]["type"] == "array"
    where = TOOLS["where"].input_schema()
    assert where["properties"]["by"]["enum"] == [member.value for member in WhereBy]
    assert where["properties"]["kind"]["default"] == "metro"
    assert where["properties"]["min_employment"]["minimum"] == 0
    assert where["required"] == ["role"]
    assert TOOLS["show"].input_schema()["required"] == ["role"]
    assert TOOLS["match"].input_schema()["required"] == ["have"]


def test_schemas_leave_out_the_format_hidden_options_and_files() -> None:
    for tool in TOOLS.values():
        names = set(tool.input_schema()["properties"])
        assert not names & {"fmt", "as_json", "wide", "ctx", "have_file", "role_option"}


def test_schemas_are_valid_json_schema() -> None:
    import jsonschema

    for tool in TOOLS.values():
        jsonschema.Draft202012Validator.check_schema(tool.input_schema())


def test_descriptions_speak_of_arguments_not_flags_nor_examples() -> None:
    for tool in TOOLS.values():
        assert "Examples" not in tool.description
        assert "--" not in tool.description.replace("--json", ""), tool.description
        assert f"mlcareers {tool.name.replace('_', ' ')} --json" in tool.description
    assert "skill keeps the roles" in TOOLS["rank"].description
    assert "on stderr" not in TOOLS["match"].description


@pytest.mark.parametrize(("name", "arguments", "words"), GOOD)
def test_a_tool_answers_what_the_command_prints(
    runner: CliRunner, name: str, arguments: dict[str, Any], words: list[str]
) -> None:
    answer = TOOLS[name].call(arguments)
    printed = cli_json(runner, words)
    assert answer.text + "\n" == printed
    assert answer.data == json.loads(printed)
    assert answer.warnings == ()


@pytest.mark.parametrize(("name", "arguments", "words"), STORED)
def test_a_tool_answers_from_the_store_what_the_command_prints(
    runner: CliRunner,
    stored_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    arguments: dict[str, Any],
    words: list[str],
) -> None:
    monkeypatch.setenv("MLCAREERS_HOME", str(stored_home))
    answer = TOOLS[name].call(arguments)
    assert answer.text + "\n" == cli_json(runner, words)


def test_the_catalogue_named_is_read(
    runner: CliRunner, variant: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(variant(lambda data: data["roles"][0].update(title="Model operator")))
    answer = TOOLS["rank"].call({}, path)
    assert "Model operator" in answer.text
    assert answer.text + "\n" == cli_json(runner, ["--catalogue", path, "rank"])


def test_warnings_come_back_with_the_answer(runner: CliRunner) -> None:
    answer = TOOLS["match"].call({"have": ["python", "kubernetse"]})
    assert answer.warnings == ("unknown skill 'kubernetse', not counted; did you mean Kubernetes?",)
    result = runner.invoke(app, ["match", "--have", "python,kubernetse", "--json"])
    assert result.stdout == answer.text + "\n"
    assert result.stderr == f"mlcareers: warning: {answer.warnings[0]}\n"


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("show", {"role": "mlopz"}, "unknown role 'mlopz'; did you mean mlops-engineer?"),
    ("show", {}, "missing argument 'role'"),
    ("show", {"role": 7}, "invalid value for 'role': 7 is not a string"),
    ("rank", {"by": "foo"}, "invalid value for 'by': 'foo' is not one of 'median', 'low'"),
    ("rank", {"limit": 0}, "invalid value for 'limit': 0 is less than the minimum, 1"),
    ("rank", {"limit": "3"}, "invalid value for 'limit': '3' is not an integer"),
    ("rank", {"limit": True}, "invalid value for 'limit': true is not an integer"),
    ("rank", {"skill": [1]}, "invalid value for 'skill': [1] is not a list of strings"),
    ("rank", {"skill": ["pytorc"]}, "unknown skill 'pytorc'; did you mean PyTorch"),
    ("rank", {"sort": "x"}, "unknown argument 'sort' for rank; it takes: by, skill, fields"),
    ("rank", {"fields": ["nope"]}, "unknown field 'nope' for --fields; valid fields: rank"),
    ("match", {"have": []}, "give the skills you have"),
    ("match", {}, "missing argument 'have'"),
    ("compare", {"city": ["atlantis"]}, "unknown place 'atlantis'"),
    ("path", {"role": "wizard"}, "unknown role or ladder job 'wizard'"),
    ("where", {"role": "ds"}, "no official figures are stored"),
    ("official_areas", {}, "no official figures are stored"),
]


@pytest.mark.parametrize(("name", "arguments", "said"), BAD)
def test_a_bad_call_is_a_tool_error_with_the_commands_message(
    name: str, arguments: dict[str, Any], said: str
) -> None:
    with pytest.raises(ToolError) as caught:
        TOOLS[name].call(arguments)
    assert said in caught.value.message
    assert "\x1b" not in caught.value.message


def test_a_bad_value_is_shown_cleaned_and_cut() -> None:
    with pytest.raises(ToolError) as caught:
        TOOLS["show"].call({"role": "\x1b[31m" + "x" * 100})
    assert "\x1b" not in caught.value.message
    assert len(caught.value.message) < 200


def test_enums_match_in_any_case_as_on_the_command_line(runner: CliRunner) -> None:
    assert TOOLS["rank"].call({"by": "HOURLY"}).text + "\n" == cli_json(
        runner, ["rank", "--by", "HOURLY"]
    )


def test_a_catalogue_that_cannot_be_read_says_its_problems(variant: Any) -> None:
    path = str(variant(lambda data: data["roles"][0]["salary"].update(low=10**9)))
    with pytest.raises(ToolError) as caught:
        TOOLS["rank"].call({}, path)
    assert caught.value.message.count("\n") >= 1


def test_a_tool_is_a_frozen_description() -> None:
    tool = TOOLS["rank"]
    assert isinstance(tool, Tool)
    with pytest.raises(AttributeError):
        tool.description = "x"  # type: ignore[misc]


HEAVY = ("mcp", "mcp_types", "anyio", "starlette", "httpx", "httpx2", "mlcareers.tools")


@pytest.mark.parametrize("words", [["--help"], ["rank", "--json"], ["show", "mlops"]])
def test_other_commands_never_import_the_mcp_package(words: list[str]) -> None:
    """Start-up stays what it was: only `mlcareers mcp` imports the server and its SDK."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mlcareers", *words],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "mlcareers.cli" in imported  # the check sees what is imported
    tops = {name.split(".")[0] for name in imported}
    assert not {name for name in HEAVY if name in imported or name in tops}
    assert "mlcareers.mcp" not in imported


def test_the_mcp_commands_help_names_every_tool() -> None:
    from mlcareers.commands.assistant import MCP_HELP

    listed = MCP_HELP.split("Tools: ", 1)[1].split(", each", 1)[0]
    assert listed.replace(" and\n    ", ", ").split(", ") == list(TOOLS)


def test_the_readme_shows_an_assistants_configuration_and_every_tool() -> None:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it from an AI assistant (MCP)", 1)[1].split("\n## ", 1)[0]
    assert "pip install 'mlcareers[mcp]'" in section
    [config] = re.findall(r"```json\n(.*?)```", section, flags=re.DOTALL)
    assert json.loads(config)["mcpServers"]["mlcareers"] == {
        "command": "mlcareers",
        "args": ["mcp"],
    }
    tools = section.split("The tools: ", 1)[1].split(". Each", 1)[0]
    assert re.findall(r"`(\w+)`", tools) == list(TOOLS)
