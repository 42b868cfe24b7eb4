"""Describe each command's result once, as a Report that every output format is drawn from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.ladder import placements, stage_label
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

if TYPE_CHECKING:
    from mlcareers.cities import CityPay
    from mlcareers.models import Catalogue, Role
    from mlcareers.ranking import Ranked

NOT_STATED = "Not stated by the source"

RANK_TITLES = {
    RankBy.median: "median base salary",
    RankBy.low: "low end of the salary range",
    RankBy.high: "high end of the salary range",
    RankBy.hourly: "top freelance hourly rate",
}


def role_data(role: Role) -> dict[str, object]:
    """A role as JSON: every field of the catalogue's role."""
    return role.model_dump(mode="json")


def source_note(catalogue: Catalogue) -> str:
    """One line naming where the figures come from."""
    source = catalogue.source
    return f"Source: {source.publisher}, {source.title!r} ({source.year}); as of {source.as_of}."


def rank_report(catalogue: Catalogue, ranked: Sequence[Ranked], by: RankBy) -> Report:
    """The rank command's result."""
    shown = [entry.role for entry in ranked]
    scale = (
        min((role.salary.low for role in shown), default=0),
        max((role.salary.high for role in shown), default=0),
    )
    columns = (
        Column("rank", "#", "int"),
        Column("slug", "Slug", formats=MACHINE),
        Column("title", "Role"),
        Column("median", "Median", "money"),
        Column("salary", "Salary range", "money_range", HUMAN),
        Column("salary_low", "Salary low", "money", MACHINE),
        Column("salary_high", "Salary high", "money", MACHINE),
        Column("hourly", "Hourly", "money_range", HUMAN),
        Column("hourly_low", "Hourly low", "money", MACHINE),
        Column("hourly_high", "Hourly high", "money", MACHINE),
        Column("bar", "Low ━━●━━ high", "bar", TABLE_ONLY),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {
            "rank": entry.position,
            "slug": entry.role.slug,
            "title": entry.role.title,
            "median": entry.role.salary.median,
            "salary": (entry.role.salary.low, entry.role.salary.high),
            "salary_low": entry.role.salary.low,
            "salary_high": entry.role.salary.high,
            "hourly": (entry.role.hourly.low, entry.role.hourly.high),
            "hourly_low": entry.role.hourly.low,
            "hourly_high": entry.role.hourly.high,
            "bar": Bar(
                entry.role.salary.low, entry.role.salary.median, entry.role.salary.high, *scale
            ),
        }
        for entry in ranked
    )
    data: list[object] = [{"rank": entry.position, **role_data(entry.role)} for entry in ranked]
    notes = (
        f"Ranked by {RANK_TITLES[by]}. Salaries: US annual base pay; hourly: freelance rates.",
        source_note(catalogue),
    )
    bar_note = f"Bars share one scale, ${scale[0]:,} to ${scale[1]:,}; ● marks the median."
    return Report(columns, rows, data, f"ML roles by {RANK_TITLES[by]}", notes, (bar_note,))


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
        "ladder": [{"stage": label, "title": title} for label, title in ladder],
    }
    return Report(columns, rows, data, role.title, (source_note(catalogue),))


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
    data: list[object] = [_city_pay_data(row) for row in rows]
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


def _city_pay_data(row: CityPay) -> dict[str, object]:
    entry: dict[str, object] = {
        "city": row.city.slug,
        "city_name": f"{row.city.name}, {row.city.region}",
        "role": row.role.slug,
        "role_title": row.role.title,
        "low": row.low,
        "high": row.high,
        "national": {"low": row.role.salary.low, "high": row.role.salary.high},
        "uplift": {
            "value": round(row.uplift.factor, 4),
            "estimated": True,
            "method": row.uplift.method,
        },
        "estimated": row.estimated,
    }
    if row.method is not None:
        entry["method"] = row.method
    return entry
