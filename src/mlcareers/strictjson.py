"""JSON that refuses a key given twice in one object, which every common parser lets the last
one win: a catalogue that says "median" twice means two things, and we may not pick one.

`loads` parses with jiter (the Rust parser pydantic itself is built on) with its duplicate-key
check on; its result goes to pydantic's `validate_python`. Only when jiter finds a duplicate
is the document parsed again, with the standard library, to say where it is as a path
(`roles[0].salary.median`). bench/bench.py --loaders compares this with the alternatives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import jiter


class JsonError(ValueError):
    """The bytes are not one JSON document: the message says what and where (line, column)."""


class DuplicateKeyError(JsonError):
    """An object holds one key twice; `path` names that key, as `roles[3].slug`."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: the key is given more than once")
        self.path = path


def loads(data: bytes | str) -> object:
    """One JSON document as Python objects, refusing duplicate keys, NaN and Infinity."""
    try:
        return jiter.from_json(
            data.encode() if isinstance(data, str) else data,
            allow_inf_nan=False,
            catch_duplicate_keys=True,
        )
    except ValueError as error:
        message = str(error)
        if message.startswith("Detected duplicate key"):
            raise DuplicateKeyError(_first_duplicate(data)) from None
        raise JsonError(message) from None


class _Pairs(list[tuple[str, object]]):
    """An object's members in the order written, duplicates kept."""


def _first_duplicate(data: bytes | str) -> str:
    """The path of the first duplicate key, objects read outside in, in document order."""
    tree = json.loads(data, object_pairs_hook=_Pairs)
    for path in _duplicates(tree, ""):
        return path
    raise AssertionError("jiter reported a duplicate key that the standard library did not see")


def _duplicates(node: object, path: str) -> Iterator[str]:
    if isinstance(node, _Pairs):
        seen: set[str] = set()
        for key, _ in node:
            if key in seen:
                yield _member(path, key)
            seen.add(key)
        for key, value in node:
            yield from _duplicates(value, _member(path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _duplicates(value, f"{path}[{index}]")


def _member(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key)}]"
