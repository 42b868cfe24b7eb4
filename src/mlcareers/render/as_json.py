"""JSON (pretty-printed, the report's data) and NDJSON (one compact record a line).

A list of records is written one record at a time, in batches: the whole answer is never
held as one string beside the records (with 100,000 roles that string was 180 MB)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from pydantic_core import to_json

from mlcareers.render.cleaning import Cleaner, json_is_clean
from mlcareers.render.records import dumps, dumps_utf8
from mlcareers.report import Report

BATCH = 500
"""Records written at a time."""


class JsonFormatter:
    """Pretty-printed JSON of the report's data; ASCII-escaped where the stream is not UTF-8."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        data = report.data
        if isinstance(data, list) and data:
            out.write("[\n  ")
            _write_joined(out, (_items(batch, clean) for batch in _batches(data)), ",\n  ")
            out.write("\n]\n")
            return
        out.write(_json(data, clean, 2) + "\n")


class NdjsonFormatter:
    """One compact JSON object a line, one line per record."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        lines = (_lines(batch, clean) for batch in _batches(report.flat_records()))
        if _write_joined(out, lines, "\n"):
            out.write("\n")


def _items(batch: list[object], clean: Cleaner) -> str:
    """A batch of an array's items as json.dumps(data, indent=2) lays them: each one level in,
    joined by commas, without the brackets. One pydantic-core call writes the whole batch."""
    if not clean.ascii_only:
        text = dumps_utf8(batch, 2)
        if json_is_clean(text):
            return text[4:-2].decode("utf-8")  # b"[\n  " ... b"\n]"
    return ",\n  ".join(_json(item, clean, 2).replace("\n", "\n  ") for item in batch)


def _lines(batch: list[object], clean: Cleaner) -> str:
    """A batch of records as compact JSON lines, checked once for anything to clean."""
    if not clean.ascii_only:
        text = b"\n".join(map(to_json, batch))  # compact: pydantic-core's default
        if json_is_clean(text):
            return text.decode("utf-8")
    return "\n".join(_json(record, clean, None) for record in batch)


def _json(data: object, clean: Cleaner, indent: int | None) -> str:
    """`data` as JSON text, cleaned: written straight when the text shows nothing to clean,
    else from the cleaned tree (see cleaning.json_is_clean)."""
    if not clean.ascii_only:
        text = dumps_utf8(data, indent)
        if json_is_clean(text):
            return text.decode("utf-8")
    return dumps(clean.tree(data), clean.ascii_only, indent)


def _write_joined(out: TextIO, texts: Iterable[str], between: str) -> bool:
    """Write `texts` with `between` between them; whether there was any."""
    wrote = False
    for text in texts:
        out.write((between if wrote else "") + text)
        wrote = True
    return wrote


def _batches(items: list[object]) -> Iterator[list[object]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]
