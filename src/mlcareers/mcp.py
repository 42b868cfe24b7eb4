"""The MCP server: the explorer's tools (mlcareers.tools) served over stdio to AI assistants.

Imported only by `mlcareers mcp`, and only where the optional `mcp` package is installed
(`pip install 'mlcareers[mcp]'`): nothing else imports it, so the other commands start as
fast as before. Built on the SDK's low-level server, which takes each tool's JSON Schema as
given and returns results as built here: the command's JSON as structured content and as
text, its warnings as further text, and its errors as tool errors (isError) with the
command line's message. Nothing but protocol messages reaches stdout: the SDK's stdio
transport points file descriptor 1 at stderr while it serves, and logs go to stderr.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from difflib import get_close_matches
from typing import Any

import anyio
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp_types.version import MODERN_PROTOCOL_VERSIONS

from mlcareers import __version__
from mlcareers.clean import clean
from mlcareers.tools import Tool, ToolError, tools

DEBUG_VARIABLE = "MLCAREERS_DEBUG"

INSTRUCTIONS = (
    "mlcareers explores machine-learning careers offline: which roles pay most (rank), one "
    "role in full (show), pay by city or roles side by side (compare), how a person's skills "
    "fit every role and what to learn next (match), the career ladder (path), the skills the "
    "roles ask for (skills) and where every figure comes from (sources). Its figures come from "
    "one public 2026 salary guide (Upwork); where the user has imported them, the official US "
    "wage survey (BLS OEWS) adds where a role pays most (where), its pay over the years "
    "(trend) and the places stored (official_areas). Name roles by slug, alias or title "
    "(mlops, ds, 'computer vision engineer'); an unknown name gets a did-you-mean. Every "
    "answer is the command's JSON; a figure the tool works out itself is marked derived."
)

RECORDS_KEY = "records"
"""Where a list answer sits in the structured content on protocol versions before
2026-07-28, which allow only an object there (the text is the list as the command prints
it)."""

logger = logging.getLogger("mlcareers.mcp")


def server(catalogue: str | None = None) -> Server[Any]:
    """The server of every tool, answering from the catalogue file `catalogue` (None: the
    packaged one) and the official store MLCAREERS_HOME names, as the command line does."""
    by_name = {tool.name: tool for tool in tools()}
    listed = [_listed(tool) for tool in by_name.values()]

    async def list_tools(
        ctx: Any, params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=listed)

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        tool = by_name.get(params.name)
        if tool is None:
            close = get_close_matches(params.name, list(by_name), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            return _error(
                f"unknown tool {clean(params.name)!r}{hint} The tools: {', '.join(by_name)}."
            )
        modern = getattr(ctx, "protocol_version", None) in MODERN_PROTOCOL_VERSIONS
        return call(tool, params.arguments, catalogue, modern=modern)

    return Server(
        "mlcareers",
        version=__version__,
        title="mlcareers: ML career explorer",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


def call(
    tool: Tool, arguments: dict[str, Any] | None, catalogue: str | None, *, modern: bool
) -> types.CallToolResult:
    """One call of `tool`: its answer, or a tool error that says why; never an exception.
    `modern`: the protocol allows any JSON value as structured content, not only objects."""
    try:
        answer = tool.call(arguments, catalogue)
    except ToolError as error:
        return _error(error.message)
    except Exception as error:  # a bug: said in one line, the server goes on serving
        if os.environ.get(DEBUG_VARIABLE):
            traceback.print_exc(file=sys.stderr)
        logger.error("%s failed: %s", tool.name, type(error).__name__)
        return _error(
            f"internal error ({type(error).__name__}) in {tool.name}. This is a bug in "
            f"mlcareers {__version__}: please report it with the tool's arguments (set "
            f"{DEBUG_VARIABLE}=1 for the server to log the traceback on stderr)."
        )
    data = answer.data
    structured = data if modern or isinstance(data, dict) else {RECORDS_KEY: data}
    content = [types.TextContent(type="text", text=answer.text)]
    content += [
        types.TextContent(type="text", text=f"warning: {warning}") for warning in answer.warnings
    ]
    return types.CallToolResult(content=content, structured_content=structured)


def serve(catalogue: str | None = None) -> None:
    """Serve every tool over stdin and stdout until stdin closes."""
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if os.environ.get(DEBUG_VARIABLE) else logging.WARNING,
        format="mlcareers mcp: %(levelname)s: %(name)s: %(message)s",
    )
    app = server(catalogue)

    async def run() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await app.run(read_stream, write_stream, app.create_initialization_options())

    anyio.run(run)


def _listed(tool: Tool) -> types.Tool:
    return types.Tool(
        name=tool.name,
        title=tool.spec.title,
        description=tool.description,
        input_schema=tool.input_schema(),
        annotations=types.ToolAnnotations(
            title=tool.spec.title,
            read_only_hint=True,
            destructive_hint=False,
            idempotent_hint=True,
            open_world_hint=False,
        ),
    )


def _error(message: str) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=message)], is_error=True
    )
