"""Turn a Report into table, JSON, CSV or markdown: the only module that touches rich."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TextIO, assert_never

from mlcareers.report import (
    Bar,
    Column,
    Format,
    Report,
    Value,
    money,
    money_range,
    signed_money,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

BAR_WIDTH = 21
UNLIMITED = 10_000
NUMERIC = frozenset({"int", "money", "signed_money", "percent", "factor"})

_UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences: colours, cursor moves, clear-screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC sequences: window titles, hyperlinks
    r"|\x1b[@-_]"  # other two-character escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"  # controls, bidi overrides
)
_TO_ASCII = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "−": "-",
        "━": "=",
        "─": "-",
        "●": "o",
        "•": "*",
        "×": "x",
        "÷": "/",
        "…": "...",
    }
)


class Formatter(Protocol):
    """Writes one report to a stream in one format."""

    def write(self, report: Report, out: TextIO) -> None:
        """Write `report` to `out`."""


def formatter_for(fmt: Format) -> Formatter:
    """The formatter for one format; assert_never proves every format has one."""
    match fmt:
        case Format.table:
            return TableFormatter()
        case Format.json:
            return JsonFormatter()
        case Format.csv:
            return CsvFormatter()
        case Format.markdown:
            return MarkdownFormatter()
        case _:
            assert_never(fmt)


def render(report: Report, fmt: Format, out: TextIO) -> None:
    """Write `report` to `out` in `fmt`."""
    formatter_for(fmt).write(report, out)


class Cleaner:
    """Makes catalogue text safe to print: no escape sequences, and ASCII where the stream is."""

    def __init__(self, out: TextIO) -> None:
        encoding = getattr(out, "encoding", None) or "utf-8"
        self.encoding = encoding
        try:
            "–━●•×÷".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            self.ascii_only = True
        else:
            self.ascii_only = False

    def __call__(self, text: str) -> str:
        text = _UNSAFE.sub("", text)
        if self.ascii_only:
            text = text.translate(_TO_ASCII).encode(self.encoding, "replace").decode(self.encoding)
        return text

    def tree(self, data: object) -> object:
        """Clean every string in a JSON-like tree."""
        if isinstance(data, str):
            return self(data)
        if isinstance(data, dict):
            return {self(str(key)): self.tree(value) for key, value in data.items()}
        if isinstance(data, list):
            return [self.tree(item) for item in data]
        return data


_HUMAN: dict[str, Callable[[Any], str]] = {
    "money": money,
    "signed_money": signed_money,
    "money_range": lambda pair: money_range(*pair),
    "percent": lambda share: f"{share:.0%}",
    "factor": lambda factor: f"×{factor:.3f}",
}


def _human_text(column: Column, value: Value, separator: str) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple) and column.kind != "money_range":
        return separator.join(str(item) for item in value)
    formatter = _HUMAN.get(column.kind, str)
    return formatter(value)


def _machine_value(value: Value) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, tuple):
        return "; ".join(str(item) for item in value)
    return value


class JsonFormatter:
    """Pretty-printed JSON of the report's data; ASCII-escaped where the stream is not UTF-8."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        out.write(json.dumps(clean.tree(report.data), ensure_ascii=clean.ascii_only, indent=2))
        out.write("\n")


class CsvFormatter:
    """One header row of column keys, then one row per result, raw numbers unformatted."""

    def write(self, report: Report, out: TextIO) -> None:
        import csv  # noqa: PLC0415 -- start-up time: only this format needs it

        clean = Cleaner(out)
        columns = report.columns_for(Format.csv)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(column.key for column in columns)
        for row in report.rows:
            values = (_machine_value(row.get(column.key)) for column in columns)
            writer.writerow(clean(value) if isinstance(value, str) else value for value in values)


class MarkdownFormatter:
    """A GitHub table, with the title as a heading and the notes under it."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        columns = report.columns_for(Format.markdown)

        def cell(text: str) -> str:
            return clean(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

        if report.title:
            out.write(f"## {cell(report.title)}\n\n")
        out.write("| " + " | ".join(cell(column.header) for column in columns) + " |\n")
        rule = ("---:" if column.kind in NUMERIC else "---" for column in columns)
        out.write("| " + " | ".join(rule) + " |\n")
        for row in report.rows:
            texts = (cell(_human_text(column, row.get(column.key), "<br>")) for column in columns)
            out.write("| " + " | ".join(texts) + " |\n")
        if report.notes:
            out.write("\n" + "".join(f"- {cell(note)}\n" for note in report.notes))


class TableFormatter:
    """A rich table: colour and a range bar on a terminal, plain and never cut short in a pipe."""

    def write(self, report: Report, out: TextIO) -> None:
        from rich.console import Console  # noqa: PLC0415 -- rich costs start-up time; tables only

        clean = Cleaner(out)
        console = Console(
            file=out, highlight=False, markup=False, emoji=False, soft_wrap=False, safe_box=True
        )
        bounded = console.is_terminal or "COLUMNS" in os.environ
        unlimited = console.options.update_width(UNLIMITED)
        columns = report.columns_for(Format.table)
        table: RenderableType
        shown: tuple[Column, ...]
        if report.group_by is not None:
            table, shown = self._tree(report, report.group_by, clean), ()
        elif bounded:
            table, shown = self._fitting(report, columns, clean, console)
        else:
            table, shown = self._table(report, columns, clean, padding=1), columns
        if not bounded:
            console.width = max(console.measure(table, options=unlimited).maximum, 20)
        drawn = any(column.kind == "bar" for column in shown)
        notes = (*report.table_notes, *report.notes) if drawn else report.notes
        with console.capture() as captured:
            console.print(table)
            for note in notes:
                console.print(_text(clean(note), "dim"), soft_wrap=not bounded)
        text = captured.get()
        if not console.is_terminal:
            text = "\n".join(line.rstrip() for line in text.split("\n"))
        out.write(text)

    def _fitting(
        self, report: Report, columns: tuple[Column, ...], clean: Cleaner, console: Console
    ) -> tuple[RenderableType, tuple[Column, ...]]:
        """The widest layout that fits: drop the bar, then the padding, then one record a row."""
        plain = tuple(column for column in columns if column.kind != "bar")
        for shown, padding in ((columns, 1), (plain, 1), (plain, 0)):
            table = self._table(report, shown, clean, padding)
            if _share_width(table, console):
                return table, shown
        return self._records(report, plain, clean), plain

    @staticmethod
    def _tree(report: Report, group: str, clean: Cleaner) -> RenderableType:
        """One branch per value of the `group` column, one leaf per row."""
        from rich.tree import Tree  # noqa: PLC0415

        tree = Tree(_text(clean(report.title or ""), "bold"), guide_style="dim")
        others = tuple(
            column
            for column in report.columns_for(Format.table)
            if column.key != group and column.kind != "bar"
        )
        branches: dict[str, Tree] = {}
        for row in report.rows:
            name = clean(str(row.get(group) or ""))
            if name not in branches:
                branches[name] = tree.add(_text(name, "bold"))
            parts = (clean(_human_text(column, row.get(column.key), "; ")) for column in others)
            branches[name].add(_text(" — ".join(part for part in parts if part)))
        return tree

    @staticmethod
    def _records(report: Report, columns: tuple[Column, ...], clean: Cleaner) -> RenderableType:
        """Each row as label-value lines: what a table too wide for the screen becomes."""
        from rich.console import Group  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415

        parts: list[RenderableType] = []
        if report.title:
            parts.append(_text(clean(report.title), "bold"))
        for row in report.rows:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column(overflow="fold")
            for column in columns:
                grid.add_row(_text(clean(column.header)), _cell(column, row.get(column.key), clean))
            parts.extend((_text(""), grid))
        parts.append(_text(""))
        return Group(*parts)

    @staticmethod
    def _table(report: Report, columns: tuple[Column, ...], clean: Cleaner, padding: int) -> Table:
        from rich import box  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415

        table = Table(
            title=clean(report.title) if report.title else None,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            padding=(0, padding),
            header_style="bold",
        )
        for column in columns:
            numeric = column.kind in NUMERIC
            table.add_column(
                clean(column.header),
                justify="right" if numeric else "left",
                no_wrap=numeric or column.kind == "bar",
                overflow="fold",
                style="green" if column.kind in {"money", "money_range"} else None,
            )
        for row in report.rows:
            table.add_row(*(_cell(column, row.get(column.key), clean) for column in columns))
        return table


def _share_width(table: Table, console: Console) -> bool:
    """Fix column widths so that no word is split: each column gets its longest word, and the
    room left is shared by how much wider each would like to be. False if even that is too wide.

    rich itself shrinks the widest columns first, down to a common width, and then splits words.
    """
    from rich.measure import Measurement  # noqa: PLC0415

    spans = []
    for column in table.columns:
        sizes = [
            Measurement.get(console, console.options, cell)
            for cell in (column.header, *column.cells)
        ]
        spans.append((max(size.minimum for size in sizes), max(size.maximum for size in sizes)))
    natural = console.measure(table, options=console.options.update_width(UNLIMITED)).maximum
    overhead = natural - sum(high for _, high in spans)
    room = console.width - overhead - sum(low for low, _ in spans)
    wants = [high - low for low, high in spans]
    if room < 0:
        return False
    if sum(wants) > room:
        for column, (low, _), want in zip(table.columns, spans, wants, strict=True):
            column.width = low + room * want // sum(wants)
    return True


def _cell(column: Column, value: Value, clean: Cleaner) -> Text:
    if isinstance(value, Bar):
        return _bar(value, ascii_only=clean.ascii_only)
    bullet = "* " if clean.ascii_only else "• "
    if isinstance(value, tuple) and column.kind == "list":
        return _text("\n".join(bullet + clean(str(item)) for item in value))
    return _text(clean(_human_text(column, value, "; ")))


def _text(text: str, style: str = "") -> Text:
    from rich.text import Text  # noqa: PLC0415

    return Text(text, style=style)


def _bar(bar: Bar, *, ascii_only: bool) -> Text:
    """Draw low to high as a line and the median as a dot, placed on the bar's shared scale."""
    from rich.text import Text  # noqa: PLC0415

    span = max(bar.scale_high - bar.scale_low, 1)

    def position(amount: int) -> int:
        return round((amount - bar.scale_low) / span * (BAR_WIDTH - 1))

    start, end = position(bar.low), position(bar.high)
    middle = position(bar.median) if bar.median is not None else None
    line, dot = ("=", "o") if ascii_only else ("━", "●")
    text = Text(" " * start)
    for place in range(start, end + 1):
        text.append(dot if place == middle else line, style="bold" if place == middle else "cyan")
    text.append(" " * (BAR_WIDTH - end - 1))
    return text
