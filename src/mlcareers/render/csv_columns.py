"""A CSV's columns: records flattened a column at a time, and each column's cells made in a
few passes over its joined text where the cells need no work one by one.

A full answer of 100,000 roles spent seconds flattening each record and writing each cell
(csv.writer copies a row character by character); the cells come out exactly as csv_text
and csv.writer make them (tests/test_csv_columns.py compares the two on any records).
"""

from __future__ import annotations

import itertools

from mlcareers.render.cleaning import Cleaner, json_is_clean
from mlcareers.render.csv_cells import FORMULA_STARTS, LIST_SEPARATOR, csv_text, quoted
from mlcareers.render.records import dumps_utf8, flatten


def flat_columns(records: list[object]) -> dict[str, list[object]]:
    """The records' values by dotted key (`salary.low`), keys in first-seen order; a record
    without a key has None there. Records of one shape are taken apart a column at a time."""
    columns = _same_shape(records) if records else None
    if columns is not None:
        return columns
    rows = [flatten(record) for record in records]
    keys = dict.fromkeys(key for row in rows for key in row)
    return {key: [row.get(key) for row in rows] for key in keys}


def _same_shape(records: list[object]) -> dict[str, list[object]] | None:
    """The columns of records that are all dicts with the same keys in the same order, whose
    objects inside are, at each key, all non-empty and alike in turn; None for any other."""
    first = records[0]
    if not isinstance(first, dict) or any(type(record) is not dict for record in records):
        return None
    keys = tuple(first)
    if any(tuple(record) != keys for record in records):  # type: ignore[arg-type]
        return None
    columns: dict[str, list[object]] = {}
    for key, column in zip(keys, zip(*map(dict.values, records), strict=True), strict=True):  # type: ignore[arg-type]
        kinds = set(map(type, column))
        if not any(issubclass(kind, dict) for kind in kinds):
            columns[key] = list(column)
        elif kinds == {dict} and all(column):
            inner = _same_shape(list(column))
            if inner is None:
                return None
            for inner_key, values in inner.items():
                columns[f"{key}.{inner_key}"] = values
        else:  # an empty object is a cell of its own, and a mixed column is not one shape
            return None
    return columns


def column_texts(values: list[object], clean: Cleaner) -> list[str]:
    """`csv_text` of every value of one column. A column of whole numbers, yes/no, text or
    nothing, lists of text, or lists of objects, is checked in a few passes over its joined
    text instead of cell by cell; a column those passes cannot vouch for, and any other
    column, goes cell by cell."""
    kinds = set(map(type, values))
    if kinds == {int}:
        return list(map(str, values))
    if kinds <= {bool, type(None)}:
        return [_FLAGS[value] for value in values]  # type: ignore[index]
    texts: list[str] | None = None
    if kinds <= {str, type(None)}:
        texts = ["" if value is None else value for value in values]  # type: ignore[misc]
    elif kinds <= {list, tuple}:
        lists: list[list[object]] = values  # type: ignore[assignment]
        items = set(map(type, itertools.chain.from_iterable(lists)))
        if items <= {str}:
            texts = _joined_lists(lists)  # type: ignore[arg-type]
        elif items == {dict}:
            texts = _json_lists(lists, clean)
    if texts is None or not _inert(texts, clean):
        return [csv_text(value, clean) for value in values]
    return texts


_FLAGS = {True: "true", False: "false", None: ""}


def _joined_lists(values: list[list[str]]) -> list[str]:
    """Lists of text as csv_cell joins them: items with a semicolon or a backslash escaped."""
    texts = [LIST_SEPARATOR.join(value) for value in values]
    joined = "".join(texts)
    separators = sum(map(len, values)) - sum(1 for value in values if value)
    if joined.count(";") == separators and "\\" not in joined:
        return texts
    return [
        text
        if not value or (text.count(";") == len(value) - 1 and "\\" not in text)
        else _escaped(value)
        for text, value in zip(texts, values, strict=True)
    ]


def _escaped(items: list[str]) -> str:
    return LIST_SEPARATOR.join([item.replace("\\", "\\\\").replace(";", "\\;") for item in items])


def _json_lists(values: list[list[object]], clean: Cleaner) -> list[str] | None:
    """Lists of objects as csv_cell writes them, compact JSON (an empty list is no text),
    when the JSON shows nothing to clean."""
    if clean.ascii_only:
        return None
    texts = [dumps_utf8(value) if value else b"" for value in values]
    if not json_is_clean(b"\n".join(texts)):
        return None
    return [text.decode("utf-8") for text in texts]


def _inert(texts: list[str], clean: Cleaner) -> bool:
    """Whether every text is printable, starts no formula and can be encoded as it is: then
    each is its own cell (csv_text's shortcut, taken for the whole column at once)."""
    joined = "".join(texts)
    if not joined.isprintable() or (clean.ascii_only and not joined.isascii()):
        return False
    return _FORMULA.isdisjoint([text[:1] for text in texts])


_FORMULA = frozenset(FORMULA_STARTS)


def quoted_column(cells: list[str]) -> list[str]:
    """`quoted` of every cell; a column with nothing to quote is returned as it is."""
    joined = "".join(cells)
    if "\r" in joined:
        return list(map(quoted, cells))
    if "," in joined or '"' in joined or "\n" in joined:
        # quoted's rule, inline: a function call a cell cost a third of a second at scale
        return [
            '"' + cell.replace('"', '""') + '"'
            if "," in cell or '"' in cell or "\n" in cell
            else cell
            for cell in cells
        ]
    return cells
