"""Views of official statistics: what the store holds, an import's result, a role's official
figures for `show`, and each role's official percentiles in an area for `compare --city`.

Every official figure carries its source in JSON (BLS OEWS, period, area, SOC code and title);
tables name it in a note. Official figures stand beside the article's, never mixed with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.official.models import MARKER_REASON, WAGE_FIELDS, Marked
from mlcareers.official.paths import HOW_TO_ADD
from mlcareers.official.soc import DERIVED_METHOD
from mlcareers.report import Column, Value, money
from mlcareers.views.common import OfficialBlock

if TYPE_CHECKING:
    from mlcareers.official.lookup import Found
    from mlcareers.official.models import StoredFigure
    from mlcareers.official.soc import RoleSoc

SURVEY = "BLS OEWS"
PUBLISHER = "US Bureau of Labor Statistics"
SCOPE = "annual wages, all industries and all owners; employment excludes the self-employed"
SHORT_LABELS = {"p10": "10th", "p25": "25th", "median": "Median", "p75": "75th", "p90": "90th"}
SHORT_LABELS["mean"] = "Mean"
_PRIORITY = {"p10": 2, "p25": 1, "median": 0, "p75": 1, "p90": 2, "mean": 3}
"""Which official columns a narrow table keeps longest: the middle of the distribution."""


def wage_text(value: int | Marked | None, cap: int | None) -> str:
    """A wage as people read it: $123,456, ≥ $239,200 (top-coded), not published, or blank."""
    if value is None:
        return ""
    if isinstance(value, int):
        return money(value)
    if value.marker == "#":
        return f"≥ {money(cap)}" if cap else "top-coded"
    if value.marker == "~":
        return "marked (~)"
    return "not published"


def count_text(value: int | float | Marked | None) -> Value:
    """A count or a share as a table holds it: the number, 'not published' for * or **,
    'marked (~)' for ~, or nothing."""
    if isinstance(value, Marked):
        return "not published" if value.marker in ("*", "**") else f"marked ({value.marker})"
    return value


def mark_data(value: Marked, cap: int | None) -> dict[str, object]:
    """A BLS symbol in JSON: what it means and why there is no number."""
    data: dict[str, object] = {
        "marker": value.marker,
        "status": value.status,
        "reason": MARKER_REASON[value.marker],
    }
    if value.marker == "#":
        data["top_coded"] = True
        data["at_least"] = cap
    return data


def source_data(found: Found) -> dict[str, object]:
    """Where one official figure comes from, in JSON."""
    dataset, area, occupation = found.dataset, found.area, found.occupation
    return {
        "survey": SURVEY,
        "publisher": PUBLISHER,
        "period": dataset.period,
        "area": {"code": area.code, "title": area.title},
        "occupation": {"code": occupation.code, "title": occupation.title},
        "file": dataset.file,
    }


def figure_data(found: Found) -> dict[str, object]:
    """One official figure in JSON: whole dollars or null, a mark beside every null it has."""
    figure, cap = found.figure, found.dataset.annual_cap
    wages: dict[str, object] = {}
    marks: dict[str, object] = {}
    for field in WAGE_FIELDS:
        value = figure.wage(field)
        wages[field] = value if isinstance(value, int) else None
        if isinstance(value, Marked):
            marks[field] = mark_data(value, cap)
    employment = figure.employment
    if isinstance(employment, Marked):
        marks["employment"] = mark_data(employment, cap)
    return {
        "occupation": {"code": found.occupation.code, "title": found.occupation.title},
        "area": {"code": found.area.code, "title": found.area.title},
        "period": found.dataset.period,
        "employment": employment if isinstance(employment, int) else None,
        "annual": wages,
        "marks": marks,
        "source": source_data(found),
    }


def source_note(found: Sequence[Found]) -> str:
    """One line naming the survey, period(s) and area(s) a table's official figures come from."""
    periods = ", ".join(dict.fromkeys(f.dataset.period for f in found))
    places = "; ".join(dict.fromkeys(f"{f.area.title} ({f.area.code})" for f in found))
    caps = {f.dataset.annual_cap for f in found if _top_coded(f.figure)}
    cap_note = ""
    if caps:
        known = sorted(cap for cap in caps if cap)
        cap_note = (
            f" ≥ marks a wage at or above the survey's top-coded {', '.join(map(money, known))}."
            if known
            else " 'top-coded' marks a wage at or above the survey's top code."
        )
    return (
        f"Official: {SURVEY} ({PUBLISHER}), {periods}, {places}; {SCOPE}.{cap_note}"
        if found
        else HOW_TO_ADD
    )


def _top_coded(figure: StoredFigure) -> bool:
    return any(
        isinstance(value, Marked) and value.marker == "#"
        for value in (figure.wage(field) for field in WAGE_FIELDS)
    )


# ---------------------------------------------------------------- show ROLE


def soc_data(role: RoleSoc) -> dict[str, object]:
    """A role's occupations in JSON: a judgement, marked derived, with its basis."""
    return {
        "codes": [{"code": ref.code, "title": ref.title} for ref in role.soc],
        "derived": True,
        "method": role.basis or DERIVED_METHOD,
    }


def show_fields(
    role: RoleSoc, found: Sequence[Found], stored: bool, how_to_add: str = HOW_TO_ADD
) -> list[tuple[str, str, Value]]:
    """The 'Official statistics' block of `show`: field/value rows, as show_report makes them;
    `how_to_add` is said when no survey file is stored."""
    codes = tuple(f"{ref.code} {ref.title}" for ref in role.soc)
    fields: list[tuple[str, str, Value]] = [
        (
            "official_soc",
            "Occupation (SOC)*",
            codes or ("No SOC occupation is given for this role",),
        ),
    ]
    if not stored:
        return [*fields, ("official", "Official statistics", how_to_add)]
    by_code = {f.occupation.code: f for f in found}
    for ref in role.soc:
        hit = by_code.get(ref.code)
        label = f"{ref.code} national"
        if hit is None:
            fields.append((f"official_{ref.code}", label, "No national figure stored"))
            continue
        fields.append((f"official_{ref.code}", label, _figure_lines(hit)))
    return fields


def _figure_lines(found: Found) -> tuple[str, ...]:
    figure, cap = found.figure, found.dataset.annual_cap
    employment = figure.employment
    employed = (
        f"{employment:,}"
        if isinstance(employment, int)
        else "not published"
        if employment is not None
        else "not in the file"
    )
    wages = "; ".join(
        f"{SHORT_LABELS[field]} {wage_text(figure.wage(field), cap) or 'blank'}"
        for field in WAGE_FIELDS
    )
    return (
        f"{found.occupation.title}, {found.dataset.period}, {found.area.title}",
        f"Employed: {employed}",
        f"Annual: {wages}",
    )


NO_NATIONAL = "the store has no national figure for this role's occupation(s)"


def show_data(role: RoleSoc, found: Sequence[Found], stored: bool) -> dict[str, object]:
    """The 'official' key of `show --json`: the role's national figures, whether a store
    exists, and why there is no figure when there is none (the same keys either way)."""
    reason = None if found else (NO_NATIONAL if stored else "no official figures are stored")
    return {"figures": [figure_data(f) for f in found], "stored": stored, "reason": reason}


def show_notes(role: RoleSoc, found: Sequence[Found], stored: bool) -> tuple[str, ...]:
    """Notes under `show`'s table for the official block."""
    mapping = f"* Occupation (SOC), derived: {role.basis}" if role.basis else ""
    return tuple(note for note in (mapping, source_note(found) if found else "") if note)


def show_block(
    role: RoleSoc, found: Sequence[Found], stored: bool, how_to_add: str = HOW_TO_ADD
) -> OfficialBlock:
    """The official part of `show`: its rows, its JSON and its notes."""
    return OfficialBlock(
        show_fields(role, found, stored, how_to_add),
        show_data(role, found, stored),
        show_notes(role, found, stored),
    )


# ---------------------------------------------------------------- compare --city


CITY_COLUMNS = (
    Column("title", "Role"),
    Column("soc", "SOC", path="soc"),  # a role with two occupations has two rows: say which
    Column("soc_title", "Occupation", priority=5, path="soc"),
    *(
        Column(field, SHORT_LABELS[field], priority=_PRIORITY[field], path="official")
        for field in WAGE_FIELDS
    ),
    Column("employment", "Employed", "int", priority=4, path="official"),
)
