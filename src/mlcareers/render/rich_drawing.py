"""Tables drawn by rich itself: small tables in colour, trees, and the record layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.render.cleaning import Cleaner
from mlcareers.render.human import NUMERIC, human_text
from mlcareers.render.layout import (
    BAR_WIDTH,
    GAPS,
    Layout,
    Unit,
    bar_marks,
    cell_units,
    records_fit,
    wrap,
    wrap_units,
)
from mlcareers.report import Bar, Column, Format, Report, Value

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text


def styled_text(text: str, style: str = "") -> Text:
    from rich.text import Text  # noqa: PLC0415

    return Text(text, style=style)


def draw_cell(
    column: Column, value: Value, units: Sequence[Unit], width: int, clean: Cleaner
) -> Text:
    if isinstance(value, Bar):
        return bar_text(value, ascii_only=clean.ascii_only)
    style = "green" if column.kind in {"money", "money_range"} else ""
    return styled_text("\n".join(wrap_units(units, width)), style)


def bar_text(bar: Bar, *, ascii_only: bool) -> Text:
    """Draw low to high as a line and the median as a dot, placed on the bar's shared scale."""
    from rich.text import Text  # noqa: PLC0415

    start, marks, dot, after = bar_marks(bar, ascii_only=ascii_only)
    text = Text(" " * start)
    for place, mark in enumerate(marks):
        text.append(mark, style="bold" if place == dot else "cyan")
    text.append(" " * after)
    return text


def rich_tree(report: Report, group: str, clean: Cleaner) -> RenderableType:
    """One branch per value of the `group` column, one leaf per row."""
    from rich.tree import Tree  # noqa: PLC0415

    tree = Tree(styled_text(clean.line(report.title or ""), "bold"), guide_style="dim")
    others = tuple(
        column
        for column in report.columns_for(Format.table)
        if column.key != group and column.kind != "bar"
    )
    branches: dict[str, Tree] = {}
    for row in report.rows:
        name = clean.line(str(row.get(group) or ""))
        if name not in branches:
            branches[name] = tree.add(styled_text(name, "bold"))
        parts = (clean.line(human_text(column, row.get(column.key), "; ")) for column in others)
        branches[name].add(styled_text(" — ".join(part for part in parts if part)))
    return tree


def rich_table(layout: Layout, rows: Sequence[dict[str, Value]], clean: Cleaner) -> Table:
    """A small table as rich draws it itself, in its own colours."""
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    loose = layout.gap == GAPS[0]
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1) if loose else (0, layout.gap - 1, 0, 0),
        pad_edge=loose,
        collapse_padding=False,
        header_style="bold",
    )
    for column, width in zip(layout.columns, layout.widths, strict=True):
        numeric = column.kind in NUMERIC
        header = "\n".join(wrap(clean.line(column.header), width))
        table.add_column(
            header,
            justify="right" if numeric else "left",
            width=width,
            no_wrap=True,
            overflow="fold",
        )
    units = cell_units
    for row in rows:
        table.add_row(
            *(
                draw_cell(
                    column,
                    row.get(column.key),
                    units(column, row.get(column.key), clean),
                    width,
                    clean,
                )
                for column, width in zip(layout.columns, layout.widths, strict=True)
            )
        )
    return table


def rich_records(
    columns: Sequence[Column],
    cells: list[list[list[Unit]]],
    rows: Sequence[dict[str, Value]],
    clean: Cleaner,
    width: int,
) -> RenderableType:
    """Each row as label-value lines: what a table too wide for its width becomes."""
    from rich.console import Group  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    headers = [clean.line(column.header) for column in columns]
    label, room = records_fit(columns, clean, width)
    parts: list[RenderableType] = []
    for row, row_cells in zip(rows, cells, strict=True):
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(style="bold", width=label, no_wrap=True, overflow="fold")
        grid.add_column(width=room, no_wrap=True, overflow="fold")
        for column, header, units in zip(columns, headers, row_cells, strict=True):
            value = row.get(column.key)
            if isinstance(value, Bar) and room < BAR_WIDTH:
                continue
            if not units and not isinstance(value, Bar):
                continue
            grid.add_row(
                styled_text("\n".join(wrap(header, label))),
                draw_cell(column, value, units, room, clean),
            )
        parts.extend((styled_text(""), grid))
    return Group(*parts)
