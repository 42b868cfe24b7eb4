"""Pay in places: the article's figure for a city and the official figures for its area,
side by side, for `compare --city` (every role, or those named, in one place or several) and
for `show ROLE --city`.

Each record has the same keys with or without a store, and after any import: what is missing
is null or empty, with the reason. The article's city figure keeps its scope (whose pay it
is); an official figure keeps its source; neither is derived from the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.cities import CityFigure, absence, city_figure
from mlcareers.official.models import WAGE_FIELDS
from mlcareers.report import Column, Report, Value, money_range
from mlcareers.views.common import city_figure_data, figure_sentence
from mlcareers.views.common import source_note as article_source
from mlcareers.views.official import (
    CITY_COLUMNS,
    count_text,
    figure_data,
    soc_data,
    source_note,
    wage_text,
)
from mlcareers.views.prices import Price, adjusted, adjusted_data, prices_notes

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role
    from mlcareers.official.lookup import Found
    from mlcareers.official.places import Place

NO_STORE = "no official figures are stored"
NO_PLACE = "the store has no figures for this place"
NO_ROLE = "the store has no figure for this role's occupation(s) here"
NOT_AN_AREA = "this place is not an area of the official survey"


class PlacePay(NamedTuple):
    """One role in one place: the article's figure for the city and the official figures."""

    place: Place
    role: Role
    figure: CityFigure | None
    found: Sequence[Found]
    reason: str | None
    price: Price | None = None
    """The place's price parity for the figures' year, when one is stored."""


def place_data(place: Place) -> dict[str, object]:
    """A place in JSON: the name typed, and the area it resolved to (null parts when none)."""
    kind = place.area.kind if place.area is not None else ("metro" if place.code else None)
    return {"name": place.name, "code": place.code, "title": place.title, "kind": kind}


def pay_in_place(
    catalogue: Catalogue,
    place: Place,
    role: Role,
    found: Sequence[Found],
    stored: bool,
    area_stored: bool,
) -> PlacePay:
    """A role in a place, with why an official figure is missing when one is."""
    figure = city_figure(catalogue, place.city) if place.city is not None else None
    reason = None
    if not found:
        if not stored:
            reason = NO_STORE
        elif place.code is None:
            reason = NOT_AN_AREA
        elif not area_stored:
            reason = NO_PLACE
        else:
            reason = NO_ROLE
    return PlacePay(place, role, figure, found, reason)


def _article(pay: PlacePay) -> dict[str, object]:
    if pay.figure is None:
        return {
            "city": None,
            "city_figure": None,
            "city_pay": None,
            "city_pay_note": f"The source gives no figure for {pay.place.label}.",
        }
    return city_figure_data(pay.figure, pay.role)


def official_data(pay: PlacePay) -> dict[str, object]:
    """The official part of a record: the figures, whether a store exists, and why none."""
    return {
        "figures": [
            {
                **figure_data(found),
                "adjusted_median": adjusted_data(
                    found.figure.wage("median"), pay.price, found.dataset.annual_cap
                ),
            }
            for found in pay.found
        ],
        "stored": pay.reason != NO_STORE,
        "reason": pay.reason,
    }


def record(pay: PlacePay) -> dict[str, object]:
    """One role in one place in JSON: the same keys whatever the store holds."""
    role = pay.role
    return {
        "place": place_data(pay.place),
        "slug": role.slug,
        "title": role.title,
        "salary": role.salary.model_dump(),
        **_article(pay),
        "soc": soc_data_of(role),
        "official": official_data(pay),
    }


def soc_data_of(role: Role) -> dict[str, object]:
    """A catalogue role's occupations in JSON."""
    from mlcareers.official.soc import role_soc  # noqa: PLC0415

    return soc_data(role_soc(role))


ARTICLE_COLUMNS = (
    Column("title", "Role"),
    Column("median", "Median", "money", priority=2, path="salary.median"),
    Column("salary", "National base salary", "money_range", path="salary"),
    Column("city_pay", "City pay, this role", "money_range", path="city_pay"),
)
CITY_PAY_COLUMN = Column("city_pay", "Article's city range", "money_range", path="city_pay")


def compare_places_report(catalogue: Catalogue, pays: Sequence[PlacePay]) -> Report:
    """Roles in one or more places: official percentiles where the store has them, beside
    the article's city figures; the article's national ranges where it has none."""
    places = list(dict.fromkeys(pay.place for pay in pays))
    several = len(places) > 1
    place_column = (Column("place", "Area", path="place"),) if several else ()
    official = any(pay.found for pay in pays)
    rows: list[dict[str, Value]] = []
    if official:
        priced = (ADJUSTED_COLUMN,) if any(pay.price for pay in pays) else ()
        columns = (*place_column, *CITY_COLUMNS, *priced, CITY_PAY_COLUMN)
        for pay in pays:
            rows.extend(_official_rows(pay))
    else:
        columns = (*place_column, *ARTICLE_COLUMNS)
        rows.extend(_article_row(pay) for pay in pays)
    notes = _notes(catalogue, pays, places, official)
    notes[1:1] = _price_notes(pays)
    title = "Pay in " + _and([_place_name(place, official) for place in places])
    data: list[object] = [record(pay) for pay in pays]
    return Report(columns, tuple(rows), data, title, tuple(notes), source=article_source(catalogue))


ADJUSTED_COLUMN = Column("adjusted_median", "Adj. median*", priority=0, path="official")


def _price_notes(pays: Sequence[PlacePay]) -> list[str]:
    """What an adjusted median is and which parities gave it, where any is shown."""
    prices = {
        pay.place.code: pay.price for pay in pays if pay.price and pay.found and pay.place.code
    }
    missing = sorted(
        {pay.place.title for pay in pays if pay.found and pay.price is None and pay.place.title}
    )
    return prices_notes(prices, missing) if prices else []


def _and(names: Sequence[str]) -> str:
    """Names joined as a sentence joins them: a, b and c."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _place_name(place: Place, official: bool) -> str:
    if official or place.city is None:
        return place.label
    return f"{place.city.name}, {place.city.region}"


def _article_row(pay: PlacePay) -> dict[str, Value]:
    role = pay.role
    own = pay.figure is not None and pay.figure.is_for(role)
    salary = pay.figure.city.salary if pay.figure is not None else None
    return {
        "place": _place_name(pay.place, False),
        "title": role.title,
        "median": role.salary.median,
        "salary": (role.salary.low, role.salary.high),
        "city_pay": (salary.low, salary.high) if own and salary else "not in the source",
    }


def _official_rows(pay: PlacePay) -> list[dict[str, Value]]:
    role = pay.role
    hits = {found.occupation.code: found for found in pay.found}
    own = pay.figure is not None and pay.figure.is_for(role)
    article: Value = None
    if own and pay.figure is not None:
        article = (pay.figure.city.salary.low, pay.figure.city.salary.high)
    rows: list[dict[str, Value]] = []
    for occupation in role.soc or ():
        hit = hits.get(occupation.code)
        row: dict[str, Value] = {
            "place": pay.place.code or pay.place.label,
            "slug": role.slug,
            "title": role.title,
            "soc": occupation.code,
            "soc_title": hit.occupation.title if hit else occupation.title,
        }
        if hit is None:
            row["median"] = "none stored"
        else:
            cap = hit.dataset.annual_cap
            for field in WAGE_FIELDS:
                row[field] = wage_text(hit.figure.wage(field), cap)
            employment = hit.figure.employment
            row["employment"] = count_text(employment)
        if hit is not None and pay.price is not None:
            median = hit.figure.wage("median")
            cap = hit.dataset.annual_cap
            row["adjusted_median"] = (
                wage_text(adjusted(median, pay.price), None)
                if isinstance(median, int)
                else wage_text(median, adjusted(cap, pay.price) if cap else None)
            )
        row["city_pay"] = article
        rows.append(row)
    return rows


def _notes(
    catalogue: Catalogue, pays: Sequence[PlacePay], places: Sequence[Place], official: bool
) -> list[str]:
    notes: list[str] = []
    figures = list(dict.fromkeys(pay.figure for pay in pays if pay.figure is not None))
    for figure in figures:
        notes.append(figure_sentence(figure))
        roles = [pay.role for pay in pays if pay.figure == figure]
        if len(roles) == 1 and (said := absence(figure, roles[0])) is not None:
            notes.append(said)
    if len(places) > 1 and official:
        coded = [f"{place.code}: {place.title}" for place in places if place.code]
        if coded:
            notes.append("Areas: " + "; ".join(coded) + ".")
    for place in places:
        if place.city is not None and place.code is not None and official:
            notes.append(
                f"{place.city.name}, {place.city.region} lies in {place.title} ({place.code}), "
                "the area the official figures cover."
            )
    found = [f for pay in pays for f in pay.found]
    if official:
        notes.append(source_note(found))
        notes.append(
            "SOC (derived): each role's occupation is a judgement; see 'mlcareers show ROLE'."
        )
        missing = sorted({pay.place.label for pay in pays if pay.reason in (NO_PLACE, NOT_AN_AREA)})
        if missing:
            notes.append(f"No official figure is stored for {', '.join(missing)}.")
    else:
        notes.append(
            "National figures are US base salaries; the source does not call its city figures "
            "base salary."
        )
    notes.append("No city figure is derived: each is the source's own, with the scope it gives.")
    reasons = {pay.reason for pay in pays}
    if NO_STORE in reasons:
        from mlcareers.official.paths import HOW_TO_ADD  # noqa: PLC0415 -- text only

        notes.append(HOW_TO_ADD)
    elif not official and (NO_PLACE in reasons or NO_ROLE in reasons or NOT_AN_AREA in reasons):
        notes.append("The official store has no figure for these roles in this place.")
    notes.append(article_source(catalogue))
    return notes


def show_places(
    pays: Sequence[PlacePay],
) -> tuple[list[tuple[str, str, Value]], list[object], list[str]]:
    """`show ROLE --city`: a line for each place's article figure and one for each official
    figure there; their JSON records; and the notes that name the official figures' source."""
    fields: list[tuple[str, str, Value]] = []
    for pay in pays:
        figure, role = pay.figure, pay.role
        where = pay.place.code or pay.place.label
        if figure is None:
            fields.append(
                ("city", f"In {where}", f"The source gives no figure for {pay.place.label}.")
            )
        else:
            pay_range = money_range(figure.city.salary.low, figure.city.salary.high)
            place = f"{figure.city.name}, {figure.city.region}"
            # Not the role's own figure: whose pay it is comes first, so that the range is
            # never read as the role's.
            text = (
                f"{pay_range} a year ({figure.scope})"
                if figure.is_for(role)
                else f"{figure.scope}. Range: {pay_range} a year. The source gives no {place} "
                f"figure for {role.title}."
            )
            fields.append(("city", f"In {figure.city.name}, {figure.city.region}", text))
        for found in pay.found:
            cap = found.dataset.annual_cap
            text = (
                f"{found.occupation.code} {found.occupation.title}, {found.area.title}, "
                f"{found.dataset.period}: median {wage_text(found.figure.median, cap)}; 10th to "
                f"90th {wage_text(found.figure.p10, cap)} to {wage_text(found.figure.p90, cap)}"
            )
            median = found.figure.median
            if pay.price is not None and isinstance(median, int):
                text += (
                    f"; adj. median* {wage_text(adjusted(median, pay.price), None)} in "
                    f"US-average prices (price parity {pay.price.value:g}, {pay.price.year})"
                )
            fields.append(("city_official", f"BLS in {where}", text))
        if not pay.found and pay.reason not in (None, NO_STORE):
            reason = pay.reason or ""
            fields.append(
                ("city_official", f"BLS in {where}", reason[:1].upper() + reason[1:] + ".")
            )
    records: list[object] = [
        {"place": place_data(pay.place), **_article(pay), "official": official_data(pay)}
        for pay in pays
    ]
    every = [f for pay in pays for f in pay.found]
    notes = [source_note(every)] if every else []
    return fields, records, [*notes, *_price_notes(pays)]
