"""Views of BLS Employment Projections: a role's occupations' projections for `show`, beside
the article's growth words in `outlook`, and roles ranked by their occupation's projected
growth (`rank --by growth`).

Every projection names its source (BLS Employment Projections, period, Table 1.2, file). The
article's words and the official projection stay apart: neither is rewritten into the other,
and no sentence holds both. A projection is an occupation's, not a role's: which occupation a
role is, is our judgement, marked derived wherever a projection stands for a role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from mlcareers.official.models import NOT_AVAILABLE_REASON
from mlcareers.official.paths import (
    HOW_TO_ADD_PROJECTIONS,
    PROJECTIONS_PROGRAM,
    PROJECTIONS_TABLE,
)
from mlcareers.official.soc import DERIVED_METHOD, GROWTH_METHOD
from mlcareers.report import Column, Report, Value, money
from mlcareers.views.common import OfficialBlock, role_data
from mlcareers.views.common import source_note as article_source

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role
    from mlcareers.official.lookup import FoundProjection
    from mlcareers.official.models import DatasetInfo
    from mlcareers.official.soc import RoleSoc
    from mlcareers.ranking import Ranked

PUBLISHER = "US Bureau of Labor Statistics"
LABEL = "Projections (BLS)"
UNITS = "employment and openings published in thousands, given here as counts (× 1,000)"
NO_PROJECTIONS = "no employment projections are stored"
NONE_FOR_ROLE = "the stored projections have none of this role's occupations"
FIELDS = {
    "base_employment": "base_employment",
    "target_employment": "target_employment",
    "employment_change": "employment_change",
    "percent_change": "percent_change",
    "openings": "openings_per_year",
    "median_wage": "median_wage",
    "entry_education": "entry_education",
}
"""Each stored value's name in JSON, as `marks` names them."""


def signed(number: int) -> str:
    """A change in a count: +82,000, −8,700 (a true minus sign), or 0."""
    return f"{'+' if number > 0 else '−' if number < 0 else ''}{abs(number):,}"


def signed_percent(percent: float) -> str:
    """A percent change as BLS publishes it, to one decimal: +33.5%, −4.1%, 0.0%."""
    text = f"{abs(percent):.1f}%"
    return f"+{text}" if percent > 0 else f"−{text}" if percent < 0 else text


def source_data(found: FoundProjection) -> dict[str, object]:
    """Where one projection comes from, in JSON."""
    return {
        "program": PROJECTIONS_PROGRAM,
        "publisher": PUBLISHER,
        "table": PROJECTIONS_TABLE,
        "period": found.dataset.period,
        "scope": "national",
        "file": found.dataset.file,
        "units": UNITS,
    }


def projection_data(found: FoundProjection) -> dict[str, object]:
    """One occupation's projection in JSON: counts, the percent as published, whole dollars;
    a null has a mark beside it when BLS gave a dash or top-coded the wage."""
    projection = found.projection
    marks: dict[str, object] = {
        FIELDS[name]: {"marker": "—", "status": "not_available", "reason": NOT_AVAILABLE_REASON}
        for name in sorted(projection.not_available)
    }
    at_least = projection.median_wage_at_least
    if at_least is not None:
        marks["median_wage"] = {
            "marker": ">=",
            "status": "top_coded",
            "top_coded": True,
            "at_least": at_least,
            "reason": f"at or above the top wage BLS publishes (>={money(at_least)})",
        }
    return {
        "occupation": {"code": found.occupation.code, "title": found.occupation.title},
        "period": found.dataset.period,
        "base_year": found.dataset.year,
        "target_year": found.dataset.target_year,
        "base_employment": projection.base_employment,
        "target_employment": projection.target_employment,
        "employment_change": projection.employment_change,
        "percent_change": projection.percent_change,
        "openings_per_year": projection.openings,
        "median_wage": projection.median_wage,
        "entry_education": projection.entry_education,
        "marks": marks,
        "source": source_data(found),
    }


def _count(value: int | None, name: str, found: FoundProjection) -> str:
    if value is not None:
        return f"{value:,}"
    return "not available" if name in found.projection.not_available else "blank"


def change_text(found: FoundProjection) -> str:
    """The change as published: '+82,000 jobs (+33.5%)'."""
    projection = found.projection
    count = projection.employment_change
    percent = projection.percent_change
    jobs = (
        f"{signed(count)} jobs" if count is not None else _count(None, "employment_change", found)
    )
    share = (
        signed_percent(percent) if percent is not None else _count(None, "percent_change", found)
    )
    return f"{jobs} ({share})"


def projection_lines(found: FoundProjection, mark: str = "*") -> tuple[str, ...]:
    """A projection as lines of a table cell: the occupation (`mark` ties it to the note
    that says the role's occupation is a judgement), employment, change, openings."""
    projection, dataset = found.projection, found.dataset
    base = _count(projection.base_employment, "base_employment", found)
    target = _count(projection.target_employment, "target_employment", found)
    lines = [
        f"{found.occupation.code} {found.occupation.title}{mark}, {dataset.period}",
        f"Employment: {base} ({dataset.year}) → {target} ({dataset.target_year})",
        f"Change: {change_text(found)}",
        f"Openings a year: {_count(projection.openings, 'openings', found)}",
    ]
    if projection.entry_education:
        lines.append(f"Typical entry: {projection.entry_education}")
    return tuple(lines)


def source_note(found: Sequence[FoundProjection]) -> str:
    """One line naming the program, period(s), table and file(s) the projections come from."""
    return datasets_note([f.dataset for f in found])


def datasets_note(datasets: Sequence[DatasetInfo]) -> str:
    """One line naming the program, period(s), table and file(s) of projections datasets."""
    periods = ", ".join(dict.fromkeys(dataset.period for dataset in datasets))
    files = ", ".join(dict.fromkeys(dataset.file for dataset in datasets))
    return (
        f"Projections: {PROJECTIONS_PROGRAM} ({PUBLISHER}), {periods}, {PROJECTIONS_TABLE} "
        f"({files}), national; {UNITS}; the change is as published, not recomputed."
    )


# ---------------------------------------------------------------- show ROLE


def show_block(role: RoleSoc, found: Sequence[FoundProjection], stored: bool) -> OfficialBlock:
    """The projections part of `show`: a row for each of the role's occupations, its JSON
    (the same keys with or without a store) and its notes."""
    fields: list[tuple[str, str, Value]] = []
    if not stored:
        fields.append(("projections", LABEL, HOW_TO_ADD_PROJECTIONS))
    else:
        by_code = {f.occupation.code: f for f in found}
        periods = ", ".join(dict.fromkeys(f.dataset.period for f in found)) or "any period"
        for ref in role.soc:
            hit = by_code.get(ref.code)
            value: Value = (
                projection_lines(hit)
                if hit is not None
                else f"{ref.code}: no projection stored ({periods})"
            )
            fields.append((f"projections_{ref.code}", LABEL, value))
    return OfficialBlock(fields, show_data(found, stored), (source_note(found),) if found else ())


def show_data(found: Sequence[FoundProjection], stored: bool) -> dict[str, object]:
    """The 'projections' key of `show --json`: each of the role's occupations' projection,
    whether any is stored, and why there is none when there is none."""
    reason = None if found else (NONE_FOR_ROLE if stored else NO_PROJECTIONS)
    return {"figures": [projection_data(f) for f in found], "stored": stored, "reason": reason}


# ---------------------------------------------------------------- a role's growth


def mapping_data(role: RoleSoc) -> dict[str, object]:
    """The role's first occupation as JSON: the one its growth is taken from, a judgement
    (derived), with its basis."""
    first = role.soc[0] if role.soc else None
    return {
        "codes": [{"code": first.code, "title": first.title}] if first else [],
        "derived": True,
        "method": f"the role's first SOC occupation, mapped by us: {role.basis or DERIVED_METHOD}",
    }


def growth_sentence(found: FoundProjection) -> str:
    """The official projection for a role's first occupation, in one line of its own."""
    projection, dataset = found.projection, found.dataset
    openings = _count(projection.openings, "openings", found)
    return (
        f"BLS projection for {found.occupation.code} {found.occupation.title}*: employment "
        f"{change_text(found)}, {dataset.period}; {openings} openings a year"
    )


def growth_citation(found: FoundProjection) -> str:
    """The source of one projection, as a table's 'cited from' names it."""
    return f"{PROJECTIONS_PROGRAM}, {found.dataset.period}, {PROJECTIONS_TABLE}"


# ---------------------------------------------------------------- rank --by growth

TIES = (
    "roles that share an occupation share its growth: ties are broken by the article's median "
    "salary, then by title"
)


def growth_report(
    catalogue: Catalogue,
    ranked: Sequence[Ranked],
    found: dict[str, FoundProjection],
    unranked: Mapping[Role, str],
    datasets: Sequence[DatasetInfo],
) -> Report:
    """`rank --by growth`: roles by their first occupation's projected percent change, with
    the projection beside each and the article's median that breaks ties; `found` holds each
    ranked role's projection by slug, `unranked` the roles left out, each with why;
    `datasets` the projections ranked by (the latest stored, when no role has one)."""
    from mlcareers.official.soc import role_soc  # noqa: PLC0415

    periods = ", ".join(dict.fromkeys(dataset.period for dataset in datasets))
    columns = (
        Column("rank", "#", "int"),
        Column("title", "Role"),
        Column("occupation", "SOC*", priority=1, path="growth_soc"),
        Column("growth", f"Change {periods}*", "percent", path="projected_growth"),
        Column("jobs", "Jobs", "int", priority=2, path="projection.employment_change"),
        Column(
            "openings", "Openings a year", "int", priority=3, path="projection.openings_per_year"
        ),
        Column("median", "Median (article)", "money", path="salary.median"),
    )
    rows: list[dict[str, Value]] = []
    records: list[object] = []
    for entry in ranked:
        role, hit = entry.role, found[entry.role.slug]
        projection = hit.projection
        percent = projection.percent_change
        rows.append(
            {
                "rank": entry.position,
                "title": role.title,
                "occupation": hit.occupation.code,
                "growth": signed_percent(percent) if percent is not None else None,
                "jobs": (
                    signed(projection.employment_change)
                    if projection.employment_change is not None
                    else None
                ),
                "openings": projection.openings,
                "median": role.salary.median,
            }
        )
        records.append(
            {
                "rank": entry.position,
                **role_data(role),
                "projected_growth": {"value": percent, "derived": True, "method": GROWTH_METHOD},
                "growth_soc": mapping_data(role_soc(role)),
                "projection": projection_data(hit),
            }
        )
    occupations = "; ".join(
        dict.fromkeys(f"{f.occupation.code} {f.occupation.title}" for f in found.values())
    )
    notes = [
        f"Ranked by each role's first occupation's projected change in employment, {periods}; "
        f"{TIES}.",
        "* Derived: a role's growth is its occupation's, not the role's own; which occupation "
        "a role is, is our judgement (show ROLE gives the reasons)."
        + (f" SOC: {occupations}." if occupations else ""),
    ]
    if unranked:
        listed = "; ".join(
            f"{role.title} ({role.soc[0].code}: {why})" if role.soc else f"{role.title} (no SOC)"
            for role, why in unranked.items()
        )
        notes.append(f"Not ranked, their first occupation having no growth stored: {listed}.")
    notes.append(datasets_note(datasets))
    notes.append("Median (article): US annual base salary, national, as the article gives it.")
    notes.append(article_source(catalogue))
    both = f"{article_source(catalogue)} {datasets_note(datasets)}"
    return Report(
        columns,
        tuple(rows),
        records,
        f"ML roles by their occupation's projected growth, {periods}",
        tuple(notes),
        source=both,
    )
