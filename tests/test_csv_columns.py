"""The CSV writer works a column at a time and quotes cells itself (for speed): whatever the
records hold, it must write exactly what csv.writer writes from csv_text of every cell."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from mlcareers.render.as_csv import CsvFormatter
from mlcareers.render.cleaning import Cleaner
from mlcareers.render.csv_cells import csv_text
from mlcareers.render.records import flatten
from mlcareers.report import Column, Report

TRICKY = st.text(st.sampled_from([*'ab ;,"\\=+-@\t\r\n\x1b\x85é–', "\u2028", "\u202e"]), max_size=8)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False), TRICKY
)
VALUES = st.one_of(
    SCALARS,
    st.lists(TRICKY, max_size=3),
    st.tuples(TRICKY, TRICKY),
    st.lists(st.integers(0, 3), max_size=2),
    st.lists(st.dictionaries(st.sampled_from("xy"), SCALARS, max_size=2), max_size=2),
    st.dictionaries(st.sampled_from("pq"), SCALARS, max_size=2),
)
RECORDS = st.lists(
    st.dictionaries(st.sampled_from(["a", "b", "c,d", "e"]), VALUES, max_size=4), max_size=6
)


def stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="")


def text_of(out: io.TextIOWrapper) -> str:
    out.flush()
    buffer = out.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode(out.encoding)


def reference(records: list[object], source: str | None, out: io.TextIOWrapper) -> str:
    """The writer as it was: flatten, the union of keys, csv.writer over csv_text."""
    clean = Cleaner(out)
    rows = [flatten(record) for record in records]
    keys = list(dict.fromkeys(key for row in rows for key in row))
    if not keys:
        return ""
    if source is not None and "source" not in keys:
        keys.append("source")
        for row in rows:
            row["source"] = source
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([clean(key) for key in keys])
    for row in rows:
        writer.writerow([csv_text(row.get(key), clean) for key in keys])
    return text_of(out)


@settings(max_examples=400, deadline=None)
@given(
    RECORDS,
    st.sampled_from(["utf-8", "ascii"]),
    st.one_of(st.none(), TRICKY.filter(bool)),
)
def test_the_column_writer_writes_what_csv_writer_writes(
    records: list[object], encoding: str, source: str | None
) -> None:
    report = Report((Column("a", "A"),), [], records, source=source)
    out = stream(encoding)
    CsvFormatter().write(report, out)
    assert text_of(out) == reference(records, source, stream(encoding))


def test_many_rows_are_written_across_batches() -> None:
    records: list[object] = [
        {"n": n, "name": f"role, {n}", "tags": ["x", "y"]} for n in range(4500)
    ]
    out = stream("utf-8")
    CsvFormatter().write(Report((), [], records), out)
    written = text_of(out)
    assert written == reference(records, None, stream("utf-8"))
    assert written.count("\n") == 4501
