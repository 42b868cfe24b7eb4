"""The skills view: each requirement with the roles asking for it, and where the article names
a skill beyond the roles' lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.models import SkillGroup, fold
from mlcareers.report import Column, Report, Value
from mlcareers.skills import placements, unlisted, where_named
from mlcareers.views.common import requirement_data, role_ref, source_note

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Requirement
    from mlcareers.skills import Placement, SkillDemand


def skills_report(
    catalogue: Catalogue,
    rows: Sequence[SkillDemand],
    role: str | None = None,
    skill: str | None = None,
) -> Report:
    """The skills matrix: each requirement with the roles asking for it, most-demanded first;
    the requirements of one role, or those one skill meets, still counted across the whole
    catalogue. Each says where the article names it beyond the roles' lists."""
    total = len(catalogue.roles)
    found = placements(catalogue)
    columns = (
        Column("skill", "Skill"),
        Column("any_of", "Any one of", "list", priority=2),
        Column("count", "Roles", "int"),
        Column("roles", "Asked for by", "list", priority=1),
    )
    flat: tuple[dict[str, Value], ...] = tuple(
        {
            "skill": _skill_cell(row.name, row.requirement),
            "any_of": _alternatives(row.requirement),
            "count": len(row.roles),
            "roles": tuple(role.title for role in row.roles) or ("(no role lists it)",),
        }
        for row in rows
    )
    data: list[object] = [
        {
            **requirement_data(row.requirement or row.name),
            "count": len(row.roles),
            "roles": [role_ref(r) for r in row.roles],
            **_placement_data(found.get(fold(row.name))),
        }
        for row in rows
    ]
    notes = [
        f"Roles: how many of the {total} roles ask for it. A skill with alternatives, or with "
        "examples (e.g.), is met by any one of them.",
    ]
    if skill is not None:
        title = f"Roles that ask for {skill}"
        notes[:0] = _skill_notes(catalogue, skill, rows, found.get(fold(skill)))
    elif role is not None:
        title = f"Skills {role} asks for"
    else:
        title = "Skills and tools by demand"
        notes.append(
            "Skills no role lists are named elsewhere in the article: 'mlcareers skills NAME' "
            "says where; match shows the article's foundations apart from the roles."
        )
    notes.append(source_note(catalogue))
    return Report(columns, flat, data, title, tuple(notes), source=source_note(catalogue))


def _placement_data(found: Placement | None) -> dict[str, object]:
    """Where the article names a skill beyond the roles' lists, in JSON: `foundation` (the
    foundation it is or is one of) and `elsewhere` (for another skill no role lists)."""
    foundation = found.foundation if found else None
    return {
        "foundation": None
        if foundation is None
        else {
            "skill": foundation.names()[0],
            "heading": foundation.area,
            "says": foundation.says,
            "line": foundation.line,
        },
        "elsewhere": None
        if found is None or found.where is None
        else {"where": found.where, "line": found.line},
    }


def _skill_notes(
    catalogue: Catalogue, skill: str, rows: Sequence[SkillDemand], found: Placement | None
) -> list[str]:
    """What one skill is worth to the roles, and where else the article names it."""
    asking = {role.slug for row in rows for role in row.roles}
    if not asking:
        sentence = unlisted(catalogue, skill)
        return [f"{sentence[0].upper()}{sentence[1:]}."]
    count = len(asking)
    notes = [f"{skill} meets a requirement of {count} of the {len(catalogue.roles)} roles."]
    if found is not None:
        notes.append(f"Beyond the roles, {where_named(catalogue, skill, found)}.")
    return notes


def _skill_cell(name: str, requirement: Requirement | None) -> str:
    """A requirement's name in a table, marked "(e.g.)" when its members are examples."""
    if isinstance(requirement, SkillGroup) and requirement.examples_word is not None:
        return f"{name} ({requirement.examples_word})"
    return name


def _alternatives(requirement: Requirement | None) -> tuple[str, ...]:
    if not isinstance(requirement, SkillGroup):
        return ()
    return (*requirement.any_of, *(("or similar",) if requirement.or_similar else ()))
