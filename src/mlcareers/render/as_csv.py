"""CSV: one row per record, nested objects flattened to dotted columns (`salary.low`).

The columns are the union of every record's keys in first-seen order (csv_columns); each
cell is written as csv_cells says: lists joined so that they can be split again, lists of
objects as JSON, text a spreadsheet would evaluate made inert.
"""

from __future__ import annotations

import itertools
from typing import TextIO

from mlcareers.render.cleaning import Cleaner
from mlcareers.render.csv_cells import csv_text, quoted, write_with_csv
from mlcareers.render.csv_columns import column_texts, flat_columns, quoted_column
from mlcareers.report import Report


class CsvFormatter:
    """One header row of dotted field names, then one row of raw values per record."""

    def write(self, report: Report, out: TextIO) -> None:
        clean = Cleaner(out)
        records = report.flat_records()
        values = flat_columns(records)
        keys = list(values)
        if not keys:  # no records: nothing says what the columns would be
            return
        source = report.source if report.source and not report.fields else None
        columns = [column_texts(column, clean) for column in values.values()]
        if source is not None and "source" not in keys:
            keys.append("source")
            columns.append([csv_text(source, clean)] * len(records))
        header = [clean(key) for key in keys]
        if len(keys) == 1:  # csv quotes a lone empty field ("") to tell it from a blank line
            write_with_csv(out, [header, *([cell] for cell in columns[0])])
            return
        out.write(",".join(map(quoted, header)) + "\n")
        lines = map(",".join, zip(*map(quoted_column, columns), strict=True))
        for _ in range(0, len(records), BATCH):
            out.write("\n".join(itertools.islice(lines, BATCH)) + "\n")


BATCH = 2_000
"""Rows written at a time."""
