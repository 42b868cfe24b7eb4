"""Views of pay: the ranking, one role in full, roles side by side, cities and conversions."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.pay import ANNUALISED_METHOD, HOURS_PER_YEAR, Per
from mlcareers.ranking import RankBy
from mlcareers.report import (
    TABLE_ONLY,
    Bar,
    Column,
    LazyNotes,
    LazyRows,
    Report,
    Value,
    money,
    money_range,
)
from mlcareers.views.common import (
    NOT_STATED,
    OfficialBlock,
    annualised_data,
    annualised_range,
    city_data,
    derived,
    given_figure,
    role_data,
    source_note,
)

if TYPE_CHECKING:
    from mlcareers.cities import CityFigure
    from mlcareers.comparison import Side
    from mlcareers.models import Catalogue, Role
    from mlcareers.pay import Conversion
    from mlcareers.ranking import Ranked
    from mlcareers.views.place_pay import PlacePay

RANK_TITLES = {
    RankBy.median: "median base salary",
    RankBy.low: "low end of the salary range",
    RankBy.high: "high end of the salary range",
    RankBy.hourly: "top freelance hourly rate",
}
PAY_NOTE = "Salaries: US annual base pay, national. Hourly: freelance rates on Upwork."
ANNUALISED_NOTE = f"* Derived: {ANNUALISED_METHOD}."
NO_CITY_DERIVED = "No city figure is derived: each is the source's own, with the scope it gives."


def rank_report(catalogue: Catalogue, ranked: Sequence[Ranked], by: RankBy) -> Report:
    """The rank command's result."""
    # The bars' shared scale, found only when a table or its notes are drawn.
    scale = functools.cache(lambda: _scale([entry.role for entry in ranked]))
    columns: tuple[Column, ...] = (
        Column("rank", "#", "int"),
        *ROLE_COLUMNS,
        *PAY_COLUMNS,
        Column("bar", "Low ━━●━━ high", "bar", TABLE_ONLY, priority=2, path="salary"),
    )
    if by is RankBy.hourly:
        columns = (
            *columns[:-1],
            Column(
                "hourly_annualised",
                "If billed all year*",
                "money_range",
                priority=3,
                path="hourly_annualised",
            ),
        )
    rows = LazyRows(ranked, lambda entry: _rank_row(entry, scale()))
    data: list[object] = [_ranked_data(entry, by) for entry in ranked]
    notes = (
        f"Ranked by {RANK_TITLES[by]}. {PAY_NOTE}",
        *((ANNUALISED_NOTE,) if by is RankBy.hourly else ()),
        source_note(catalogue),
    )
    return Report(
        columns,
        rows,
        data,
        f"ML roles by {RANK_TITLES[by]}",
        notes,
        LazyNotes(lambda: (_bar_note(scale()),)),
        source=source_note(catalogue),
    )


def _scale(roles: Sequence[Role]) -> tuple[int, int]:
    """One scale for every bar: the lowest low to the highest high."""
    return (
        min((role.salary.low for role in roles), default=0),
        max((role.salary.high for role in roles), default=0),
    )


def _bar_note(scale: tuple[int, int]) -> str:
    return f"Bars share one scale, ${scale[0]:,} to ${scale[1]:,}; ● marks the median."


ROLE_COLUMNS = (
    Column("title", "Role"),
    Column("median", "Median", "money", path="salary.median"),
)
PAY_COLUMNS = (
    Column("salary", "Salary range", "money_range", priority=1, path="salary"),
    Column("hourly", "Hourly", "money_range", priority=3, path="hourly"),
)
"""A role's pay ranges, for the human formats; the machine formats take the JSON records."""


def _pay_values(role: Role) -> dict[str, Value]:
    """The values of ROLE_COLUMNS and PAY_COLUMNS for one role."""
    salary, hourly = role.salary, role.hourly
    return {
        "title": role.title,
        "median": salary.median,
        "salary": (salary.low, salary.high),
        "hourly": (hourly.low, hourly.high),
    }


def _rank_row(entry: Ranked, scale: tuple[int, int]) -> dict[str, Value]:
    salary = entry.role.salary
    return {
        "rank": entry.position,
        **_pay_values(entry.role),
        "bar": Bar(salary.low, salary.median, salary.high, *scale),
        "hourly_annualised": annualised_range(entry.role),
    }


def _ranked_data(entry: Ranked, by: RankBy) -> dict[str, object]:
    data = role_data(entry.role, entry.position)
    if by is RankBy.hourly:
        data["hourly_annualised"] = annualised_data(entry.role)
    return data


def show_report(
    catalogue: Catalogue,
    role: Role,
    place_pays: Sequence[PlacePay] = (),
    official: OfficialBlock | None = None,
    projections: OfficialBlock | None = None,
) -> Report:
    """The show command's result: one role in full, as field/value rows; with no store of
    official figures, the role's occupation codes and how to add figures. `projections` is
    the BLS Employment Projections block (views.projections), when a store exists."""
    # The ladder only here: rank, compare and convert never load it (start-up time).
    from mlcareers.ladder import LINK_METHOD, link_is_derived, placements, stage_label  # noqa: PLC0415
    from mlcareers.skills import label  # noqa: PLC0415

    salary, hourly = role.salary, role.hourly
    places = placements(catalogue, role)
    ladder_lines = tuple(
        f"{stage_label(place.stage)}: {place.rung.title}"
        + ("*" if link_is_derived(place.rung, role) else "")
        for place in places
    ) or ("The source does not place this role on its career ladder.",)
    bar = Bar(salary.low, salary.median, salary.high, salary.low, salary.high)
    fields: list[tuple[str, str, Value]] = [
        ("title", "Role", role.title),
        ("slug", "Slug", role.slug),
        ("aliases", "Also called", role.aliases),
        ("summary", "In short", role.summary),
        ("median", "Median salary", money(salary.median)),
        ("salary", "Salary range", money_range(salary.low, salary.high)),
        ("hourly", "Freelance hourly", money_range(hourly.low, hourly.high)),
        *_note("pay_note", "About the pay", role.pay_note),
        ("growth", "Demand", role.growth or _no_growth(catalogue)),
        ("duties", "The work", role.duties),
        ("skills", "Skills and tools", tuple(label(req) for req in role.skills)),
        *_note("skills_note", "About the skills", role.skills_note),
        ("backgrounds", "Comes from", role.backgrounds or (NOT_STATED,)),
        ("application_areas", "Applied in", role.application_areas or (NOT_STATED,)),
        *_note("areas_note", "About the areas", role.areas_note),
        ("ladder", "Career ladder", ladder_lines),
    ]
    if official is None:
        official = _no_official(role)
    if projections is None:
        projections = OfficialBlock([], NO_PROJECTIONS_DATA, ())
    fields.extend(official.fields)
    fields.extend(projections.fields)
    place_records: list[object] = []
    place_notes: list[str] = []
    if place_pays:
        from mlcareers.views.place_pay import show_places  # noqa: PLC0415 -- --city only

        place_fields, place_records, place_notes = show_places(place_pays)
        fields.extend(place_fields)
    columns = (
        Column("label", "Field"),
        Column("value", "Value", "list"),
        Column("bar", "", "bar", TABLE_ONLY, path="salary"),
    )
    rows = tuple(
        {"field": key, "label": label_, "value": value, "bar": bar if key == "salary" else None}
        for key, label_, value in fields
    )
    data: dict[str, object] = {
        **role_data(role),
        "ladder": [
            {
                "stage": stage_label(place.stage),
                "title": place.rung.title,
                "link_derived": link_is_derived(place.rung, role),
            }
            for place in places
        ],
    }
    data["official"] = official.data
    data["projections"] = projections.data
    if place_pays:
        data["cities"] = place_records
    notes = [PAY_NOTE]
    if places:
        notes.append("Ladder years are what the source says is typical, not rules.")
    if any(link_is_derived(place.rung, role) for place in places):
        notes.append(f"* Ladder links marked * are derived: {LINK_METHOD}.")
    notes.extend(official.notes)
    notes.extend(projections.notes)
    if place_pays:
        notes.extend(place_notes)
        notes.append(NO_CITY_DERIVED)
    notes.append(source_note(catalogue))
    return Report(columns, rows, data, role.title, tuple(notes), source=source_note(catalogue))


NO_PROJECTIONS_DATA: dict[str, object] = {
    "figures": [],
    "stored": False,
    "reason": "no employment projections are stored",
}
"""`show --json`'s 'projections' with no store: the keys it has with one (views.projections)."""


def _no_official(role: Role) -> OfficialBlock:
    """The official block with an empty store: the occupation codes, and how to add figures."""
    from mlcareers.official.paths import HOW_TO_ADD  # noqa: PLC0415 -- text only, no pydantic

    codes = tuple(f"{occupation.code} {occupation.title}" for occupation in role.soc)
    fields: list[tuple[str, str, Value]] = [
        ("official_soc", "Occupation (SOC)*", codes or ("None given for this role",)),
        ("official", "Official statistics", HOW_TO_ADD),
    ]
    data: dict[str, object] = {
        "figures": [],
        "stored": False,
        "reason": "no official figures are stored",
    }
    notes = (f"* Occupation (SOC), derived: {role.soc_basis}",) if role.soc else ()
    return OfficialBlock(fields, data, notes)


def _no_growth(catalogue: Catalogue) -> str:
    """What show says of a role's demand when the source states none for the role itself."""
    if not catalogue.demand:
        return NOT_STATED
    return (
        "Not stated for this role; the source's demand line for ML work at large is in "
        "'mlcareers outlook'"
    )


def _note(key: str, label_: str, text: str | None) -> list[tuple[str, str, Value]]:
    return [(key, label_, text)] if text else []


def city_overview_report(catalogue: Catalogue, figures: Sequence[CityFigure]) -> Report:
    """Each city's published range, whose pay it is, and that role's national range."""
    columns = (
        Column("city", "City", path="city"),
        Column("city_pay", "Annual pay", "money_range", path="city_figure"),
        Column("scope", "Whose pay", path="city_figure.scope"),
        Column("national", "National base salary", "money_range", priority=1, path="salary"),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {
            "city": f"{figure.city.name}, {figure.city.region}",
            "city_pay": (figure.city.salary.low, figure.city.salary.high),
            "scope": figure.scope,
            "national": (figure.role.salary.low, figure.role.salary.high) if figure.role else None,
        }
        for figure in figures
    )
    data: list[object] = [
        {**city_data(figure), "salary": figure.role.salary.model_dump() if figure.role else None}
        for figure in figures
    ]
    notes = (
        "City figures are annual pay as the source states it; it does not call them base "
        "salary. National figures are US base salaries.",
        NO_CITY_DERIVED,
        "Each role's figures in a city: mlcareers compare --city CITY.",
        source_note(catalogue),
    )
    return Report(
        columns, rows, data, "Top-paying cities in the source", notes, source=source_note(catalogue)
    )


def roles_report(catalogue: Catalogue, sides: Sequence[Side]) -> Report:
    """Roles side by side: pay against the first role, shared and distinctive requirements."""
    from mlcareers.skills import label, name_of  # noqa: PLC0415 -- compare only

    first = sides[0].role
    columns = (
        *ROLE_COLUMNS,
        Column("median_difference", "vs first", "signed_money"),
        Column("salary", "Salary range", "money_range", priority=2, path="salary"),
        Column("hourly", "Hourly", "money_range", priority=3, path="hourly"),
        Column("only_here", "Only this role asks for", "list", priority=1),
    )
    rows = tuple(
        {
            **_pay_values(side.role),
            "median_difference": side.median_difference,
            "only_here": tuple(label(req) for req in side.only_here),
        }
        for side in sides
    )
    data: list[object] = [
        {
            "slug": side.role.slug,
            "title": side.role.title,
            "salary": side.role.salary.model_dump(),
            "hourly": side.role.hourly.model_dump(),
            "median_difference": side.median_difference,
            "skills": [name_of(req) for req in side.role.skills],
            "shared_skills": [name_of(req) for req in side.shared],
            "only_here": [name_of(req) for req in side.only_here],
        }
        for side in sides
    ]
    shared = [label(req) for req in sides[0].shared]
    notes = (
        f"All of them ask for: {', '.join(shared)}." if shared else "No skill is shared by all.",
        f"vs first: median base salary against {first.title}. {PAY_NOTE}",
        "A group of alternatives, or of examples (e.g.), is met by any one of its members.",
        source_note(catalogue),
    )
    return Report(columns, rows, data, "Roles side by side", notes, source=source_note(catalogue))


def convert_report(conversion: Conversion) -> Report:
    """A pay conversion: the amount given, the other figure derived, and the basis."""
    given, result = ("hourly", "annual") if conversion.per is Per.hour else ("annual", "hourly")
    amount = int(conversion.amount) if conversion.amount.is_integer() else conversion.amount
    derived_value = conversion.annual if conversion.per is Per.hour else conversion.hourly
    rows: tuple[dict[str, Value], ...] = (
        {"field": given, "label": f"Given ({given})", "value": _dollars(amount)},
        {"field": "hours_per_year", "label": "Hours a year", "value": f"{conversion.hours:,}"},
        {"field": result, "label": f"{result.capitalize()}*", "value": money(derived_value)},
    )
    columns = (Column("label", "Field"), Column("value", "Value"))
    # One shape both ways: each of hourly_rate and annual_pay is {value, derived, method},
    # whichever of them was given, in the same order.
    figures = {given: given_figure(amount), result: derived(derived_value, conversion.method)}
    data: dict[str, object] = {
        "amount": amount,
        "per": conversion.per.value,
        "hours_per_year": conversion.hours,
        "hourly_rate": figures["hourly"],
        "annual_pay": figures["annual"],
    }
    notes = [f"* Derived: {conversion.method}."]
    if conversion.hours == HOURS_PER_YEAR:
        notes.append("2,080 hours is 40 hours a week for 52 weeks.")
    return Report(columns, rows, data, "Pay conversion", tuple(notes))


def _dollars(amount: float) -> str:
    return money(amount) if isinstance(amount, int) else f"${amount:,.2f}"
