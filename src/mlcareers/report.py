"""A result described once, format-free: columns, rows of plain values, and the JSON payload.

The machine formats (json, ndjson, csv) are drawn from `Report.data`, the human ones (table,
markdown) from `columns` and `rows`. `data` is a list of records, or an object whose record
list sits under `records_key` (an object without one is a single record). A report may have
parts: further lists of the same object (match's foundations beside its roles), each drawn as
a table of its own and printed by ndjson and csv after the report's own records.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, NamedTuple, TypeVar, overload


class Format(enum.StrEnum):
    """The output formats every data command speaks."""

    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    markdown = "markdown"


Kind = Literal[
    "text", "int", "money", "signed_money", "money_range", "percent", "list", "bar", "factor"
]
HUMAN = frozenset({Format.table, Format.markdown})
TABLE_ONLY = frozenset({Format.table})


class Bar(NamedTuple):
    """A low-median-high range drawn on a scale shared by every row of a table."""

    low: int
    median: int | None
    high: int
    scale_low: int
    scale_high: int


class Column(NamedTuple):
    """One column of the human formats: `key` finds its value in a row, `header` names it.

    `formats` says where it appears. `priority` is its importance when a table must narrow:
    0 is never left out, and higher numbers are left out first (a bar is drawn whole or left
    out). `path` is the dotted JSON name of the value it shows, which `--fields` matches
    (None: the same as `key`).
    """

    key: str
    header: str
    kind: Kind = "text"
    formats: frozenset[Format] = HUMAN
    priority: int = 0
    path: str | None = None

    @property
    def field(self) -> str:
        """The dotted JSON name this column shows."""
        return self.path if self.path is not None else self.key


Value = str | int | float | Bar | tuple[str, ...] | tuple[int, int] | None
T = TypeVar("T")
Json = dict[str, object] | list[object]


class LazyRows(Sequence[dict[str, Value]]):
    """A report's rows, each built from its item when first read: the machine formats read
    the records instead, so a full answer of 100,000 roles never builds the table's rows
    (range bars, money pairs) it would not print. A slice stays lazy."""

    def __init__(self, items: Sequence[T], build: Callable[[T], dict[str, Value]]) -> None:
        self._items: Sequence[object] = items
        self._build: Callable[[Any], dict[str, Value]] = build
        self._built: tuple[dict[str, Value], ...] | None = None

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> dict[str, Value]: ...
    @overload
    def __getitem__(self, index: slice) -> LazyRows: ...
    def __getitem__(self, index: int | slice) -> dict[str, Value] | LazyRows:
        if isinstance(index, slice):
            return LazyRows(self._items[index], self._build)
        return self._rows()[index]

    def __iter__(self) -> Iterator[dict[str, Value]]:
        return iter(self._rows())

    def _rows(self) -> tuple[dict[str, Value], ...]:
        if self._built is None:
            self._built = tuple(self._build(item) for item in self._items)
        return self._built


class LazyNotes(Sequence[str]):
    """Notes made when first read: the range bar's note needs the scale of every row, which
    a full answer in a machine format never draws."""

    def __init__(self, make: Callable[[], tuple[str, ...]]) -> None:
        self._make = make
        self._made: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self._notes())

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._notes()[index]

    def _notes(self) -> tuple[str, ...]:
        if self._made is None:
            self._made = self._make()
        return self._made


class Report(NamedTuple):
    """What a command prints: rows for the flat formats, `data` for JSON, notes under a table.

    `table_notes` explain what only the table format draws, such as the range bar. With
    `group_by`, the table format draws a tree: one branch per value of that column.
    `records_key` names the record list when `data` is an object with context around it;
    `source` names where the figures come from, for a CSV that must stand alone. `fields`
    holds the names `--fields` picked, once `pick` has applied them.

    `parts` are reports of further lists under their own `records_key` of the same `data`
    object: the human formats draw each after this one; ndjson and csv print their records
    after this one's, every record then led by `part`, the key of the list it comes from.
    `--limit` and `--fields` apply to this report's records only: a part is context, whole.
    """

    columns: tuple[Column, ...]
    rows: Sequence[dict[str, Value]]
    data: Json
    title: str | None = None
    notes: tuple[str, ...] = ()
    table_notes: Sequence[str] = ()
    group_by: str | None = None
    records_key: str | None = None
    source: str | None = None
    fields: tuple[str, ...] = ()
    parts: tuple[Report, ...] = ()

    def records(self) -> list[object]:
        """The records the machine formats print: one line of ndjson, one row of CSV each."""
        if isinstance(self.data, list):
            return self.data
        if self.records_key is not None:
            inner = self.data.get(self.records_key)
            return inner if isinstance(inner, list) else [inner]
        return [self.data]

    def flat_records(self) -> list[object]:
        """The records ndjson and csv print: this report's, then each part's; with parts,
        each record is led by `part`, the key of the JSON list it comes from."""
        if not self.parts:
            return self.records()
        return [
            {"part": report.records_key, **record} if isinstance(record, dict) else record
            for report in (self, *self.parts)
            for record in report.records()
        ]

    def with_records(self, records: list[object]) -> Json:
        """`data` with its records replaced, context kept."""
        if isinstance(self.data, list):
            return records
        if self.records_key is not None:
            return {**self.data, self.records_key: records}
        return records[0] if records and isinstance(records[0], dict) else self.data

    def head(self, limit: int | None) -> Report:
        """At most `limit` records; rows too, where each row is one record."""
        if limit is None:
            return self
        records = self.records()
        if len(records) <= limit or not (isinstance(self.data, list) or self.records_key):
            return self
        rows = self.rows[:limit] if len(self.rows) == len(records) else self.rows
        return self._replace(data=self.with_records(records[:limit]), rows=rows)

    def pick(self, fields: Sequence[str]) -> Report:
        """Only the fields named, in that order, as dotted JSON names: `salary.median`.

        The records keep the nested shape of what they pick; the columns are those whose
        `field` is a picked name, inside one or holding one. An unknown name is a usage
        error that lists the valid ones.
        """
        from mlcareers.clean import clean  # noqa: PLC0415 -- only --fields needs these
        from mlcareers.errors import UsageError  # noqa: PLC0415

        wanted = list(dict.fromkeys(name.strip() for name in fields if name.strip()))
        records = self.records()
        valid = list(dict.fromkeys(name for record in records for name in field_names(record)))
        unknown = [name for name in wanted if name not in valid]
        if unknown or not wanted:
            label = ", ".join(repr(clean(name)) for name in unknown) or "(none)"
            raise UsageError(
                f"unknown field {label} for --fields; valid fields: {', '.join(valid)}"
            )
        picked: list[object] = [_pick(record, wanted) for record in records]

        def order(column: Column) -> int:
            return next((i for i, name in enumerate(wanted) if related(column.field, name)), -1)

        columns = sorted((c for c in self.columns if order(c) >= 0), key=order)
        return self._replace(
            data=self.with_records(picked), columns=tuple(columns), fields=tuple(wanted)
        )

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


def related(column: str, name: str) -> bool:
    """Whether a column showing the JSON name `column` shows, holds or sits inside `name`."""
    return column == name or column.startswith(name + ".") or name.startswith(column + ".")


def field_names(record: object, prefix: str = "") -> Iterator[str]:
    """Every dotted name in a record: its keys, and the keys of the objects inside it."""
    if not isinstance(record, dict):
        return
    for key, value in record.items():
        name = f"{prefix}{key}"
        yield name
        yield from field_names(value, name + ".")


def _pick(record: object, names: Sequence[str]) -> dict[str, object]:
    picked: dict[str, object] = {}
    for name in names:
        value: object = record
        for part in name.split("."):
            if not isinstance(value, dict) or part not in value:
                break
            value = value[part]
        else:
            target = picked
            *parents, last = name.split(".")
            for part in parents:
                inner = target.setdefault(part, {})
                if not isinstance(inner, dict):  # an earlier name picked the whole object
                    break
                target = inner
            else:
                target.setdefault(last, value)
    return picked
