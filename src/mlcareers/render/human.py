"""Values in the words a person reads ($130,599, 35%), for the table and markdown formats."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from mlcareers.render.records import dumps, flatten, scalar_text
from mlcareers.report import (
    Column,
    Format,
    Report,
    Value,
    money,
    money_range,
    related,
    signed_money,
)

NUMERIC = frozenset({"int", "money", "signed_money", "percent", "factor"})


_HUMAN: dict[str, Callable[[Any], str]] = {
    "int": lambda number: f"{number:,}",
    "money": money,
    "signed_money": signed_money,
    "money_range": lambda pair: money_range(*pair),
    "percent": lambda share: f"{share:.0%}",
    "factor": lambda factor: f"×{factor:.3f}",
}


def human_text(column: Column, value: Value, separator: str) -> str:
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
        return columns, tuple(report.rows)
    records = [flatten(record) for record in report.records()]
    keys = list(dict.fromkeys(key for record in records for key in record))
    rows = tuple({key: _human_value(record.get(key)) for key in keys} for record in records)
    kinds = {key: _kind_of([row[key] for row in rows]) for key in keys}
    return tuple(Column(key, key, kinds[key]) for key in keys), rows


def _human_value(value: object) -> Value:
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            return dumps(value, ascii_only=False)
        return tuple(scalar_text(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float) or value is None:
        return value
    return dumps(value, ascii_only=False)


def _kind_of(values: Sequence[Value]) -> Any:
    present = [value for value in values if value is not None]
    if present and all(isinstance(value, int | float) for value in present):
        return "int"
    if any(isinstance(value, tuple) for value in present):
        return "list"
    return "text"
