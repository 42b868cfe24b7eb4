"""Markdown: a GitHub table, the title as a heading, the notes under it; every cell inert."""

from __future__ import annotations

from typing import TextIO

from mlcareers.render.cleaning import Cleaner
from mlcareers.render.human import NUMERIC, human_text, human_view
from mlcareers.report import Column, Format, Report, Value

_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "~": "\\~",
    }
)


def markdown_text(text: str) -> str:
    """Text inert inside a markdown table cell: HTML escaped, markup and cell breaks quoted."""
    return "<br>".join(line.translate(_MARKDOWN) for line in text.split("\n"))


class MarkdownFormatter:
    """A GitHub table, with the title as a heading and the notes under it."""

    def write(self, report: Report, out: TextIO) -> None:
        self._write(report, out)
        for part in report.parts:
            if part.rows:
                out.write("\n")
                self._write(part, out)

    def _write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        columns, rows = human_view(report, Format.markdown)

        def cell(column: Column, value: Value) -> str:
            if isinstance(value, tuple) and column.kind != "money_range":
                return "<br>".join(markdown_text(clean.line(str(item))) for item in value)
            return markdown_text(clean(human_text(column, value, "\n")))

        if report.title:
            out.write(f"## {markdown_text(clean.line(report.title))}\n\n")
        out.write("| " + " | ".join(markdown_text(clean.line(c.header)) for c in columns) + " |\n")
        rule = ("---:" if column.kind in NUMERIC else "---" for column in columns)
        out.write("| " + " | ".join(rule) + " |\n")
        for row in rows:
            out.write("| " + " | ".join(cell(c, row.get(c.key)) for c in columns) + " |\n")
        if report.notes:
            out.write("\n" + "".join(f"- {markdown_text(clean(n))}\n" for n in report.notes))
