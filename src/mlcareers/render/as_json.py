"""JSON (pretty-printed, the report's data) and NDJSON (one compact record a line)."""

from __future__ import annotations

from typing import TextIO

from mlcareers.render.cleaning import Cleaner
from mlcareers.render.records import dumps
from mlcareers.report import Report


class JsonFormatter:
    """Pretty-printed JSON of the report's data; ASCII-escaped where the stream is not UTF-8."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        out.write(dumps(clean.tree(report.data), clean.ascii_only, indent=2) + "\n")


class NdjsonFormatter:
    """One compact JSON object a line, one line per record."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        for record in report.flat_records():
            out.write(dumps(clean.tree(record), clean.ascii_only) + "\n")
