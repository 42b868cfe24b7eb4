"""Views of pay: the ranking, one role in full, roles side by side, cities and conversions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.ladder import placements, stage_label
from mlcareers.pay import ANNUALISED_METHOD, Per
from mlcareers.ranking import RankBy
from mlcareers.report import (
    HUMAN,
    MACHINE,
    TABLE_ONLY,
    Bar,
    Column,
    Report,
    Value,
    money,
    money_range,
)
from mlcareers.views.common import (
    NOT_STATED,
    annualised_data,
    annualised_range,
    derived,
    role_data,
    source_note,
)

if TYPE_CHECKING:
    from mlcareers.cities import CityPay
    from mlcareers.comparison import Side
    from mlcareers.models import Catalogue, Role
    from mlcareers.pay import Conversion
    from mlcareers.ranking import Ranked

RANK_TITLES = {
    RankBy.median: "median base salary",
    RankBy.low: "low end of the salary range",
    RankBy.high: "high end of the salary range",
    RankBy.hourly: "top freelance hourly rate",
}
ANNUALISED_NOTE = f"Annualised* (derived): {ANNUALISED_METHOD}."


def rank_report(catalogue: Catalogue, ranked: Sequence[Ranked], by: RankBy) -> Report:
    """The rank command's result."""
    shown = [entry.role for entry in ranked]
    scale = (
        min((role.salary.low for role in shown), default=0),
        max((role.salary.high for role in shown), default=0),
    )
    columns: tuple[Column, ...] = (
        Column("rank", "#", "int"),
        *ROLE_COLUMNS,
        *PAY_COLUMNS,
        Column("bar", "Low ━━●━━ high", "bar", TABLE_ONLY),
    )
    if by is RankBy.hourly:
        columns = (
            *columns[:-1],
            Column("hourly_annualised", "Annualised*", "money_range", HUMAN),
            Column("hourly_annualised_low", "Annualised low", "money", MACHINE),
            Column("hourly_annualised_high", "Annualised high", "money", MACHINE),
        )
    rows = tuple(_rank_row(entry, scale) for entry in ranked)
    data: list[object] = [_ranked_data(entry, by) for entry in ranked]
    notes = (
        f"Ranked by {RANK_TITLES[by]}. Salaries: US annual base pay; hourly: freelance rates.",
        *((ANNUALISED_NOTE,) if by is RankBy.hourly else ()),
        source_note(catalogue),
    )
    bar_note = f"Bars share one scale, ${scale[0]:,} to ${scale[1]:,}; ● marks the median."
    return Report(columns, rows, data, f"ML roles by {RANK_TITLES[by]}", notes, (bar_note,))


ROLE_COLUMNS = (
    Column("slug", "Slug", formats=MACHINE),
    Column("title", "Role"),
    Column("median", "Median", "money"),
)
PAY_COLUMNS = (
    Column("salary", "Salary range", "money_range", HUMAN),
    Column("salary_low", "Salary low", "money", MACHINE),
    Column("salary_high", "Salary high", "money", MACHINE),
    Column("hourly", "Hourly", "money_range", HUMAN),
    Column("hourly_low", "Hourly low", "money", MACHINE),
    Column("hourly_high", "Hourly high", "money", MACHINE),
)
"""A role's pay: ranges for people, low and high apart for CSV."""


def _pay_values(role: Role) -> dict[str, Value]:
    """The values of ROLE_COLUMNS and PAY_COLUMNS for one role."""
    salary, hourly = role.salary, role.hourly
    return {
        "slug": role.slug,
        "title": role.title,
        "median": salary.median,
        "salary": (salary.low, salary.high),
        "salary_low": salary.low,
        "salary_high": salary.high,
        "hourly": (hourly.low, hourly.high),
        "hourly_low": hourly.low,
        "hourly_high": hourly.high,
    }


def _rank_row(entry: Ranked, scale: tuple[int, int]) -> dict[str, Value]:
    salary = entry.role.salary
    annual = annualised_range(entry.role)
    return {
        "rank": entry.position,
        **_pay_values(entry.role),
        "bar": Bar(salary.low, salary.median, salary.high, *scale),
        "hourly_annualised": annual,
        "hourly_annualised_low": annual[0],
        "hourly_annualised_high": annual[1],
    }


def _ranked_data(entry: Ranked, by: RankBy) -> dict[str, object]:
    data = {"rank": entry.position, **role_data(entry.role)}
    if by is RankBy.hourly:
        data["hourly_annualised"] = annualised_data(entry.role)
    return data


def show_report(catalogue: Catalogue, role: Role) -> Report:
    """The show command's result: one role in full, as field/value rows."""
    salary, hourly = role.salary, role.hourly
    ladder = [(stage_label(place.stage), place.rung.title) for place in placements(catalogue, role)]
    ladder_lines = tuple(f"{label}: {title}" for label, title in ladder) or (
        "The source does not place this role on its career ladder.",
    )
    bar = Bar(salary.low, salary.median, salary.high, salary.low, salary.high)
    fields: list[tuple[str, str, Value]] = [
        ("title", "Role", role.title),
        ("slug", "Slug", role.slug),
        ("aliases", "Also called", role.aliases),
        ("summary", "In short", role.summary),
        ("median", "Median salary", money(salary.median)),
        ("salary", "Salary range", money_range(salary.low, salary.high)),
        ("hourly", "Freelance hourly", money_range(hourly.low, hourly.high)),
        ("hourly_annualised", "Annualised*", money_range(*annualised_range(role))),
        ("duties", "The work", role.duties),
        ("skills", "Skills and tools", role.skills),
        ("backgrounds", "Comes from", role.backgrounds or (NOT_STATED,)),
        ("application_areas", "Applied in", role.application_areas or (NOT_STATED,)),
        ("ladder", "Career ladder", ladder_lines),
    ]
    columns = (
        Column("field", "Field", formats=MACHINE),
        Column("label", "Field", formats=HUMAN),
        Column("value", "Value", "list"),
        Column("bar", "", "bar", TABLE_ONLY),
    )
    rows = tuple(
        {"field": key, "label": label, "value": value, "bar": bar if key == "salary" else None}
        for key, label, value in fields
    )
    data: dict[str, object] = {
        **role_data(role),
        "hourly_annualised": annualised_data(role),
        "ladder": [{"stage": label, "title": title} for label, title in ladder],
    }
    notes = (ANNUALISED_NOTE, source_note(catalogue))
    return Report(columns, rows, data, role.title, notes)


def compare_report(catalogue: Catalogue, rows: Sequence[CityPay]) -> Report:
    """The city comparison's result."""
    columns = (
        Column("city", "City"),
        Column("role", "Slug", formats=MACHINE),
        Column("role_title", "Role"),
        Column("low", "Low", "money"),
        Column("high", "High", "money"),
        Column("national", "National range", "money_range", HUMAN),
        Column("national_low", "National low", "money", MACHINE),
        Column("national_high", "National high", "money", MACHINE),
        Column("uplift", "Uplift", "factor"),
        Column("basis", "Basis"),
    )
    flat: tuple[dict[str, Value], ...] = tuple(
        {
            "city": f"{row.city.name}, {row.city.region}",
            "role": row.role.slug,
            "role_title": row.role.title,
            "low": row.low,
            "high": row.high,
            "national": (row.role.salary.low, row.role.salary.high),
            "national_low": row.role.salary.low,
            "national_high": row.role.salary.high,
            "uplift": row.uplift.factor,
            "basis": "estimated" if row.estimated else "published",
        }
        for row in rows
    )
    data: list[object] = [city_pay_data(row) for row in rows]
    methods = dict.fromkeys(
        f"{row.city.name} uplift ×{row.uplift.factor:.3f} (derived): {row.uplift.method}."
        for row in rows
    )
    notes = (
        "Published: the source's city range. Estimated (derived): national range × the city's "
        "uplift, rounded to the nearest $1,000.",
        *methods,
        source_note(catalogue),
    )
    return Report(columns, flat, data, "Annual base salary by city", notes)


def city_pay_data(row: CityPay) -> dict[str, object]:
    entry: dict[str, object] = {
        "city": row.city.slug,
        "city_name": f"{row.city.name}, {row.city.region}",
        "role": row.role.slug,
        "role_title": row.role.title,
        "low": row.low,
        "high": row.high,
        "national": {"low": row.role.salary.low, "high": row.role.salary.high},
        "uplift": derived(round(row.uplift.factor, 4), row.uplift.method),
        "estimated": row.estimated,
    }
    if row.method is not None:
        entry["method"] = row.method
    return entry


def roles_report(catalogue: Catalogue, sides: Sequence[Side]) -> Report:
    """Roles side by side: pay against the first role, shared and distinctive skills."""
    first = sides[0].role
    with_city = sides[0].city is not None
    columns = (
        *ROLE_COLUMNS,
        Column("difference", "vs first", "signed_money"),
        *PAY_COLUMNS,
        *(
            (
                Column("city", "City"),
                Column("city_pay", "City range", "money_range", HUMAN),
                Column("city_low", "City low", "money", MACHINE),
                Column("city_high", "City high", "money", MACHINE),
                Column("basis", "Basis"),
            )
            if with_city
            else ()
        ),
        Column("only_here", "Skills only this role lists", "list"),
    )
    rows = tuple(_side_row(side) for side in sides)
    data: list[object] = [_side_data(side) for side in sides]
    shared = sides[0].shared
    notes = [
        f"Shared by all: {', '.join(shared)}." if shared else "No skill is shared by all.",
        f"Differences are median base salary against {first.title}.",
    ]
    if with_city:
        notes.append(
            "City ranges: published for the role the source gives city figures for; the rest "
            "estimated (derived) as national range × the city's uplift, rounded to $1,000."
        )
    notes.append(source_note(catalogue))
    return Report(columns, rows, data, "Roles side by side", tuple(notes))


def _side_row(side: Side) -> dict[str, Value]:
    row: dict[str, Value] = {
        **_pay_values(side.role),
        "difference": side.median_difference,
        "only_here": side.only_here,
    }
    if side.city is not None:
        row |= {
            "city": f"{side.city.city.name}, {side.city.city.region}",
            "city_pay": (side.city.low, side.city.high),
            "city_low": side.city.low,
            "city_high": side.city.high,
            "basis": "estimated" if side.city.estimated else "published",
        }
    return row


def _side_data(side: Side) -> dict[str, object]:
    data: dict[str, object] = {
        "slug": side.role.slug,
        "title": side.role.title,
        "salary": side.role.salary.model_dump(),
        "hourly": side.role.hourly.model_dump(),
        "skills": list(side.role.skills),
        "median_difference": side.median_difference,
        "shared_skills": list(side.shared),
        "only_here": list(side.only_here),
    }
    if side.city is not None:
        data["city"] = city_pay_data(side.city)
    return data


def convert_report(conversion: Conversion) -> Report:
    """A pay conversion: the amount given, the other figure derived, and the basis."""
    given, result = ("hourly", "annual") if conversion.per is Per.hour else ("annual", "hourly")
    values = {"hourly": _cents(conversion.hourly), "annual": _cents(conversion.annual)}
    rows: tuple[dict[str, Value], ...] = (
        {"field": given, "label": f"Given ({given})", "value": values[given]},
        {"field": "hours_per_year", "label": "Hours a year", "value": f"{conversion.hours:,}"},
        {"field": result, "label": f"{result.capitalize()}*", "value": values[result]},
    )
    columns = (
        Column("field", "Field", formats=MACHINE),
        Column("label", "Field", formats=HUMAN),
        Column("value", "Value"),
    )
    data: dict[str, object] = {
        "amount": conversion.amount,
        "per": conversion.per.value,
        "hours_per_year": conversion.hours,
        "hourly": conversion.hourly,
        "annual": conversion.annual,
        "derived": result,
        "estimated": True,
        "method": conversion.method,
    }
    note = f"{result.capitalize()}* (derived): {conversion.method}."
    return Report(columns, rows, data, "Pay conversion", (note,))


def _cents(amount: float) -> str:
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"
