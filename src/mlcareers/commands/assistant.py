"""The command that serves the explorer to AI assistants: `mlcareers mcp`, the MCP server."""

import typer

from mlcareers.commands.common import run_of
from mlcareers.errors import MlcareersError

app = typer.Typer()

INSTALL = "pip install 'mlcareers[mcp]'"

MCP_HELP = f"""Serve the explorer to AI assistants over MCP (stdio): its commands as tools.

    Tools: rank, show, compare, match, path, skills, sources, where, trend and
    official_areas, each taking the command's options as arguments and answering with the
    JSON the command prints (--json); an unknown role or a bad argument is a tool error with
    the command's message. Reads requests on stdin and writes only protocol messages on
    stdout; logs go to stderr. Closing stdin ends it. The catalogue is the one --catalogue
    or MLCAREERS_CATALOGUE names, for every call; the official store is MLCAREERS_HOME's.
    Needs the optional MCP package: {INSTALL}.

    An assistant's configuration: {{"command": "mlcareers", "args": ["mcp"]}}

    \b
    Examples:
      mlcareers mcp
      mlcareers mcp --catalogue my-roles.json
    """


class McpMissingError(MlcareersError):
    """The optional `mcp` package is not installed (exit 1)."""


@app.command("mcp", help=MCP_HELP)
def mcp(ctx: typer.Context) -> None:
    import gc
    from importlib.util import find_spec

    if find_spec("mcp") is None:
        raise McpMissingError(f"the MCP server needs the mcp package: {INSTALL}")
    run = run_of(ctx)
    run.catalogue()  # a catalogue that cannot be read is said now, once, not at every call
    try:
        from mlcareers.mcp import serve
    except ImportError as error:  # installed, but broken or too old
        raise McpMissingError(f"the MCP server cannot start ({error}): {INSTALL}") from None
    gc.enable()  # the console script turns it off for short runs; a server runs for long
    serve(run.catalogue_path)
