"""The table engine: how wide a table may be, how wide each column wants to be, and which
layout fits, by condensing, then leaving out columns by priority, then wrapping short text.

A bar, a figure or a header is never cut. Widths are measured one row at a time, so a table's
memory does not grow with its rows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import NamedTuple, TextIO

from mlcareers.render.cleaning import Cleaner
from mlcareers.render.human import NUMERIC, human_text
from mlcareers.report import Bar, Column, Value

BAR_WIDTH = 21


MIN_WIDTH = 20


MAX_WIDTH = 10_000


PROSE_WIDTH = 30
"""Text wider than this may wrap at spaces before any column is left out."""


UNLIMITED = MAX_WIDTH


UNBROKEN = NUMERIC | {"money_range", "bar"}


GAPS = (3, 2, 1)
"""Spaces between columns, loosest first; the loosest also pads the table's edges."""


class Unit(NamedTuple):
    """One piece of a cell that wraps on its own: a line of text, or one item of a list."""

    first: str
    rest: str
    text: str


class Measure(NamedTuple):
    """A column's widths: as wide as it likes, condensed, and the least that splits nothing."""

    natural: int
    condensed: int
    least: int


class Layout(NamedTuple):
    columns: tuple[Column, ...]
    widths: tuple[int, ...]
    gap: int


def table_width(out: TextIO, is_terminal: bool) -> int | None:
    """The width a table must fit, or None for as wide as it is (a pipe without COLUMNS, with
    no terminal on stderr either: a file, or a script's pipe).

    COLUMNS wins when it is a whole number of at least 1 (narrower than MIN_WIDTH counts as
    MIN_WIDTH, wider than MAX_WIDTH as MAX_WIDTH); 0, a negative number or anything else is
    ignored, as if unset. A terminal that cannot say its size is 80 columns wide.
    """
    columns = _sane_width(os.environ.get("COLUMNS", ""))
    if columns is not None:
        return columns
    if is_terminal:
        try:
            size = os.get_terminal_size(out.fileno()).columns
        except (AttributeError, ValueError, OSError):
            return 80
        return _sane_width(str(size)) or 80
    # Piped, but a person is watching stderr (`mlcareers rank | head`): fit their terminal.
    try:
        watched = sys.stderr.isatty() and os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return None
    return _sane_width(str(watched)) if watched else None


def _sane_width(text: str) -> int | None:
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        return None
    return min(max(int(text), MIN_WIDTH), MAX_WIDTH)


def overhead(count: int, gap: int) -> int:
    return gap * (count - 1) + (2 if gap == GAPS[0] else 0)


def cell_len(text: str) -> int:
    if text.isascii():  # one cell a character: most text, and far cheaper than asking rich
        return len(text)
    from rich.cells import cell_len  # noqa: PLC0415 -- rich is for tables only

    return cell_len(text)


def split_words(text: str) -> list[str]:
    return [word for word in text.split(" ") if word]


def _tidy(text: str) -> bool:
    """Whether `text` is its words joined by single spaces, as `wrap` would join them."""
    return "  " not in text and not text.startswith(" ") and not text.endswith(" ")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells, broken at spaces; only a word wider than a line folds."""
    if _tidy(text) and cell_len(text) <= width:  # one line as it is: most cells
        return [text]
    from rich.cells import chop_cells  # noqa: PLC0415

    lines: list[str] = []
    line = ""
    for word in split_words(text):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = chop_cells(word, width) if cell_len(word) > width else [word]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    lines.append(line)
    return lines


def wrap_units(units: Sequence[Unit], width: int) -> list[str]:
    lines: list[str] = []
    for unit in units:
        indent = max(cell_len(unit.first), cell_len(unit.rest)) if unit.first else 0
        wrapped = wrap(unit.text, max(width - indent, 1))
        lines.append(unit.first + wrapped[0])
        lines.extend(unit.rest + more for more in wrapped[1:])
    return lines


def _measure(column: Column, units_per_row: Iterable[list[Unit]], header: str) -> Measure:
    header_full = cell_len(header)
    header_word = max((cell_len(word) for word in split_words(header)), default=0)
    if column.kind == "bar":
        body = word = BAR_WIDTH
    else:
        body = word = 0
        words = column.kind not in UNBROKEN  # an unbroken column never wraps at its words
        for units in units_per_row:
            for unit in units:
                indent = max(cell_len(unit.first), cell_len(unit.rest)) if unit.first else 0
                size = cell_len(unit.text)
                body = max(body, indent + size)
                if not words:
                    continue
                if " " in unit.text:
                    size = max((cell_len(w) for w in split_words(unit.text)), default=0)
                word = max(word, indent + size)
    natural = max(body, header_full, 1)
    if column.kind in UNBROKEN:
        least = max(body, header_word, 1)
        return Measure(natural, least, least)
    least = max(word, header_word, 1)
    condensed = max(least, min(natural, PROSE_WIDTH))
    return Measure(natural, condensed, least)


def measures(
    columns: Sequence[Column], rows: Sequence[dict[str, Value]], clean: Cleaner
) -> dict[Column, Measure]:
    """Every column's widths, measured one row at a time: no row's cells are kept."""
    units = cell_units
    return {
        column: _measure(
            column,
            (units(column, row.get(column.key), clean) for row in rows),
            clean.line(column.header),
        )
        for column in columns
    }


def fit(
    columns: Sequence[Column], measures: dict[Column, Measure], width: int | None
) -> Layout | None:
    """The layout that fits `width`: natural; condensed; condensed with columns left out by
    priority; with short text wrapped too. None if even that is too wide."""
    if not columns:
        return None
    shown = list(columns)

    def natural(chosen: Sequence[Column], gap: int) -> Layout:
        return Layout(tuple(chosen), tuple(measures[c].natural for c in chosen), gap)

    if width is None:
        return natural(shown, GAPS[0])
    if sum(measures[c].natural for c in shown) + overhead(len(shown), GAPS[0]) <= width:
        return natural(shown, GAPS[0])
    while True:
        for gap in GAPS:
            layout = _spread(shown, measures, gap, width, "condensed")
            if layout is not None:
                return layout
        droppable = [c for c in shown if _priority(c) > 0]
        if not droppable or len(shown) == 1:
            break
        highest = max(_priority(c) for c in droppable)
        shown.remove([c for c in droppable if _priority(c) == highest][-1])
    return _spread(shown, measures, GAPS[-1], width, "least")


def column_name(column: Column, clean: Cleaner) -> str:
    """What a note calls a column: its header, or what a headerless one is."""
    header = clean.line(column.header).strip()
    return header or ("the range bar" if column.kind == "bar" else column.key)


def _priority(column: Column) -> int:
    """How soon a column is left out; a bar is decoration, so it always may be."""
    return max(column.priority, 1) if column.kind == "bar" else column.priority


def _spread(
    shown: Sequence[Column], measures: dict[Column, Measure], gap: int, width: int, floor: str
) -> Layout | None:
    """Widths from each column's `floor` up to its natural width; None if the floors alone
    are too wide. The room left goes to the columns that want least first, so that as few
    columns as can be wrap, and the widest text takes the wrapping."""
    widths = [getattr(measures[c], floor) for c in shown]
    room = width - overhead(len(shown), gap) - sum(widths)
    if room < 0:
        return None
    wants = sorted(range(len(shown)), key=lambda i: measures[shown[i]].natural - widths[i])
    for left, place in enumerate(wants):
        share = min(measures[shown[place]].natural - widths[place], room // (len(wants) - left))
        widths[place] += share
        room -= share
    return Layout(tuple(shown), tuple(widths), gap)


def records_fit(columns: Sequence[Column], clean: Cleaner, width: int) -> tuple[int, int]:
    """The label and value widths of the record layout."""
    headers = [clean.line(column.header) for column in columns]
    longest_word = max((cell_len(w) for h in headers for w in split_words(h)), default=1)
    label = min(max((cell_len(h) for h in headers), default=1), max(width // 3, longest_word))
    return label, max(width - label - 1, 1)


def bar_marks(bar: Bar, *, ascii_only: bool) -> tuple[int, list[str], int | None, int]:
    """Where a bar starts, its marks (line and dot), where its dot is, and the space after."""
    span = max(bar.scale_high - bar.scale_low, 1)

    def position(amount: int) -> int:
        return round((amount - bar.scale_low) / span * (BAR_WIDTH - 1))

    start, end = position(bar.low), position(bar.high)
    middle = position(bar.median) if bar.median is not None else None
    line, dot = ("=", "o") if ascii_only else ("━", "●")
    marks = [dot if place == middle else line for place in range(start, end + 1)]
    return start, marks, None if middle is None else middle - start, BAR_WIDTH - end - 1


def cell_units(column: Column, value: Value, clean: Cleaner) -> list[Unit]:
    """The pieces of one cell that wrap on their own: its lines, or its list items."""
    if isinstance(value, Bar) or value is None:
        return []
    if isinstance(value, tuple) and column.kind == "list":
        bullet = "* " if clean.ascii_only else "• "
        return [Unit(bullet, "  ", clean.line(str(item))) for item in value]
    text = clean(human_text(column, value, "; "))
    return [Unit("", "", line) for line in text.split("\n")]
