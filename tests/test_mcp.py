"""`mlcareers mcp`, the MCP server, driven by the SDK's own clients: in memory, and as a real
subprocess over stdio. Every tool is listed and called, with good arguments (the answer is
the command's --json) and bad ones (a tool error with the command's message, and the server
goes on); stdout carries nothing but JSON-RPC; closing stdin ends the server with status 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.cli import app

from .test_tools import BAD, GOOD, STORED, cli_json

pytest.importorskip("mcp", reason="the mcp package is not installed: pip install -e '.[test]'")

# Imported after the skip above: only where the mcp package (which brings anyio) is installed.
import anyio
from mcp import Client, StdioServerParameters, stdio_client
from mcp.types import CallToolResult, TextContent

from mlcareers.mcp import RECORDS_KEY, server

TOOL_NAMES = [
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


def in_memory(
    body: Callable[[Client], Awaitable[None]], *, catalogue: str | None = None, mode: str = "auto"
) -> None:
    """Run `body` with a client connected in memory to a new server."""

    async def main() -> None:
        async with Client(server(catalogue), mode=mode) as client:
            await body(client)

    anyio.run(main)


def text_of(result: CallToolResult) -> list[str]:
    return [block.text for block in result.content if isinstance(block, TextContent)]


def test_the_tools_are_listed_with_their_schemas() -> None:
    listed: list[Any] = []

    async def body(client: Client) -> None:
        listed.extend((await client.list_tools()).tools)

    in_memory(body)
    assert [tool.name for tool in listed] == TOOL_NAMES
    rank = listed[0]
    assert rank.input_schema["properties"]["by"]["enum"] == [
        "median",
        "low",
        "high",
        "hourly",
        "growth",
    ]
    assert rank.annotations.read_only_hint is True
    assert rank.annotations.destructive_hint is False
    assert all(tool.description and tool.title for tool in listed)


@pytest.mark.parametrize("mode", ["auto", "legacy"])
def test_every_tool_answers_the_commands_json(runner: CliRunner, mode: str) -> None:
    """One session calls every tool; the answer is the command's JSON, as structured content
    and as text. Before protocol 2026-07-28 (legacy) structured content must be an object, so
    a list sits under "records" there."""
    results: list[CallToolResult] = []

    async def body(client: Client) -> None:
        for name, arguments, _ in GOOD:
            results.append(await client.call_tool(name, arguments))

    in_memory(body, mode=mode)
    for (name, _, words), result in zip(GOOD, results, strict=True):
        printed = cli_json(runner, words)
        assert not result.is_error, (name, text_of(result))
        assert text_of(result) == [printed.rstrip("\n")]
        data = json.loads(printed)
        if mode == "legacy" and isinstance(data, list):
            assert result.structured_content == {RECORDS_KEY: data}
        else:
            assert result.structured_content == data


def test_tools_answer_from_the_store_and_the_catalogue_named(
    runner: CliRunner, stored_home: Path, monkeypatch: pytest.MonkeyPatch, variant: Any
) -> None:
    monkeypatch.setenv("MLCAREERS_HOME", str(stored_home))
    catalogue = str(variant(lambda data: data["roles"][0].update(title="Model operator")))
    calls = [*STORED, ("rank", {}, ["rank"])]
    results: list[CallToolResult] = []

    async def body(client: Client) -> None:
        for name, arguments, _ in calls:
            results.append(await client.call_tool(name, arguments))

    in_memory(body, catalogue=catalogue)
    for (_, _, words), result in zip(calls, results, strict=True):
        printed = cli_json(runner, ["--catalogue", catalogue, *words])
        assert result.structured_content == json.loads(printed)
    assert "Model operator" in text_of(results[-1])[0]


def test_bad_calls_are_tool_errors_and_the_server_goes_on() -> None:
    results: list[CallToolResult] = []

    async def body(client: Client) -> None:
        for name, arguments, _ in BAD:
            results.append(await client.call_tool(name, arguments))
        results.append(await client.call_tool("ranks", {}))
        results.append(await client.call_tool("rank", {"limit": 1}))

    in_memory(body)
    for (_, _, said), result in zip(BAD, results[: len(BAD)], strict=True):
        assert result.is_error
        assert result.structured_content is None
        [message] = text_of(result)
        assert said in message
    assert results[-2].is_error
    assert text_of(results[-2]) == [
        "unknown tool 'ranks'; did you mean rank? The tools: " + ", ".join(TOOL_NAMES) + "."
    ]
    assert not results[-1].is_error
    assert len(results[-1].structured_content) == 1


def test_warnings_follow_the_answer_as_text() -> None:
    results: list[CallToolResult] = []

    async def body(client: Client) -> None:
        results.append(await client.call_tool("match", {"have": ["python", "kubernetse"]}))

    in_memory(body)
    answer, warning = text_of(results[0])
    assert json.loads(answer) == results[0].structured_content
    assert warning == "warning: unknown skill 'kubernetse', not counted; did you mean Kubernetes?"


def test_a_bug_is_one_line_the_server_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mlcareers.commands.pay

    def broken(*_: object, **__: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(mlcareers.commands.pay, "build_rank", broken)
    monkeypatch.setenv("MLCAREERS_DEBUG", "1")
    results: list[CallToolResult] = []

    async def body(client: Client) -> None:
        results.append(await client.call_tool("rank", {}))
        results.append(await client.call_tool("show", {"role": "ds"}))

    in_memory(body)
    [message] = text_of(results[0])
    assert results[0].is_error
    assert message.startswith("internal error (KeyError) in rank. This is a bug in mlcareers")
    assert "\n" not in message
    assert not results[1].is_error
    said = capsys.readouterr()
    assert "Traceback" in said.err
    assert said.out == ""


def test_without_the_mcp_package_it_says_how_to_install_it(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *rest: None if name == "mcp" else real(name)
    )
    result = runner.invoke(app, ["mcp"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "mlcareers: error: the MCP server needs the mcp package: pip install 'mlcareers[mcp]'\n"
    )


def test_a_catalogue_that_cannot_be_read_stops_it_before_serving(
    runner: CliRunner, variant: Any
) -> None:
    path = str(variant(lambda data: data["roles"][0]["salary"].update(low=10**9)))
    result = runner.invoke(app, ["mcp", "--catalogue", path])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("mlcareers: error:")


def _environment(home: Path, catalogue: str) -> dict[str, str]:
    return {
        "MLCAREERS_HOME": str(home),
        "MLCAREERS_CATALOGUE": catalogue,
        "PYTHONPATH": os.pathsep.join(sys.path),
    }


def test_a_stdio_session_with_the_sdks_client(
    runner: CliRunner,
    stored_home: Path,
    variant: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The real thing, once: `python -m mlcareers mcp` as a subprocess, the catalogue and the
    store from the environment as the command line reads them, every tool called in one
    session, good and bad."""
    catalogue = str(variant(lambda data: data["roles"][0].update(title="Model operator")))
    parameters = StdioServerParameters(
        command=sys.executable,
        args=["-m", "mlcareers", "mcp"],
        env=_environment(stored_home, catalogue),
    )
    calls = [*GOOD, *STORED]
    listed: list[str] = []
    results: list[CallToolResult] = []
    errors: list[CallToolResult] = []

    async def main() -> None:
        with (tmp_path / "stderr.txt").open("w", encoding="utf-8") as errlog:
            async with Client(stdio_client(parameters, errlog=errlog)) as client:
                listed.extend(tool.name for tool in (await client.list_tools()).tools)
                for name, arguments, _ in calls:
                    results.append(await client.call_tool(name, arguments))
                errors.append(await client.call_tool("show", {"role": "mlopz"}))
                errors.append(await client.call_tool("rank", {"by": "salary"}))

    anyio.run(main)
    assert listed == TOOL_NAMES
    monkeypatch.setenv("MLCAREERS_HOME", str(stored_home))
    for (name, _, words), result in zip(calls, results, strict=True):
        printed = cli_json(runner, ["--catalogue", catalogue, *words])
        assert not result.is_error, (name, text_of(result))
        assert result.structured_content == json.loads(printed)
        assert text_of(result)[0] + "\n" == printed
    assert [e.is_error for e in errors] == [True, True]
    assert "did you mean mlops-engineer?" in text_of(errors[0])[0]
    assert "is not one of 'median', 'low', 'high', 'hourly'" in text_of(errors[1])[0]
    assert (tmp_path / "stderr.txt").read_text(encoding="utf-8") == ""


def test_stdout_is_only_json_rpc_and_closing_stdin_ends_it(tmp_path: Path) -> None:
    """By hand, as a client that speaks the 2025-11-25 handshake: every line on stdout is one
    JSON-RPC message answering a request; a warning and an error stay inside the answers."""
    requests: list[dict[str, Any]] = [
        {
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "test", "version": "0"},
            },
        },
        {"method": "notifications/initialized"},
        {"method": "tools/list"},
        {"method": "tools/call", "params": {"name": "match", "arguments": {"have": ["pythn"]}}},
        {"method": "tools/call", "params": {"name": "show", "arguments": {"role": "nobody"}}},
        {"method": "tools/call", "params": {"name": "rank", "arguments": {"limit": 2}}},
    ]
    answers = []
    with subprocess.Popen(
        [sys.executable, "-m", "mlcareers", "mcp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "MLCAREERS_HOME": str(tmp_path)},
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        try:
            for number, request in enumerate(requests):
                message = {"jsonrpc": "2.0", **request}
                if not request["method"].startswith("notifications/"):
                    message["id"] = number
                process.stdin.write(json.dumps(message).encode() + b"\n")
                process.stdin.flush()
                if "id" in message:
                    answers.append(json.loads(process.stdout.readline()))
            process.stdin.close()
            started = time.monotonic()
            status = process.wait(timeout=10)
            waited = time.monotonic() - started
        finally:
            process.kill()
        rest = process.stdout.read()
        stderr = process.stderr.read()
    assert status == 0
    assert waited < 5
    assert rest == b""
    assert stderr == b""
    assert [answer["id"] for answer in answers] == [0, 2, 3, 4, 5]
    assert all(answer["jsonrpc"] == "2.0" and "result" in answer for answer in answers)
    matched, unknown, ranked = (answer["result"] for answer in answers[2:])
    assert not matched["isError"]
    assert matched["content"][1]["text"].startswith("warning: unknown skill 'pythn'")
    assert unknown["isError"]
    assert unknown["content"][0]["text"].startswith("unknown role 'nobody'")
    assert ranked["structuredContent"] == {RECORDS_KEY: json.loads(ranked["content"][0]["text"])}


@pytest.fixture(scope="module")
def stored_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .fixtures_official import full_rows, store_from, write_history, write_xlsx

    folder = tmp_path_factory.mktemp("files")
    home = tmp_path_factory.mktemp("stored")
    store_from(home, *write_history(folder), write_xlsx(folder / "MSA_M2024_dl.xlsx", full_rows()))
    return home
