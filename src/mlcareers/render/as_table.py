"""The table format: colour and a range bar on a terminal, plain in a pipe, fitted to its
width (see layout) and drawn by rich or line by line (see rich_drawing and line_drawing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from mlcareers.render.cleaning import Cleaner
from mlcareers.render.human import human_view
from mlcareers.render.layout import (
    MIN_WIDTH,
    UNLIMITED,
    Layout,
    cell_units,
    column_name,
    fit,
    measures,
    overhead,
    records_fit,
    table_width,
)
from mlcareers.render.line_drawing import Drawer, write_records
from mlcareers.render.rich_drawing import rich_records, rich_table, rich_tree, styled_text
from mlcareers.report import Bar, Column, Format, Report, Value

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


RICH_ROWS = 200
"""Up to this many rows, a table on a colour terminal is drawn by rich itself. Past it, and in
every stream without colour, `Drawer` draws the rows from the computed widths one at a time:
the same lines (tests/test_render.py compares the two), in constant memory, many times faster
than rich's nested renderables for a large catalogue."""


class TableFormatter:
    """A table: colour and a range bar on a terminal, plain in a pipe; it fits its width by
    condensing, then leaving columns out by priority, before any row wraps."""

    def __init__(self, *, wide: bool = False) -> None:
        self.wide = wide

    def write(self, report: Report, out: TextIO) -> None:
        self._write(report, out)
        for part in report.parts:
            if part.rows:
                out.write("\n")
                self._write(part, out)

    def _write(self, report: Report, out: TextIO) -> None:
        from rich.console import Console  # noqa: PLC0415 -- rich costs start-up time; tables only

        clean = Cleaner(out)
        console = Console(
            file=out,
            width=UNLIMITED,
            height=25,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
            safe_box=True,
        )
        limit = None if self.wide else table_width(out, console.is_terminal)
        columns, rows = human_view(report, Format.table)
        body, layout, shown, width, notes = self._body(report, columns, rows, clean, console, limit)
        console.width = max(width or MIN_WIDTH, MIN_WIDTH)
        bars = [column.key for column in shown if column.kind == "bar"]
        drawn = any(isinstance(row.get(key), Bar) for row in rows for key in bars)
        notes += [*report.table_notes, *report.notes] if drawn else report.notes
        plain = not console.is_terminal

        def emit(texts: Sequence[str], style: str, body: RenderableType | None = None) -> None:
            with console.capture() as captured:
                # A bounded table wraps its title and notes at its width; an unbounded one not.
                for text in texts:
                    console.print(styled_text(text, style), soft_wrap=limit is None)
                if body is not None:
                    console.print(body)
            text = captured.get()
            if plain:
                text = "\n".join(line.rstrip() for line in text.split("\n"))
            out.write(clean._encodable(text))  # rich's own drawing (tree guides) too

        titled = report.title and not (report.group_by and not report.fields)
        head = [clean.line(report.title)] if report.title and titled else []
        if body is not None:
            emit(head, "bold", body)
        elif layout is not None:
            emit(head, "bold")
            Drawer(layout, clean, console, plain).write(rows, out)
        else:
            emit(head, "bold")
            write_records(columns, rows, clean, console.width, console, out)
        emit([clean.line(note) for note in notes], "dim")

    def _body(
        self,
        report: Report,
        columns: tuple[Column, ...],
        rows: Sequence[dict[str, Value]],
        clean: Cleaner,
        console: Console,
        limit: int | None,
    ) -> tuple[RenderableType | None, Layout | None, tuple[Column, ...], int | None, list[str]]:
        """What draws the rows: a rich renderable, or (None and) the layout `Drawer` draws;
        then the columns shown, the width, and the notes on what was left out."""
        width = limit
        if report.group_by is not None and not report.fields:
            tree = rich_tree(report, report.group_by, clean)
            if width is None:
                width = max(console.measure(tree).maximum, MIN_WIDTH)
            return tree, None, (), width, []
        layout = fit(columns, measures(columns, rows, clean), width)
        if layout is None:
            label, room = records_fit(columns, clean, width or MIN_WIDTH)
            if label + 1 + room > (width or MIN_WIDTH) or (
                console.color_system is not None and len(rows) <= RICH_ROWS
            ):  # rich's own drawing: for small tables in colour, and too narrow a width
                cells = [[cell_units(c, row.get(c.key), clean) for c in columns] for row in rows]
                body = rich_records(columns, cells, rows, clean, width or MIN_WIDTH)
                return body, None, columns, width, []
            return None, None, columns, width, []
        notes = []
        left_out = [c for c in columns if c not in layout.columns]
        if left_out:
            names = ", ".join(column_name(c, clean) for c in left_out)
            notes.append(
                f"Left out to fit {width} columns: {names}. --wide shows every "
                "column; -f csv or --json gives every field."
            )
        if width is None:
            width = sum(layout.widths) + overhead(len(layout.widths), layout.gap)
        table = None
        if console.color_system is not None and len(rows) <= RICH_ROWS:
            table = rich_table(layout, rows, clean)  # rich's own colours, for small tables
        return table, layout, layout.columns, width, notes
