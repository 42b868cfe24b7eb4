"""Turn a Report into table, JSON, ndjson, CSV or markdown: the only module that touches rich.

Machine formats (json, ndjson, csv) are drawn from the report's records, human ones (table,
markdown) from its columns and rows. Every string passes `mlcareers.clean` on the way out.

CSV: one row per record, nested objects flattened to dotted columns (`salary.low`), the union
of every record's keys in first-seen order. A list of plain values is one cell, its items
joined by LIST_SEPARATOR ("; "); inside an item a backslash is written `\\\\` and a semicolon
`\\;`, so splitting at each unescaped "; " and undoing those two escapes gives the items back.
A list of objects is one cell of compact JSON. Text a spreadsheet would evaluate (a leading
=, +, -, @, tab or carriage return) gets a leading apostrophe, unless it is a plain number.

Tables: as the width narrows they condense (tighter padding, long text wrapped at spaces),
then leave out columns by priority (saying so under the table; a bar may always be left
out), and only then wrap short text; a table that still does not fit prints one record per
row. A bar, a figure or a header is never cut. The widths are measured here, one row at a
time; the rows are drawn here too, line by line as rich would draw them (rich draws a small
table on a colour terminal itself), so that a table of 100,000 roles costs about what its CSV
does and its memory does not grow with its rows.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TextIO, assert_never

from mlcareers.clean import clean as clean_line
from mlcareers.clean import clean_lines
from mlcareers.report import (
    Bar,
    Column,
    Format,
    Report,
    Value,
    money,
    money_range,
    related,
    signed_money,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

BAR_WIDTH = 21
MIN_WIDTH = 20
MAX_WIDTH = 10_000
PROSE_WIDTH = 30
"""Text wider than this may wrap at spaces before any column is left out."""
UNLIMITED = MAX_WIDTH
NUMERIC = frozenset({"int", "money", "signed_money", "percent", "factor"})
UNBROKEN = NUMERIC | {"money_range", "bar"}
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
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


def formatter_for(fmt: Format, *, wide: bool = False) -> Formatter:
    """The formatter for one format; assert_never proves every format has one."""
    match fmt:
        case Format.table:
            return TableFormatter(wide=wide)
        case Format.json:
            return JsonFormatter()
        case Format.ndjson:
            return NdjsonFormatter()
        case Format.csv:
            return CsvFormatter()
        case Format.markdown:
            return MarkdownFormatter()
        case _:
            assert_never(fmt)


def render(report: Report, fmt: Format, out: TextIO, wide: bool = False) -> None:
    """Write `report` to `out` in `fmt`; `wide` lets a table be as wide as its columns."""
    formatter_for(fmt, wide=wide).write(report, out)


class Cleaner:
    """Makes outside text safe to print: no escape sequences, and ASCII where the stream is."""

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
        """`text` cleaned; line breaks kept, for the layouts that place them."""
        return self._encodable(clean_lines(text))

    def line(self, text: str) -> str:
        """`text` cleaned onto one line."""
        return self._encodable(clean_line(text))

    def _encodable(self, text: str) -> str:
        if self.ascii_only and not text.isascii():
            text = text.translate(_TO_ASCII).encode(self.encoding, "replace").decode(self.encoding)
        return text

    def tree(self, data: object) -> object:
        """Clean every string and key in a JSON-like tree; whole floats become integers."""
        return clean_tree(data)


def clean_tree(data: object) -> object:
    """Every string and key in a JSON-like tree cleaned; whole floats made integers."""
    if isinstance(data, str):
        return clean_lines(data)
    if isinstance(data, dict):
        return {clean_line(str(key)): clean_tree(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [clean_tree(item) for item in data]
    if isinstance(data, float) and data.is_integer():
        return int(data)
    return data


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


# Machine formats ----------------------------------------------------------------------------


def _dumps(data: object, ascii_only: bool, indent: int | None = None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators)


class JsonFormatter:
    """Pretty-printed JSON of the report's data; ASCII-escaped where the stream is not UTF-8."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        out.write(_dumps(clean.tree(report.data), clean.ascii_only, indent=2) + "\n")


class NdjsonFormatter:
    """One compact JSON object a line, one line per record."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        for record in report.records():
            out.write(_dumps(clean.tree(record), clean.ascii_only) + "\n")


def flatten(record: object, prefix: str = "") -> dict[str, object]:
    """A record as one level of dotted keys: {"salary": {"low": 1}} -> {"salary.low": 1}."""
    if not isinstance(record, dict):
        return {prefix.rstrip(".") or "value": record}
    flat: dict[str, object] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat |= flatten(value, name + ".")
        else:
            flat[name] = value
    return flat


def join_list(items: Iterable[object]) -> str:
    """Plain values as one CSV cell, escaped so that the items can be split apart again."""
    return LIST_SEPARATOR.join(
        _csv_scalar(item).replace("\\", "\\\\").replace(";", "\\;") for item in items
    )


def split_list(cell: str) -> list[str]:
    """The items of a cell that `join_list` wrote."""
    if not cell:
        return []
    items, item, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            item.append(next(chars, ""))
        elif char == ";":
            items.append("".join(item))
            item = []
            next(chars, None)  # the space of the separator
        else:
            item.append(char)
    items.append("".join(item))
    return items


def neutralise(text: str) -> str:
    """Text a spreadsheet would evaluate as a formula, made inert with a leading apostrophe."""
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_lines(str(value))


def csv_cell(value: object) -> str:
    """One CSV cell: a raw value, a joined list, or JSON for a list of objects; inert."""
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            return _dumps(clean_tree(value), ascii_only=False)
        return neutralise(join_list(value))
    if isinstance(value, dict):  # only an empty one reaches here
        return ""
    return neutralise(_csv_scalar(value))


def csv_text(value: object, clean: Cleaner) -> str:
    """`clean(csv_cell(value))`, the cell as written, with a shortcut for the common cells
    that no step would change: a whole number, nothing, yes or no, printable text that starts
    no formula (and that the stream can encode), and a list of such text whose items need no
    escape."""
    if type(value) is int:
        return str(value)
    if value is None:
        return ""
    if type(value) is bool:
        return "true" if value else "false"
    text = value
    if type(value) is list and all(type(item) is str for item in value):
        text = LIST_SEPARATOR.join(value)
        if text.count(";") != len(value) - 1 or "\\" in text:
            text = None  # an item needs an escape
    if (
        type(text) is str
        and text.isprintable()  # then so is every item
        and not text.startswith(FORMULA_STARTS)
        and not (clean.ascii_only and not text.isascii())
    ):
        return text
    return clean(csv_cell(value))


class CsvFormatter:
    """One header row of dotted field names, then one row of raw values per record."""

    def write(self, report: Report, out: TextIO) -> None:
        import csv  # noqa: PLC0415 -- start-up time: only this format needs it

        clean = Cleaner(out)
        rows = [flatten(record) for record in report.records()]
        keys = list(dict.fromkeys(key for row in rows for key in row))
        if not keys:  # no records: nothing says what the columns would be
            return
        source = report.source if report.source and not report.fields else None
        if source is not None and "source" not in keys:
            keys.append("source")
            for row in rows:
                row["source"] = source
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([clean(key) for key in keys])
        for row in rows:
            writer.writerow([csv_text(row.get(key), clean) for key in keys])


# Human formats ------------------------------------------------------------------------------

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
    if isinstance(value, str):  # already words, whatever the column's kind
        return value
    if isinstance(value, tuple) and column.kind != "money_range":
        return separator.join(str(item) for item in value)
    formatter = _HUMAN.get(column.kind, str)
    return formatter(value)


def human_view(
    report: Report, fmt: Format
) -> tuple[tuple[Column, ...], tuple[dict[str, Value], ...]]:
    """The columns and rows a human format draws: the report's own, or, when --fields picked
    a name no column shows, the picked records themselves under their dotted names."""
    columns = report.columns_for(fmt)
    shown = all(any(related(c.field, name) for c in columns) for name in report.fields)
    if shown and (columns or not report.fields):
        return columns, report.rows
    records = [flatten(record) for record in report.records()]
    keys = list(dict.fromkeys(key for record in records for key in record))
    rows = tuple({key: _human_value(record.get(key)) for key in keys} for record in records)
    kinds = {key: _kind_of([row[key] for row in rows]) for key in keys}
    return tuple(Column(key, key, kinds[key]) for key in keys), rows


def _human_value(value: object) -> Value:
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            return _dumps(value, ascii_only=False)
        return tuple(_csv_scalar(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float) or value is None:
        return value
    return _dumps(value, ascii_only=False)


def _kind_of(values: Sequence[Value]) -> Any:
    present = [value for value in values if value is not None]
    if present and all(isinstance(value, int | float) for value in present):
        return "int"
    if any(isinstance(value, tuple) for value in present):
        return "list"
    return "text"


_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "~": "\\~",
    }
)


def markdown_text(text: str) -> str:
    """Text inert inside a markdown table cell: HTML escaped, markup and cell breaks quoted."""
    return "<br>".join(line.translate(_MARKDOWN) for line in text.split("\n"))


class MarkdownFormatter:
    """A GitHub table, with the title as a heading and the notes under it."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        columns, rows = human_view(report, Format.markdown)

        def cell(column: Column, value: Value) -> str:
            if isinstance(value, tuple) and column.kind != "money_range":
                return "<br>".join(markdown_text(clean.line(str(item))) for item in value)
            return markdown_text(clean(_human_text(column, value, "\n")))

        if report.title:
            out.write(f"## {markdown_text(clean.line(report.title))}\n\n")
        out.write("| " + " | ".join(markdown_text(clean.line(c.header)) for c in columns) + " |\n")
        rule = ("---:" if column.kind in NUMERIC else "---" for column in columns)
        out.write("| " + " | ".join(rule) + " |\n")
        for row in rows:
            out.write("| " + " | ".join(cell(c, row.get(c.key)) for c in columns) + " |\n")
        if report.notes:
            out.write("\n" + "".join(f"- {markdown_text(clean(n))}\n" for n in report.notes))


# Tables -------------------------------------------------------------------------------------


class _Unit(NamedTuple):
    """One piece of a cell that wraps on its own: a line of text, or one item of a list."""

    first: str
    rest: str
    text: str


class _Measure(NamedTuple):
    """A column's widths: as wide as it likes, condensed, and the least that splits nothing."""

    natural: int
    condensed: int
    least: int


class _Layout(NamedTuple):
    columns: tuple[Column, ...]
    widths: tuple[int, ...]
    gap: int


RICH_ROWS = 200
"""Up to this many rows, a table on a colour terminal is drawn by rich itself. Past it, and in
every stream without colour, `_Drawer` draws the rows from the computed widths one at a time:
the same lines (tests/test_render.py compares the two), in constant memory, many times faster
than rich's nested renderables for a large catalogue."""

GAPS = (3, 2, 1)
"""Spaces between columns, loosest first; the loosest also pads the table's edges."""


def _overhead(count: int, gap: int) -> int:
    return gap * (count - 1) + (2 if gap == GAPS[0] else 0)


def _cell_len(text: str) -> int:
    if text.isascii():  # one cell a character: most text, and far cheaper than asking rich
        return len(text)
    from rich.cells import cell_len  # noqa: PLC0415 -- rich is for tables only

    return cell_len(text)


def _words(text: str) -> list[str]:
    return [word for word in text.split(" ") if word]


def _tidy(text: str) -> bool:
    """Whether `text` is its words joined by single spaces, as `_wrap` would join them."""
    return "  " not in text and not text.startswith(" ") and not text.endswith(" ")


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells, broken at spaces; only a word wider than a line folds."""
    if _tidy(text) and _cell_len(text) <= width:  # one line as it is: most cells
        return [text]
    from rich.cells import chop_cells  # noqa: PLC0415

    lines: list[str] = []
    line = ""
    for word in _words(text):
        candidate = f"{line} {word}" if line else word
        if _cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = chop_cells(word, width) if _cell_len(word) > width else [word]
        lines.extend(pieces[:-1])
        line = pieces[-1]
    lines.append(line)
    return lines


def _wrap_units(units: Sequence[_Unit], width: int) -> list[str]:
    lines: list[str] = []
    for unit in units:
        indent = max(_cell_len(unit.first), _cell_len(unit.rest)) if unit.first else 0
        wrapped = _wrap(unit.text, max(width - indent, 1))
        lines.append(unit.first + wrapped[0])
        lines.extend(unit.rest + more for more in wrapped[1:])
    return lines


class TableFormatter:
    """A table: colour and a range bar on a terminal, plain in a pipe; it fits its width by
    condensing, then leaving columns out by priority, before any row wraps."""

    def __init__(self, *, wide: bool = False) -> None:
        self.wide = wide

    def write(self, report: Report, out: TextIO) -> None:
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
                    console.print(_text(text, style), soft_wrap=limit is None)
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
            _Drawer(layout, clean, console, plain).write(rows, out)
        else:
            emit(head, "bold")
            _write_records(columns, rows, clean, console.width, console, out)
        emit([clean.line(note) for note in notes], "dim")

    def _body(
        self,
        report: Report,
        columns: tuple[Column, ...],
        rows: Sequence[dict[str, Value]],
        clean: Cleaner,
        console: Console,
        limit: int | None,
    ) -> tuple[RenderableType | None, _Layout | None, tuple[Column, ...], int | None, list[str]]:
        """What draws the rows: a rich renderable, or (None and) the layout `_Drawer` draws;
        then the columns shown, the width, and the notes on what was left out."""
        width = limit
        if report.group_by is not None and not report.fields:
            tree = self._tree(report, report.group_by, clean)
            if width is None:
                width = max(console.measure(tree).maximum, MIN_WIDTH)
            return tree, None, (), width, []
        layout = _fit(columns, _measures(columns, rows, clean), width)
        if layout is None:
            label, room = _records_fit(columns, clean, width or MIN_WIDTH)
            if label + 1 + room > (width or MIN_WIDTH) or (
                console.color_system is not None and len(rows) <= RICH_ROWS
            ):  # rich's own drawing: for small tables in colour, and too narrow a width
                cells = [[self._units(c, row.get(c.key), clean) for c in columns] for row in rows]
                body = self._records(columns, cells, rows, clean, width or MIN_WIDTH)
                return body, None, columns, width, []
            return None, None, columns, width, []
        notes = []
        left_out = [c for c in columns if c not in layout.columns]
        if left_out:
            names = ", ".join(_name(c, clean) for c in left_out)
            notes.append(
                f"Left out to fit {width} columns: {names}. --wide shows every "
                "column; -f csv or --json gives every field."
            )
        if width is None:
            width = sum(layout.widths) + _overhead(len(layout.widths), layout.gap)
        table = None
        if console.color_system is not None and len(rows) <= RICH_ROWS:
            table = self._table(layout, rows, clean)  # rich's own colours, for small tables
        return table, layout, layout.columns, width, notes

    @staticmethod
    def _units(column: Column, value: Value, clean: Cleaner) -> list[_Unit]:
        if isinstance(value, Bar) or value is None:
            return []
        if isinstance(value, tuple) and column.kind == "list":
            bullet = "* " if clean.ascii_only else "• "
            return [_Unit(bullet, "  ", clean.line(str(item))) for item in value]
        text = clean(_human_text(column, value, "; "))
        return [_Unit("", "", line) for line in text.split("\n")]

    @staticmethod
    def _tree(report: Report, group: str, clean: Cleaner) -> RenderableType:
        """One branch per value of the `group` column, one leaf per row."""
        from rich.tree import Tree  # noqa: PLC0415

        tree = Tree(_text(clean.line(report.title or ""), "bold"), guide_style="dim")
        others = tuple(
            column
            for column in report.columns_for(Format.table)
            if column.key != group and column.kind != "bar"
        )
        branches: dict[str, Tree] = {}
        for row in report.rows:
            name = clean.line(str(row.get(group) or ""))
            if name not in branches:
                branches[name] = tree.add(_text(name, "bold"))
            parts = (
                clean.line(_human_text(column, row.get(column.key), "; ")) for column in others
            )
            branches[name].add(_text(" — ".join(part for part in parts if part)))
        return tree

    @staticmethod
    def _table(layout: _Layout, rows: Sequence[dict[str, Value]], clean: Cleaner) -> Table:
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
            header = "\n".join(_wrap(clean.line(column.header), width))
            table.add_column(
                header,
                justify="right" if numeric else "left",
                width=width,
                no_wrap=True,
                overflow="fold",
            )
        units = TableFormatter._units
        for row in rows:
            table.add_row(
                *(
                    _draw(
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

    @staticmethod
    def _records(
        columns: Sequence[Column],
        cells: list[list[list[_Unit]]],
        rows: Sequence[dict[str, Value]],
        clean: Cleaner,
        width: int,
    ) -> RenderableType:
        """Each row as label-value lines: what a table too wide for its width becomes."""
        from rich.console import Group  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415

        headers = [clean.line(column.header) for column in columns]
        label, room = _records_fit(columns, clean, width)
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
                    _text("\n".join(_wrap(header, label))),
                    _draw(column, value, units, room, clean),
                )
            parts.extend((_text(""), grid))
        return Group(*parts)


def _measure(column: Column, units_per_row: Iterable[list[_Unit]], header: str) -> _Measure:
    header_full = _cell_len(header)
    header_word = max((_cell_len(word) for word in _words(header)), default=0)
    if column.kind == "bar":
        body = word = BAR_WIDTH
    else:
        body = word = 0
        words = column.kind not in UNBROKEN  # an unbroken column never wraps at its words
        for units in units_per_row:
            for unit in units:
                indent = max(_cell_len(unit.first), _cell_len(unit.rest)) if unit.first else 0
                size = _cell_len(unit.text)
                body = max(body, indent + size)
                if not words:
                    continue
                if " " in unit.text:
                    size = max((_cell_len(w) for w in _words(unit.text)), default=0)
                word = max(word, indent + size)
    natural = max(body, header_full, 1)
    if column.kind in UNBROKEN:
        least = max(body, header_word, 1)
        return _Measure(natural, least, least)
    least = max(word, header_word, 1)
    condensed = max(least, min(natural, PROSE_WIDTH))
    return _Measure(natural, condensed, least)


def _measures(
    columns: Sequence[Column], rows: Sequence[dict[str, Value]], clean: Cleaner
) -> dict[Column, _Measure]:
    """Every column's widths, measured one row at a time: no row's cells are kept."""
    units = TableFormatter._units
    return {
        column: _measure(
            column,
            (units(column, row.get(column.key), clean) for row in rows),
            clean.line(column.header),
        )
        for column in columns
    }


def _fit(
    columns: Sequence[Column], measures: dict[Column, _Measure], width: int | None
) -> _Layout | None:
    """The layout that fits `width`: natural; condensed; condensed with columns left out by
    priority; with short text wrapped too. None if even that is too wide."""
    if not columns:
        return None
    shown = list(columns)

    def natural(chosen: Sequence[Column], gap: int) -> _Layout:
        return _Layout(tuple(chosen), tuple(measures[c].natural for c in chosen), gap)

    if width is None:
        return natural(shown, GAPS[0])
    if sum(measures[c].natural for c in shown) + _overhead(len(shown), GAPS[0]) <= width:
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


def _name(column: Column, clean: Cleaner) -> str:
    """What a note calls a column: its header, or what a headerless one is."""
    header = clean.line(column.header).strip()
    return header or ("the range bar" if column.kind == "bar" else column.key)


def _priority(column: Column) -> int:
    """How soon a column is left out; a bar is decoration, so it always may be."""
    return max(column.priority, 1) if column.kind == "bar" else column.priority


def _spread(
    shown: Sequence[Column], measures: dict[Column, _Measure], gap: int, width: int, floor: str
) -> _Layout | None:
    """Widths from each column's `floor` up to its natural width; None if the floors alone
    are too wide. The room left goes to the columns that want least first, so that as few
    columns as can be wrap, and the widest text takes the wrapping."""
    widths = [getattr(measures[c], floor) for c in shown]
    room = width - _overhead(len(shown), gap) - sum(widths)
    if room < 0:
        return None
    wants = sorted(range(len(shown)), key=lambda i: measures[shown[i]].natural - widths[i])
    for left, place in enumerate(wants):
        share = min(measures[shown[place]].natural - widths[place], room // (len(wants) - left))
        widths[place] += share
        room -= share
    return _Layout(tuple(shown), tuple(widths), gap)


def _draw(column: Column, value: Value, units: Sequence[_Unit], width: int, clean: Cleaner) -> Text:
    if isinstance(value, Bar):
        return _bar(value, ascii_only=clean.ascii_only)
    style = "green" if column.kind in {"money", "money_range"} else ""
    return _text("\n".join(_wrap_units(units, width)), style)


def _text(text: str, style: str = "") -> Text:
    from rich.text import Text  # noqa: PLC0415

    return Text(text, style=style)


def _bar_marks(bar: Bar, *, ascii_only: bool) -> tuple[int, list[str], int | None, int]:
    """Where a bar starts, its marks (line and dot), where its dot is, and the space after."""
    span = max(bar.scale_high - bar.scale_low, 1)

    def position(amount: int) -> int:
        return round((amount - bar.scale_low) / span * (BAR_WIDTH - 1))

    start, end = position(bar.low), position(bar.high)
    middle = position(bar.median) if bar.median is not None else None
    line, dot = ("=", "o") if ascii_only else ("━", "●")
    marks = [dot if place == middle else line for place in range(start, end + 1)]
    return start, marks, None if middle is None else middle - start, BAR_WIDTH - end - 1


def _bar(bar: Bar, *, ascii_only: bool) -> Text:
    """Draw low to high as a line and the median as a dot, placed on the bar's shared scale."""
    from rich.text import Text  # noqa: PLC0415

    start, marks, dot, after = _bar_marks(bar, ascii_only=ascii_only)
    text = Text(" " * start)
    for place, mark in enumerate(marks):
        text.append(mark, style="bold" if place == dot else "cyan")
    text.append(" " * after)
    return text


class _Styles:
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


def _records_fit(columns: Sequence[Column], clean: Cleaner, width: int) -> tuple[int, int]:
    """The label and value widths of the record layout."""
    headers = [clean.line(column.header) for column in columns]
    longest_word = max((_cell_len(w) for h in headers for w in _words(h)), default=1)
    label = min(max((_cell_len(h) for h in headers), default=1), max(width // 3, longest_word))
    return label, max(width - label - 1, 1)


def _write_records(
    columns: Sequence[Column],
    rows: Iterable[dict[str, Value]],
    clean: Cleaner,
    width: int,
    console: Console,
    out: TextIO,
) -> None:
    """Each row as label-value lines, as TableFormatter._records draws them, a row at a time."""
    label, room = _records_fit(columns, clean, width)
    styles = _Styles(console)
    plain = not console.is_terminal
    labels = [_wrap(clean.line(column.header), label) for column in columns]
    stylers = [styles.of(column) for column in columns]
    bold = functools.partial(styles.apply, "bold")
    units = TableFormatter._units
    for row in rows:
        out.write("\n")
        for column, names, styler in zip(columns, labels, stylers, strict=True):
            value = row.get(column.key)
            if isinstance(value, Bar):
                if room < BAR_WIDTH:
                    continue
                start, marks, _, after = _bar_marks(value, ascii_only=clean.ascii_only)
                lines = [" " * start + "".join(marks) + " " * after]
            else:
                cell = units(column, value, clean)
                if not cell:
                    continue
                lines = _wrap_units(cell, room) or [""]
            for place in range(max(len(names), len(lines))):
                name = _fitted(names[place] if place < len(names) else "", label, False)
                text = _fitted(lines[place] if place < len(lines) else "", room, False)
                if styles:
                    name = bold(name)
                    text = styler(text) if styler is not None else text
                line = f"{name} {text}"
                out.write((line.rstrip() if plain else line) + "\n")


class _Drawer:
    """Draws a table's lines from its layout as rich draws a SIMPLE_HEAD table without edges
    (an ASCII box where the stream is not UTF-8), one row at a time."""

    def __init__(self, layout: _Layout, clean: Cleaner, console: Console, plain: bool) -> None:
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
        self.styles = _Styles(console)
        self._style = self.styles.apply

    def write(self, rows: Iterable[dict[str, Value]], out: TextIO) -> None:
        """The header, its rule and every row, each line written as it is drawn."""
        layout, clean = self.layout, self.clean
        headers = [
            _wrap(clean.line(column.header), width)
            for column, width in zip(layout.columns, layout.widths, strict=True)
        ]
        height = max(map(len, headers), default=1)
        headers = [[""] * (height - len(lines)) + lines for lines in headers]  # bottom-aligned
        bold = functools.partial(self._style, "bold")
        self._lines(headers, [bold if self.styles else None] * len(headers), out)
        out.write(self.rule + "\n")
        stylers = [self.styles.of(column) for column in layout.columns]
        units = TableFormatter._units
        ascii_only = clean.ascii_only
        for row in rows:
            cells: list[list[str]] = []
            for column, width in zip(layout.columns, layout.widths, strict=True):
                value = row.get(column.key)
                if isinstance(value, Bar):
                    start, marks, _, after = _bar_marks(value, ascii_only=ascii_only)
                    cells.append([" " * start + "".join(marks) + " " * after])
                else:
                    cells.append(_wrap_units(units(column, value, clean), width) or [""])
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
                text = _fitted(lines[place], width, right)
                if styler is not None:
                    text = styler(text)
                parts.append(" " * left_pad + text + " " * right_pad)
            line = self.divider.join(parts)
            out.write((line.rstrip() if self.plain else line) + "\n")


def _fitted(text: str, width: int, right: bool) -> str:
    """One line of a cell at exactly `width` cells: cropped, then padded to its side."""
    if right:
        text = text.rstrip()
    size = _cell_len(text)
    if size > width:
        from rich.cells import set_cell_size  # noqa: PLC0415

        return set_cell_size(text, width)
    return " " * (width - size) + text if right else text + " " * (width - size)
