"""The gap analysis (`match`): every role's fit with the skills you have, what to learn next,
and, apart, which of the article's foundations you have."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.models import SkillGroup, fold
from mlcareers.report import Column, Report, Value, money
from mlcareers.skills import (
    COVERAGE_METHOD,
    FOUNDATIONS_NOTE,
    NEXT_METHOD,
    ORDER_METHOD,
    label,
    name_of,
)
from mlcareers.views.common import derived, requirement_data, source_note

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Requirement
    from mlcareers.skills import FoundationFit, Match


def match_report(catalogue: Catalogue, result: Match) -> Report:
    """The gap analysis: every role's fit, best first, and what to learn next; then, apart,
    which of the article's foundations you have."""
    foundations = _foundations_part(catalogue, result.foundations)
    columns = (
        Column("rank", "#", "int"),
        Column("title", "Role"),
        Column("fraction", "Meets", path="met"),
        Column("coverage", "Coverage*", "percent", priority=1, path="coverage"),
        Column("have", "You have", "list", priority=2),
        Column("missing", "Missing", "list"),
        Column("median", "Median", "money", priority=3, path="salary.median"),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {
            "rank": position,
            "title": fit.role.title,
            "fraction": f"{len(fit.met)} of {fit.required}" if fit.required else "none listed",
            "coverage": fit.coverage if fit.required else None,
            "have": tuple(_met_label(requirement, by) for requirement, by in fit.met),
            "missing": tuple(label(requirement) for requirement in fit.missing),
            "median": fit.role.salary.median,
        }
        for position, fit in enumerate(result.fits, start=1)
    )
    data: dict[str, object] = {
        "have": list(result.known),
        "unknown": list(result.unknown),
        "method": f"coverage = {COVERAGE_METHOD}; {ORDER_METHOD}",
        "roles": [
            {
                "rank": position,
                "slug": fit.role.slug,
                "title": fit.role.title,
                "salary": fit.role.salary.model_dump(),
                "met": len(fit.met),
                "required": fit.required,
                "coverage": derived(
                    round(fit.coverage, 4) if fit.required else None, COVERAGE_METHOD
                ),
                "have": [name_of(requirement) for requirement, _ in fit.met],
                "missing": [name_of(requirement) for requirement in fit.missing],
            }
            for position, fit in enumerate(result.fits, start=1)
        ],
        "skill_groups": _groups_data(result),
        "foundations": foundations.data,
        "foundations_note": FOUNDATIONS_NOTE,
        "next": {
            "skills": [name_of(option.requirement) for option in result.next_skills],
            "derived": True,
            "method": NEXT_METHOD,
            "roles": [
                {
                    "skill": name_of(option.requirement),
                    "slug": step.fit.role.slug,
                    "title": step.fit.role.title,
                    "median": step.fit.role.salary.median,
                    "met_before": step.before,
                    "met_after": step.after,
                    "required": step.fit.required,
                }
                for option in result.next_skills
                for step in option.steps
            ],
        },
    }
    notes = [*_advice(result), f"* Coverage (derived) = {COVERAGE_METHOD}; {ORDER_METHOD}."]
    if result.next_skills:
        notes.append(f"Learn next (derived): {NEXT_METHOD}.")
    if result.unknown:
        notes.append(f"Not in the catalogue, so not counted: {', '.join(result.unknown)}.")
    if not foundations.rows:  # no part is drawn to carry the source line
        notes.append(source_note(catalogue))
    return Report(
        columns,
        rows,
        data,
        "Your fit with each role",
        tuple(notes),
        records_key="roles",
        source=source_note(catalogue),
        parts=(foundations,),
    )


HAVE, MISSING = "You have", "Missing"


def _foundations_part(catalogue: Catalogue, fits: Sequence[FoundationFit]) -> Report:
    """The article's foundations, apart from the roles: those you have, then those you miss,
    each with what the article says of it."""
    ordered = sorted(fits, key=lambda fit: fit.met_by is None)
    soft = {fold(skill.name) for skill in catalogue.soft_skills}
    columns = (
        Column("status", "Status"),
        Column("skill", "Foundation"),
        Column("says", "The article says"),
        Column("heading", "Under", priority=1),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {
            "status": MISSING if fit.met_by is None else HAVE,
            "skill": label(fit.foundation.skill)
            if fit.met_by is None
            else _met_label(fit.foundation.skill, fit.met_by),
            "says": fit.foundation.says,
            "heading": "Soft skills" if fold(fit.foundation.area) in soft else fit.foundation.area,
        }
        for fit in ordered
    )
    data: list[object] = [
        {
            **requirement_data(fit.foundation.skill),
            "heading": fit.foundation.area,
            "says": fit.foundation.says,
            "line": fit.foundation.line,
            "met_by": fit.met_by,
        }
        for fit in fits
    ]
    return Report(
        columns,
        rows,
        data,
        "Foundations: what the article's skills section says ML work needs",
        (FOUNDATIONS_NOTE, source_note(catalogue)),
        group_by="status",
        records_key="foundations",
        source=source_note(catalogue),
    )


def _met_label(requirement: Requirement, by: str) -> str:
    if isinstance(requirement, str):
        return requirement
    return f"{requirement.group}: {by}"


def _groups_data(result: Match) -> list[object]:
    groups = {
        requirement.group: requirement
        for fit in result.fits
        for requirement in (*(req for req, _ in fit.met), *fit.missing)
        if isinstance(requirement, SkillGroup)
    }
    return [group.model_dump() for group in groups.values()]


def _advice(result: Match) -> list[str]:
    """The learn-next advice in terms a person can check: counts of requirements and medians."""
    lines: list[str] = []
    if not result.next_skills:
        return ["You meet every requirement of every role."]
    tied = len(result.next_skills) > 1
    for option in result.next_skills:
        steps = option.steps
        asked = "1 role asks for it" if len(steps) == 1 else f"{len(steps)} roles ask for it"
        effects = "; ".join(
            f"{step.fit.role.title}: {step.before} of {step.fit.required} → {step.after} of "
            f"{step.fit.required}, median {money(step.fit.role.salary.median)}"
            for step in steps
        )
        lead = "Equally worth learning next" if tied else "Learn next"
        lines.append(f"{lead}: {label(option.requirement)}. {asked}. {effects}.")
    return lines
