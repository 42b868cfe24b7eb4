"""One CSV cell: a raw value, a joined list, or JSON for a list of objects; inert, and quoted
as csv.writer quotes it.

A list of plain values is one cell, its items joined by LIST_SEPARATOR ("; "); inside an item
a backslash is written `\\\\` and a semicolon `\\;`, so splitting at each unescaped "; " and
undoing those two escapes gives the items back. A list of objects is one cell of compact JSON.
Text a spreadsheet would evaluate (a leading =, +, -, @, tab or carriage return) gets a
leading apostrophe, unless it is a plain number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from mlcareers.render.cleaning import Cleaner, clean_tree
from mlcareers.render.records import dumps, scalar_text

LIST_SEPARATOR = "; "


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def join_list(items: Iterable[object]) -> str:
    """Plain values as one CSV cell, escaped so that the items can be split apart again."""
    return LIST_SEPARATOR.join(
        scalar_text(item).replace("\\", "\\\\").replace(";", "\\;") for item in items
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


def csv_cell(value: object) -> str:
    """One CSV cell: a raw value, a joined list, or JSON for a list of objects; inert."""
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            return dumps(clean_tree(value), ascii_only=False)
        return neutralise(join_list(value))
    if isinstance(value, dict):  # only an empty one reaches here
        return ""
    return neutralise(scalar_text(value))


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
    if (type(value) is list or type(value) is tuple) and all(type(item) is str for item in value):
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


def quoted(cell: str) -> str:
    """A cell as csv.writer writes it (QUOTE_MINIMAL, doublequote, "\\n" between rows):
    quoted when it holds the delimiter, a quote or a line break. A carriage return is left
    to csv itself, which has treated it differently across Python versions."""
    if "\r" in cell:
        return _csv_cell(cell)
    if "," in cell or '"' in cell or "\n" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _csv_cell(cell: str) -> str:
    """One cell as the csv module writes it beside another: the exact rule, for the rare
    cell that `quoted` does not decide itself."""
    import io  # noqa: PLC0415

    buffer = io.StringIO()
    write_with_csv(buffer, [[cell, ""]])
    return buffer.getvalue()[: -len(",\n")]


def write_with_csv(out: TextIO, rows: Iterable[list[str]]) -> None:
    """Rows written by the csv module itself."""
    import csv  # noqa: PLC0415 -- start-up time: only this format needs it

    csv.writer(out, lineterminator="\n").writerows(rows)
