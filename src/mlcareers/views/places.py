"""Views of places in the official statistics: where a role's occupation pays most, how its
pay moved over the survey years, and which places the store holds.

Every figure names its source (BLS OEWS, period, area, occupation) in JSON and in a note under
a table. Figures of different occupations are never averaged, and years are never mixed: a
ranking is one occupation in one period; a trend is one occupation, its older codes joined
only through the crosswalk and marked derived.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.official.models import WAGE_FIELDS, Marked
from mlcareers.report import Column, Report, Value, signed_money
from mlcareers.views.common import derived
from mlcareers.views.official import (
    SCOPE,
    SHORT_LABELS,
    SURVEY,
    count_text,
    figure_data,
    soc_data,
    wage_text,
)
from mlcareers.views.prices import Price, adjusted, adjusted_data, prices_notes

if TYPE_CHECKING:
    from mlcareers.official.crosswalk import OldCode
    from mlcareers.official.lookup import Found
    from mlcareers.official.places import AreaLike
    from mlcareers.official.soc import RoleSoc


class WhereBy(enum.StrEnum):
    """What `where` ranks places by."""

    p10 = "p10"
    p25 = "p25"
    median = "median"
    p75 = "p75"
    p90 = "p90"
    mean = "mean"
    employment = "employment"
    jobs_per_1000 = "jobs-per-1000"
    location_quotient = "location-quotient"
    adjusted_median = "adjusted-median"


BY_LABELS = {
    **{field: f"annual {SHORT_LABELS[field].lower()} wage" for field in WAGE_FIELDS},
    "p10": "annual 10th percentile wage",
    "p25": "annual 25th percentile wage",
    "p75": "annual 75th percentile wage",
    "p90": "annual 90th percentile wage",
    "employment": "employment",
    "jobs-per-1000": "jobs per 1,000 jobs",
    "location-quotient": "location quotient",
    "adjusted-median": "annual median wage in US-average prices (derived, BEA price parities)",
}


class Ranked(NamedTuple):
    """One place's figure with what it ranks by: `value` is None when BLS published none (it
    sorts last); a top-coded figure has no value, only `at_least` the survey's cap (None when
    the cap is unknown), and sorts at the cap, or above every published value without one."""

    found: Found
    value: float | None
    top_coded: bool = False
    at_least: int | None = None

    def sort_key(self) -> tuple[int, float]:
        """Published and top-coded values highest first, then nothing published."""
        if self.top_coded:
            return (0, -(self.at_least if self.at_least is not None else float("inf")))
        return (0, -self.value) if self.value is not None else (1, 0.0)


def rank_value(found: Found, by: WhereBy, price: Price | None = None) -> Ranked:
    """The value a figure ranks by, with its marks: a suppressed figure ranks last, a
    top-coded one as the survey's cap, and says so. By the adjusted median, a place with no
    parity (`price`) ranks last, as one with no figure."""
    figure = found.figure
    raw: object
    if by is WhereBy.adjusted_median:
        return _adjusted_value(found, price)
    if by.value in WAGE_FIELDS:
        raw = figure.wage(by.value)
    elif by is WhereBy.employment:
        raw = figure.employment
    elif by is WhereBy.jobs_per_1000:
        raw = figure.jobs_per_1000
    else:
        raw = figure.location_quotient
    if isinstance(raw, Marked):
        if raw.marker == "#" and by.value in WAGE_FIELDS:
            return Ranked(found, None, top_coded=True, at_least=found.dataset.annual_cap)
        return Ranked(found, None)
    if isinstance(raw, int | float):
        return Ranked(found, float(raw))
    return Ranked(found, None)


def _adjusted_value(found: Found, price: Price | None) -> Ranked:
    """The median in US-average prices to rank by: none without a parity (it sorts last); a
    top-coded median at the survey's cap, adjusted alike."""
    median = found.figure.wage("median")
    if price is None:
        return Ranked(found, None)
    if isinstance(median, Marked) and median.marker == "#":
        cap = found.dataset.annual_cap
        at_least = adjusted(cap, price) if cap is not None else None
        return Ranked(found, None, top_coded=True, at_least=at_least)
    return Ranked(found, float(adjusted(median, price)) if isinstance(median, int) else None)


def ranked(
    figures: Sequence[Found], by: WhereBy, prices: Mapping[str, Price] | None = None
) -> list[Ranked]:
    """Highest first; top-coded figures among the highest, at their cap; suppressed last."""
    prices = prices or {}
    entries = [rank_value(found, by, prices.get(found.area.code)) for found in figures]
    return sorted(entries, key=lambda entry: (*entry.sort_key(), entry.found.area.title))


def _number(value: object) -> float | int | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _quotient_text(value: int | float | Marked | None) -> str:
    shown = count_text(value)
    return f"{shown:,.2f}" if isinstance(shown, int | float) else str(shown or "")


def _place_data(area: AreaLike) -> dict[str, object]:
    return {"code": area.code, "title": area.title, "kind": area.kind, "states": list(area.states)}


def _figure_record(
    entry: Ranked, rank: int | None, by: WhereBy, price: Price | None = None
) -> dict[str, object]:
    found = entry.found
    figure = found.figure
    data = figure_data(found)
    data["jobs_per_1000"] = _number(figure.jobs_per_1000)
    data["location_quotient"] = _number(figure.location_quotient)
    for key, value in (
        ("jobs_per_1000", figure.jobs_per_1000),
        ("location_quotient", figure.location_quotient),
    ):
        if isinstance(value, Marked):
            marks = data["marks"]
            assert isinstance(marks, dict)
            marks[key] = {"marker": value.marker, "status": value.status}
    value = entry.value
    return {
        "rank": rank,
        "by": by.value,
        "value": int(value) if value is not None and value.is_integer() else value,
        "top_coded": entry.top_coded,
        "at_least": entry.at_least,
        **data,
        "adjusted_median": adjusted_data(figure.wage("median"), price, found.dataset.annual_cap),
    }


def _wage_columns(path: str) -> tuple[Column, ...]:
    """The wage percentiles and employment, the middle of the distribution kept longest."""
    return (
        Column("p10", "10th", priority=4, path=f"{path}.p10"),
        Column("p25", "25th", priority=2, path=f"{path}.p25"),
        Column("median", "Median", path=f"{path}.median"),
        Column("p75", "75th", priority=2, path=f"{path}.p75"),
        Column("p90", "90th", priority=4, path=f"{path}.p90"),
        Column("employment", "Employed", "int", priority=1, path="employment"),
    )


WHERE_COLUMNS = (
    Column("rank", "#", "int"),
    Column("area", "Area", path="area"),
    Column("code", "Code", priority=3, path="area.code"),
    *_wage_columns("annual"),
    Column("jobs_per_1000", "Per 1,000", priority=3, path="jobs_per_1000"),
    Column("location_quotient", "LQ", priority=3, path="location_quotient"),
)


ADJUSTED_COLUMN = Column("adjusted_median", "Adj. median*", priority=1, path="adjusted_median")


def _where_row(
    entry: Ranked, rank: int | None, title: str | None = None, price: Price | None = None
) -> dict[str, Value]:
    found = entry.found
    figure, cap = found.figure, found.dataset.annual_cap
    employment = figure.employment
    row: dict[str, Value] = {
        "rank": rank,
        "area": title or found.area.title,
        "code": found.area.code,
        "employment": count_text(employment),
        "jobs_per_1000": _quotient_text(figure.jobs_per_1000),
        "location_quotient": _quotient_text(figure.location_quotient),
    }
    for field in ("p10", "p25", "median", "p75", "p90"):
        row[field] = wage_text(figure.wage(field), cap)
    median = figure.wage("median")
    if price is not None:
        row["adjusted_median"] = (
            wage_text(adjusted(median, price), None)
            if isinstance(median, int)
            else wage_text(median, adjusted(cap, price) if cap else None)
        )
    return row


class WhereQuery(NamedTuple):
    """What `where` was asked: the role and its occupation, the period, the filters."""

    role: RoleSoc
    code: str
    period: str
    by: WhereBy
    kind: str
    state: str | None
    min_employment: int | None


def where_report(
    query: WhereQuery,
    figures: Sequence[Found],
    national: Found | None,
    total: int,
    limit: int | None = None,
    prices: Mapping[str, Price] | None = None,
) -> Report:
    """The places ranked by what the role's occupation pays there, the nation as a reference.

    `figures` are the places that passed the filters; `total` how many places had a figure;
    `limit` keeps the first so many (the reference line is not one of them)."""
    prices = prices or {}
    entries = ranked(figures, query.by, prices)
    passed = len(entries)
    entries = entries[:limit] if limit is not None else entries
    rows = [
        _where_row(entry, place, price=prices.get(entry.found.area.code))
        for place, entry in enumerate(entries, start=1)
    ]
    records: list[object] = [
        _figure_record(entry, place, query.by, prices.get(entry.found.area.code))
        for place, entry in enumerate(entries, start=1)
    ]
    occupation = next((ref for ref in query.role.soc if ref.code == query.code), None)
    occupation_title = occupation.title if occupation else query.code
    national_data = None
    if national is not None:
        price = prices.get(national.area.code)
        reference = rank_value(national, query.by, price)
        national_data = _figure_record(reference, None, query.by, price)
        rows.insert(0, _where_row(reference, None, "U.S. (reference, not ranked)", price))
    others = [ref for ref in query.role.soc if ref.code != query.code]
    filters = {
        "kind": query.kind,
        "state": query.state,
        "min_employment": query.min_employment,
    }
    data: dict[str, object] = {
        "role": {"slug": query.role.slug, "title": query.role.title},
        "soc": soc_data(query.role),
        "occupation": {"code": query.code, "title": occupation_title},
        "other_occupations": [{"code": ref.code, "title": ref.title} for ref in others],
        "period": query.period,
        "by": query.by.value,
        "filters": filters,
        "places_with_figures": total,
        "national": national_data,
        "areas": records,
    }
    notes = [
        f"Ranked by the {BY_LABELS[query.by.value]}, highest first"
        + (f", the first {len(entries):,}" if len(entries) < passed else "")
        + f", among {passed:,} of {total:,} places with a figure ({_filter_words(query)}).",
    ]
    if any(entry.top_coded for entry in entries):
        notes.append(
            "≥: top-coded; BLS publishes only that the wage is at least the survey's cap, "
            "so it ranks as the cap (above every published figure where the cap is unknown), "
            "and has no value of its own."
        )
    if any(entry.value is None and not entry.top_coded for entry in entries):
        notes.append(
            "Places with no price parity, or no published median, sort last."
            if query.by is WhereBy.adjusted_median
            else "Places where BLS published no figure for the ranking sort last."
        )
    if others:
        codes = ", ".join(f"{ref.code} {ref.title}" for ref in others)
        notes.append(
            f"{query.role.title} also maps to {codes}: --soc CODE ranks by it. Occupations are "
            "never averaged."
        )
    notes.append(
        f"Official: {SURVEY}, {query.period}, {query.code} {occupation_title}; {SCOPE}. "
        "LQ: location quotient, the occupation's share of jobs here against its share "
        "nationally."
    )
    notes.append(
        f"SOC (derived): {query.role.title} as {query.code} is a judgement; see "
        f"'mlcareers show {query.role.slug}'."
    )
    missing = [entry.found.area.title for entry in entries if entry.found.area.code not in prices]
    notes[1:1] = prices_notes(prices, missing)
    title = f"Where {query.role.title} ({query.code}) pays most, {query.period}"
    columns = (
        (*WHERE_COLUMNS[:-2], ADJUSTED_COLUMN, *WHERE_COLUMNS[-2:]) if prices else WHERE_COLUMNS
    )
    # The figure the places are ranked by is kept at any width, as the median is.
    ranked_by = query.by.value.replace("-", "_")
    columns = tuple(
        column._replace(priority=0) if column.key == ranked_by else column for column in columns
    )
    return Report(columns, tuple(rows), data, title, tuple(notes), records_key="areas")


def _filter_words(query: WhereQuery) -> str:
    kinds = {"metro": "metro areas", "state": "states", "nonmetro": "nonmetro areas"}
    words = [kinds.get(query.kind, "every kind of area")]
    if query.state:
        words.append(f"in {query.state}")
    if query.min_employment:
        words.append(f"employing at least {query.min_employment:,}")
    return " ".join(words)


# ---------------------------------------------------------------- trend


class Year(NamedTuple):
    """One survey period of a trend: its figure, through an older code or not, or a gap:
    `comparable` says whether the period has a comparable code at all."""

    period: str
    found: Found | None
    old: OldCode | None
    comparable: bool = True


TREND_COLUMNS = (
    Column("period", "Period"),
    # Never left out: its * is what marks a year joined through an older, wider code.
    Column("code", "SOC", path="occupation.code"),
    *_wage_columns("annual"),
    Column("change", "Median change*", priority=1, path="median_change"),
)

CHANGE_METHOD = (
    "the median of this period minus the median of the period before it that has one, in "
    "nominal dollars (not adjusted for prices)"
)


def trend_report(role: RoleSoc, code: str, place: str, years: Sequence[Year]) -> Report:
    """One occupation's wage percentiles and employment per survey period, with the change in
    median from the period before, in nominal dollars."""
    rows: list[dict[str, Value]] = []
    records: list[object] = []
    before: tuple[int, OldCode | None] | None = None
    unfair = False
    for year in years:
        if year.found is None:
            gap = (
                "no figure stored for this place in this period"
                if year.comparable
                else "no comparable occupation code in this period"
            )
            rows.append({"period": year.period, "code": "", "median": gap})
            records.append(
                {
                    "period": year.period,
                    "occupation": None,
                    "annual": None,
                    "employment": None,
                    "median_change": None,
                    "crosswalk": None,
                    "gap": gap,
                }
            )
            continue
        found = year.found
        median = found.figure.median if isinstance(found.figure.median, int) else None
        change = None
        if median is not None and before is not None:
            if _same_jobs(before[1], year.old):
                change = median - before[0]
            else:
                unfair = True
        row = _where_row(Ranked(found, None), None)
        row["period"] = year.period
        row["code"] = found.occupation.code + ("*" if year.old else "")
        row["change"] = signed_money(change) if change is not None else ""
        rows.append(row)
        record = figure_data(found)
        record["period"] = year.period
        record["median_change"] = derived(change, CHANGE_METHOD) if change is not None else None
        record["crosswalk"] = (
            {
                "derived": True,
                "from": {"code": year.old.code, "title": year.old.title},
                "to": code,
                "crosswalk": year.old.crosswalk,
                "comparability": year.old.comparability,
            }
            if year.old
            else None
        )
        record["gap"] = None
        records.append(record)
        if median is not None:
            before = (median, year.old)
    notes = [
        "Nominal dollars: each period's wages as published, not adjusted for prices.",
        f"* Derived: {CHANGE_METHOD}.",
    ]
    for old in dict.fromkeys(year.old for year in years if year.old):
        notes.append(
            f"{old.code}* (derived): {old.title}, mapped to {code} by the {old.crosswalk}; "
            f"{old.comparability}."
        )
    if unfair:
        notes.append(
            "No change is given between periods of a wider older code and the code itself: "
            "they count different sets of jobs."
        )
    if any(year.found is None for year in years):
        notes.append("A period without a figure is a gap: nothing is filled in.")
    notes.append(f"Official: {SURVEY}, {place}; {SCOPE}.")
    data: dict[str, object] = {
        "role": {"slug": role.slug, "title": role.title},
        "soc": soc_data(role),
        "occupation": {"code": code},
        "place": place,
        "periods": records,
    }
    title = f"{role.title} ({code}) in {place}, by survey period"
    return Report(TREND_COLUMNS, tuple(rows), data, title, tuple(notes), records_key="periods")


def _same_jobs(first: OldCode | None, second: OldCode | None) -> bool:
    """Whether two periods' figures count the same jobs: the same code, or an older code that
    is the same occupation."""
    if first == second:
        return True
    return all(old is None or old.same_occupation for old in (first, second))


# ---------------------------------------------------------------- official areas


AREA_COLUMNS = (
    Column("code", "Code"),
    Column("title", "Area"),
    Column("kind", "Kind", priority=2),
    Column("states", "States", priority=3),
    Column("periods", "Periods", priority=1),
    Column("roles", "Roles*", "int", priority=1, path="roles_with_figures"),
)


def areas_report(
    areas: Sequence[AreaLike],
    periods: dict[str, tuple[str, ...]],
    roles: dict[str, int],
    total_roles: int,
    term: str | None,
) -> Report:
    """The places the store holds, with how many of the catalogue's roles have a figure."""
    rows: tuple[dict[str, Value], ...] = tuple(
        {
            "code": area.code,
            "title": area.title,
            "kind": area.kind,
            "states": ", ".join(area.states),
            "periods": ", ".join(periods.get(area.code, ())),
            "roles": roles.get(area.code, 0),
        }
        for area in areas
    )
    data: list[object] = [
        {
            **_place_data(area),
            "periods": list(periods.get(area.code, ())),
            "roles_with_figures": derived(
                roles.get(area.code, 0),
                f"how many of the catalogue's {total_roles} roles have a figure for at least "
                "one of their occupations there, in the latest period",
            ),
        }
        for area in areas
    ]
    notes = [
        f"* Roles: how many of the catalogue's {total_roles} roles have a figure for one of "
        "their occupations there, in the latest period (derived).",
        "Name a place by its code, its title or the start of it, its first city, 'City, ST', "
        "or a state's name or postal code.",
    ]
    title = (
        f"Places in the official store matching {term!r}"
        if term
        else "Places in the official store"
    )
    return Report(AREA_COLUMNS, rows, data, title, tuple(notes))
