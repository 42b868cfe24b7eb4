"""JSON (pretty-printed, the report's data) and NDJSON (one compact record a line)."""

from __future__ import annotations

from typing import TextIO

from mlcareers.render.cleaning import Cleaner, json_is_clean
from mlcareers.render.records import dumps, dumps_utf8
from mlcareers.report import Report


class JsonFormatter:
    """Pretty-printed JSON of the report's data; ASCII-escaped where the stream is not UTF-8."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        if not clean.ascii_only:
            text = dumps_utf8(report.data, indent=2)
            if json_is_clean(text):
                out.write(text.decode("utf-8") + "\n")
                return
        out.write(dumps(clean.tree(report.data), clean.ascii_only, indent=2) + "\n")


class NdjsonFormatter:
    """One compact JSON object a line, one line per record."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        for record in report.records():
            text = b"" if clean.ascii_only else dumps_utf8(record)
            line = (
                text.decode("utf-8")
                if text and json_is_clean(text)
                else dumps(clean.tree(record), clean.ascii_only)
            )
            out.write(line + "\n")
