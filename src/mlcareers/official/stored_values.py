"""Values read back from the store, each checked as the import checked them: a damaged store
is a ValueError (the reader turns it into a StoreError naming the store), never a wrong figure.
Plain code, not the models: a query reads hundreds of rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from mlcareers.official.models import (
    MARKERS,
    MAX_DOLLARS,
    MAX_PERCENT_CHANGE,
    MAX_PROJECTED,
    NOT_AVAILABLE,
    ONE_LINE,
    Marked,
    StoredFigure,
    StoredProjection,
)
from mlcareers.official.schema import _ROW_LIMITS, PROJECTION_VALUES


def figure(values: Sequence[object], marks: dict[str, Marked]) -> StoredFigure:
    """A stored figure, each value checked as the models would check it, at a fraction
    of the cost (hundreds of figures a query): a mark, nothing, or a number in its range
    (a whole one where the value is whole). ValueError (a damaged store) else. `marks`
    keeps each mark made, to be made once per connection."""
    checked: list[object] = []
    for value, (limit, whole) in zip(values, _ROW_LIMITS, strict=True):
        kind = value.__class__
        if value is None:
            checked.append(None)
        elif (kind is int or (kind is float and not whole)) and 0 <= value <= limit:  # type: ignore[operator]
            checked.append(value)
        elif kind is str:
            checked.append(_mark(value, marks))  # type: ignore[arg-type]
        else:
            raise ValueError(f"{value!r} is not a figure")
    return StoredFigure._make(checked)


def _mark(text: str, marks: dict[str, Marked]) -> Marked:
    mark = marks.get(text)
    if mark is None:
        if text not in MARKERS:
            raise ValueError(f"{text!r} is not a BLS mark")
        mark = marks[text] = Marked.model_construct(marker=text)  # type: ignore[arg-type]
    return mark


def moment(text: str) -> dt.datetime:
    """An import's time, as stored (ISO 8601; UTC when it names no zone)."""
    when = dt.datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def source(value: object) -> str:
    """What a dataset's figures are: OEWS, projections (ep) or price parities (rpp)."""
    if value in ("oews", "ep", "rpp"):
        return str(value)
    raise ValueError(f"{value!r} is not a source of figures")


def parity_code(value: object) -> str:
    """A parity's area: a GeoFIPS code of five digits."""
    if type(value) is str and len(value) == 5 and value.isdigit():
        return value
    raise ValueError(f"{value!r} is not a GeoFIPS code")


def parity_year(value: object) -> int:
    """A parity's year, which every parity has."""
    found = year(value)
    if found is None:
        raise ValueError("a parity without its year")
    return found


def parity_value(value: object) -> float:
    """An all-items parity: 100 is the national price level."""
    if type(value) in (int, float) and 50 <= value <= 200:  # type: ignore[operator]
        return float(value)  # type: ignore[arg-type]
    raise ValueError(f"{value!r} is not a price parity")


def year(value: object) -> int | None:
    """A year, or None where the store has none."""
    if value is None or (type(value) is int and 1900 <= value <= 2200):
        return value
    raise ValueError(f"{value!r} is not a year")


_EDUCATION = re.compile(ONE_LINE)
_COUNTS = (
    (0, MAX_PROJECTED),  # base employment
    (0, MAX_PROJECTED),  # target employment
    (-MAX_PROJECTED, MAX_PROJECTED),  # change
)


def projection(values: Sequence[object], top_coded: object) -> StoredProjection:
    """A stored projection, each value checked as the reader checked it (ValueError when the
    store is damaged): counts, a percent, whole dollars, one line of text, or the dash BLS
    writes for a value it does not give."""
    base, target, change, percent, openings, wage, education = values
    dashes = frozenset(
        name
        for name, value in zip(PROJECTION_VALUES, values, strict=True)
        if value == NOT_AVAILABLE
    )

    def whole(value: object, low: int, high: int) -> int | None:
        if value is None or value == NOT_AVAILABLE:
            return None
        if type(value) is int and low <= value <= high:
            return value
        raise ValueError(f"{value!r} is not a count")

    base_count, target_count, change_count = (
        whole(value, *limits) for value, limits in zip((base, target, change), _COUNTS, strict=True)
    )
    if (
        percent is not None
        and percent != NOT_AVAILABLE
        and not (type(percent) in (int, float) and -100 <= percent <= MAX_PERCENT_CHANGE)  # type: ignore[operator]
    ):
        raise ValueError(f"{percent!r} is not a percent change")
    if education is not None and not (
        isinstance(education, str) and len(education) <= 300 and _EDUCATION.fullmatch(education)
    ):
        raise ValueError(f"{education!r} is not an education")
    if top_coded not in (0, 1):
        raise ValueError(f"{top_coded!r} is not a top-code flag")
    dollars = whole(wage, 1, MAX_DOLLARS)
    return StoredProjection(
        base_employment=base_count,
        target_employment=target_count,
        employment_change=change_count,
        percent_change=float(percent) if isinstance(percent, int | float) else None,
        openings=whole(openings, 0, MAX_PROJECTED),
        median_wage=None if top_coded else dollars,
        entry_education=education
        if isinstance(education, str) and education != NOT_AVAILABLE
        else None,
        median_wage_at_least=dollars if top_coded else None,
        not_available=dashes,
    )
