"""The machine records as the flat formats need them: dotted keys, plain text, compact JSON."""

from __future__ import annotations

import json

from pydantic_core import to_json

from mlcareers.clean import clean_lines


def dumps(data: object, ascii_only: bool, indent: int | None = None) -> str:
    """`data` as JSON text, pretty with `indent`, else compact; ASCII-escaped if asked."""
    if ascii_only:
        separators = None if indent else (",", ":")
        return json.dumps(data, ensure_ascii=True, indent=indent, separators=separators)
    return dumps_utf8(data, indent).decode("utf-8")


def dumps_utf8(data: object, indent: int | None = None) -> bytes:
    """`data` as JSON in UTF-8, pretty with `indent`, else compact.

    pydantic-core writes the same JSON as json.dumps (a tiny float may be 0.00001, not 1e-05:
    the same number) about ten times as fast: json's C encoder is not used with an indent,
    and a full answer of 100,000 roles spent most of its time there."""
    return to_json(data, indent=indent)


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


def scalar_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_lines(str(value))
