"""The output options, declared once, and `emit`, which prints a report as they ask.

Every data command takes `--format/-f` and `--json`; a command that prints records also takes
`--fields`, `--limit` and `--wide`. A command declares none of them: `@output_options()` adds
them to its signature (typer reads that) and hands the command one `Output` value, built and
checked in one place, which it passes to `emit` with its report.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer

from mlcareers.report import Format

if TYPE_CHECKING:
    from mlcareers.report import Report

Command = TypeVar("Command", bound=Callable[..., None])

FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table (default), json, ndjson, csv or markdown.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
FieldsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--fields",
        metavar="FIELD[,FIELD...]",
        help=(
            "Only these fields, in this order, in every format; a dotted name picks a nested "
            "value (salary.median). Repeatable."
        ),
        show_default=False,
    ),
]
LIMIT_HELP = "Print at most N records."
WideFlag = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="Tables: every column, as wide as it needs, whatever the terminal's width.",
    ),
]


class Output(NamedTuple):
    """How a command's report is printed: the format, and which records and fields."""

    format: Format = Format.table
    fields: tuple[str, ...] = ()
    limit: int | None = None
    wide: bool = False


def output_options(
    *, records: bool = True, limit_help: str = LIMIT_HELP
) -> Callable[[Command], Command]:
    """Give a command the output options in place of its `output: Output` parameter: --format
    and --json, and with `records` also --fields, --limit (helped by `limit_help`) and --wide."""

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        options = _parameters(records, limit_help)
        kept = [p for name, p in signature.parameters.items() if name != "output"]

        @functools.wraps(command)
        def run(**given: Any) -> None:
            chosen = {name: given.pop(name) for name in options}
            command(**given, output=_output(**chosen))

        # typer reads the signature and the annotations: both must show the options, not
        # `output`, and inspect must not follow __wrapped__ back to the command's own.
        parameters = [*kept, *options.values()]
        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
        del run.__wrapped__
        return run  # type: ignore[return-value]

    return decorate


def _parameters(records: bool, limit_help: str) -> dict[str, inspect.Parameter]:
    keyword = inspect.Parameter.KEYWORD_ONLY
    limit = Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, metavar="N", help=limit_help),
    ]
    found = {
        "fmt": inspect.Parameter("fmt", keyword, default=None, annotation=FormatOption),
        "as_json": inspect.Parameter("as_json", keyword, default=False, annotation=JsonFlag),
    }
    if records:
        found["fields"] = inspect.Parameter(
            "fields", keyword, default=None, annotation=FieldsOption
        )
        found["limit"] = inspect.Parameter("limit", keyword, default=None, annotation=limit)
        found["wide"] = inspect.Parameter("wide", keyword, default=False, annotation=WideFlag)
    return found


def _output(
    fmt: Format | None,
    as_json: bool,
    fields: list[str] | None = None,
    limit: int | None = None,
    wide: bool = False,
) -> Output:
    if as_json and fmt not in (None, Format.json):
        raise typer.BadParameter(f"--json contradicts --format {fmt}; give one of them")
    names = tuple(name for text in fields or () for name in text.split(","))
    return Output(Format.json if as_json else fmt or Format.table, names, limit, wide)


def emit(report: Report, output: Output) -> None:
    """Print a report to stdout as `output` asks: its first `limit` records, only the
    `fields` named, every table column with `wide`."""
    from mlcareers.render import render

    render(shape(report, output.limit, output.fields), output.format, sys.stdout, output.wide)


def shape(report: Report, limit: int | None, fields: Sequence[str] = ()) -> Report:
    """A report's first `limit` records, with only the `fields` named: what --limit and
    --fields print, and what the MCP server answers with the same arguments."""
    report = report.head(limit)
    return report.pick(list(fields)) if fields else report
