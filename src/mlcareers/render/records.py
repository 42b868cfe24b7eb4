"""The machine records as the flat formats need them: dotted keys, plain text, compact JSON."""

from __future__ import annotations

import json

from mlcareers.clean import clean_lines


def dumps(data: object, ascii_only: bool, indent: int | None = None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators)


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
