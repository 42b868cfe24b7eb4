"""Turn a Report into table, JSON, ndjson, CSV or markdown: one formatter per format.

Machine formats (json, ndjson, csv) are drawn from the report's records, human ones (table,
markdown) from its columns and rows; every string passes `mlcareers.clean` on the way out.
This is the only package that imports rich, and only the table format does, when it draws.

The rooms: `as_json`, `as_csv`, `as_markdown` and `as_table` hold one formatter each;
`layout` is the table engine (widths, column importance, condensing, wrapping), and
`rich_drawing` and `line_drawing` draw a laid-out table (rich for small tables in colour,
line by line for the rest); `human` turns values into the words a person reads, `records`
flattens the machine records, and `cleaning` makes outside text safe for a stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TextIO, assert_never

from mlcareers.report import Format

if TYPE_CHECKING:
    from mlcareers.report import Report


class Formatter(Protocol):
    """Writes one report to a stream in one format."""

    def write(self, report: Report, out: TextIO) -> None:
        """Write `report` to `out`."""


def formatter_for(fmt: Format, *, wide: bool = False) -> Formatter:
    """The formatter for one format, its module imported only when asked for; assert_never
    proves every format has one."""
    match fmt:
        case Format.table:
            from mlcareers.render.as_table import TableFormatter  # noqa: PLC0415

            return TableFormatter(wide=wide)
        case Format.json:
            from mlcareers.render.as_json import JsonFormatter  # noqa: PLC0415

            return JsonFormatter()
        case Format.ndjson:
            from mlcareers.render.as_json import NdjsonFormatter  # noqa: PLC0415

            return NdjsonFormatter()
        case Format.csv:
            from mlcareers.render.as_csv import CsvFormatter  # noqa: PLC0415

            return CsvFormatter()
        case Format.markdown:
            from mlcareers.render.as_markdown import MarkdownFormatter  # noqa: PLC0415

            return MarkdownFormatter()
        case _:
            assert_never(fmt)


def render(report: Report, fmt: Format, out: TextIO, wide: bool = False) -> None:
    """Write `report` to `out` in `fmt`; `wide` lets a table be as wide as its columns."""
    formatter_for(fmt, wide=wide).write(report, out)
