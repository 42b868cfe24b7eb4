"""Tables drawn line by line from their layout, as rich would draw them, one row at a time:
the same lines (tests/test_render.py compares the two), in constant memory, many times faster
than rich's nested renderables for a large catalogue."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from mlcareers.render.cleaning import Cleaner
from mlcareers.render.human import NUMERIC
from mlcareers.render.layout import (
    BAR_WIDTH,
    GAPS,
    Layout,
    bar_marks,
    cell_len,
    cell_units,
    records_fit,
    wrap,
    wrap_units,
)
from mlcareers.report import Bar, Column, Value

if TYPE_CHECKING:
    from rich.console import Console


class Styles:
    """The few styles a table uses, as the escape sequences rich would write for them; none
    where the console has no colour system (a pipe, TERM=dumb)."""

    def __init__(self, console: Console) -> None:
        self.renders: dict[str, Callable[[str], str]] = {}
        if console.color_system is not None:
            from rich.console import COLOR_SYSTEMS  # noqa: PLC0415

            system = COLOR_SYSTEMS[console.color_system]
            for name in ("bold", "cyan", "green"):
                style = console.get_style(name)
                if console.no_color:
                    style = style.without_color
                self.renders[name] = functools.partial(style.render, color_system=system)

    def __bool__(self) -> bool:
        return bool(self.renders)

    def apply(self, name: str, text: str) -> str:
        """`text` in the style `name`."""
        styled = self.renders.get(name)
        return styled(text) if styled is not None and text.strip() else text

    def bar(self, text: str) -> str:
        """A drawn bar's line in cyan and its dot in bold."""
        marks = text.strip()
        start = text.index(marks[0]) if marks else 0
        drawn = "".join(self.apply("bold" if m in "●o" else "cyan", m) for m in marks)
        return text[:start] + drawn + text[start + len(marks) :]

    def of(self, column: Column) -> Callable[[str], str] | None:
        """How a column's cells are styled, if at all."""
        if not self.renders:
            return None
        if column.kind in {"money", "money_range"}:
            return functools.partial(self.apply, "green")
        return self.bar if column.kind == "bar" else None


def write_records(
    columns: Sequence[Column],
    rows: Iterable[dict[str, Value]],
    clean: Cleaner,
    width: int,
    console: Console,
    out: TextIO,
) -> None:
    """Each row as label-value lines, as TableFormatter._records draws them, a row at a time."""
    label, room = records_fit(columns, clean, width)
    styles = Styles(console)
    plain = not console.is_terminal
    labels = [wrap(clean.line(column.header), label) for column in columns]
    stylers = [styles.of(column) for column in columns]
    bold = functools.partial(styles.apply, "bold")
    units = cell_units
    for row in rows:
        out.write("\n")
        for column, names, styler in zip(columns, labels, stylers, strict=True):
            value = row.get(column.key)
            if isinstance(value, Bar):
                if room < BAR_WIDTH:
                    continue
                start, marks, _, after = bar_marks(value, ascii_only=clean.ascii_only)
                lines = [" " * start + "".join(marks) + " " * after]
            else:
                cell = units(column, value, clean)
                if not cell:
                    continue
                lines = wrap_units(cell, room) or [""]
            for place in range(max(len(names), len(lines))):
                name = fitted(names[place] if place < len(names) else "", label, False)
                text = fitted(lines[place] if place < len(lines) else "", room, False)
                if styles:
                    name = bold(name)
                    text = styler(text) if styler is not None else text
                line = f"{name} {text}"
                out.write((line.rstrip() if plain else line) + "\n")


class Drawer:
    """Draws a table's lines from its layout as rich draws a SIMPLE_HEAD table without edges
    (an ASCII box where the stream is not UTF-8), one row at a time."""

    def __init__(self, layout: Layout, clean: Cleaner, console: Console, plain: bool) -> None:
        self.layout = layout
        self.clean = clean
        self.plain = plain
        count = len(layout.widths)
        loose = layout.gap == GAPS[0]
        self.pads = [
            (1, 1) if loose else (0, layout.gap - 1 if place < count - 1 else 0)
            for place in range(count)
        ]
        ascii_box = not console.encoding.startswith("utf")  # as rich decides
        self.divider = "|" if ascii_box else " "
        outer = (
            w + left + right for w, (left, right) in zip(layout.widths, self.pads, strict=True)
        )
        self.rule = ("+" if ascii_box else "─").join(("-" if ascii_box else "─") * w for w in outer)
        self.right = [column.kind in NUMERIC for column in layout.columns]
        self.styles = Styles(console)
        self._style = self.styles.apply

    def write(self, rows: Iterable[dict[str, Value]], out: TextIO) -> None:
        """The header, its rule and every row, each line written as it is drawn."""
        layout, clean = self.layout, self.clean
        headers = [
            wrap(clean.line(column.header), width)
            for column, width in zip(layout.columns, layout.widths, strict=True)
        ]
        height = max(map(len, headers), default=1)
        headers = [[""] * (height - len(lines)) + lines for lines in headers]  # bottom-aligned
        bold = functools.partial(self._style, "bold")
        self._lines(headers, [bold if self.styles else None] * len(headers), out)
        out.write(self.rule + "\n")
        stylers = [self.styles.of(column) for column in layout.columns]
        units = cell_units
        ascii_only = clean.ascii_only
        for row in rows:
            cells: list[list[str]] = []
            for column, width in zip(layout.columns, layout.widths, strict=True):
                value = row.get(column.key)
                if isinstance(value, Bar):
                    start, marks, _, after = bar_marks(value, ascii_only=ascii_only)
                    cells.append([" " * start + "".join(marks) + " " * after])
                else:
                    cells.append(wrap_units(units(column, value, clean), width) or [""])
            height = max(map(len, cells))
            if height > 1:
                cells = [lines + [""] * (height - len(lines)) for lines in cells]
            self._lines(cells, stylers, out)

    def _lines(
        self, cells: list[list[str]], stylers: list[Callable[[str], str] | None], out: TextIO
    ) -> None:
        for place in range(len(cells[0]) if cells else 1):
            parts = []
            for lines, width, right, (left_pad, right_pad), styler in zip(
                cells, self.layout.widths, self.right, self.pads, stylers, strict=True
            ):
                text = fitted(lines[place], width, right)
                if styler is not None:
                    text = styler(text)
                parts.append(" " * left_pad + text + " " * right_pad)
            line = self.divider.join(parts)
            out.write((line.rstrip() if self.plain else line) + "\n")


def fitted(text: str, width: int, right: bool) -> str:
    """One line of a cell at exactly `width` cells: cropped, then padded to its side."""
    if right:
        text = text.rstrip()
    size = cell_len(text)
    if size > width:
        from rich.cells import set_cell_size  # noqa: PLC0415

        return set_cell_size(text, width)
    return " " * (width - size) + text if right else text + " " * (width - size)
