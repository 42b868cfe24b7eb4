"""A result described once, format-free: columns, rows of plain values, and the JSON payload."""

from __future__ import annotations

import enum
from typing import Literal, NamedTuple


class Format(enum.StrEnum):
    """The output formats every data command speaks."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


Kind = Literal[
    "text", "int", "money", "signed_money", "money_range", "percent", "list", "bar", "factor"
]
FLAT = frozenset({Format.table, Format.csv, Format.markdown})
HUMAN = frozenset({Format.table, Format.markdown})
MACHINE = frozenset({Format.csv})
TABLE_ONLY = frozenset({Format.table})


class Bar(NamedTuple):
    """A low-median-high range drawn on a scale shared by every row of a table."""

    low: int
    median: int | None
    high: int
    scale_low: int
    scale_high: int


class Column(NamedTuple):
    """One column: `key` names it in CSV, `header` in tables; `formats` says where it appears."""

    key: str
    header: str
    kind: Kind = "text"
    formats: frozenset[Format] = FLAT


Value = str | int | float | Bar | tuple[str, ...] | tuple[int, int] | None
Json = dict[str, object] | list[object]


class Report(NamedTuple):
    """What a command prints: rows for the flat formats, `data` for JSON, notes under a table.

    `table_notes` explain what only the table format draws, such as the range bar. With
    `group_by`, the table format draws a tree: one branch per value of that column.
    """

    columns: tuple[Column, ...]
    rows: tuple[dict[str, Value], ...]
    data: Json
    title: str | None = None
    notes: tuple[str, ...] = ()
    table_notes: tuple[str, ...] = ()
    group_by: str | None = None

    def columns_for(self, fmt: Format) -> tuple[Column, ...]:
        """The columns shown in one format."""
        return tuple(column for column in self.columns if fmt in column.formats)


def money(amount: int) -> str:
    """Whole dollars as people write them: $130,599."""
    return f"${amount:,}"


def signed_money(amount: int) -> str:
    """A difference in dollars: +$8,674, −$4,000, or $0."""
    if amount == 0:
        return "$0"
    return f"{'+' if amount > 0 else '−'}${abs(amount):,}"


def money_range(low: int, high: int) -> str:
    """A dollar range that may wrap at its spaces but never inside a figure."""
    return f"{money(low)} – {money(high)}"
