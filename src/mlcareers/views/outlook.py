"""The market around the roles (`outlook`): industries, uses, demand, growth by role (with
BLS's projections beside the article's words, once imported), remote work, market figures."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mlcareers.report import Report, money
from mlcareers.views.common import Entries, kind_columns, role_ref, source_note

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, MarketFact
    from mlcareers.official.lookup import FoundProjection


def outlook_report(
    catalogue: Catalogue,
    projected: Mapping[str, FoundProjection] | None = None,
    stored: bool = False,
) -> Report:
    """The market around the roles: industries taking up ML, what for, remote work, growth.

    `projected` holds, by role slug, BLS's projection for the role's first occupation (from a
    store where `stored` says projections exist): each stands on its own line beside the
    article's growth words, with its source, never merged into them."""

    projected = projected or {}
    entries = Entries()
    for industry in catalogue.industries:
        named = ", ".join(industry.named_in)
        entries.add(
            "industry",
            "Industries taking up ML",
            industry.name,
            f"named in the source's {named}" if named else "",
            named_in=list(industry.named_in),
        )
    for use in catalogue.industry_uses:
        entries.add("industry_use", "What they use ML for", use)
    for demand in catalogue.demand:
        entries.add("demand", "Demand across ML work", demand.scope, demand.summary)
    for role in catalogue.roles:
        if role.growth:
            entries.add(
                "growth", "Growth and demand by role", role.title, role.growth, role=role_ref(role)
            )
        hit = projected.get(role.slug)
        if hit is not None:
            from mlcareers.official.soc import role_soc  # noqa: PLC0415 -- with a store only
            from mlcareers.views import projections  # noqa: PLC0415

            entries.add(
                "projection",
                "Growth and demand by role",
                role.title,
                projections.growth_sentence(hit),
                (projections.growth_citation(hit),),
                role=role_ref(role),
                growth_soc=projections.mapping_data(role_soc(role)),
                projection=projections.projection_data(hit),
            )
    if catalogue.remote_work:
        entries.add("remote_work", "Remote work", catalogue.remote_work)
    for fact in catalogue.market_facts:
        entries.add(
            "market_fact",
            "Market",
            fact.summary,
            _fact_value(fact.value, fact.unit),
            _cited(fact),
            value=fact.value,
            unit=fact.unit,
        )
    silent = [role.title for role in catalogue.roles if not role.growth]
    notes = _outlook_notes(catalogue, projected, stored, silent)
    return Report(
        kind_columns("Cited from"),
        tuple(entries.rows),
        entries.records,
        "Where ML is growing",
        tuple(notes),
        group_by="kind",
        source=source_note(catalogue),
    )


def _outlook_notes(
    catalogue: Catalogue,
    projected: Mapping[str, FoundProjection],
    stored: bool,
    silent: list[str],
) -> list[str]:
    """The outlook's notes: where the article is silent, how the projections stand beside
    its words, and the sources."""
    from mlcareers.official.paths import HOW_TO_ADD_PROJECTIONS  # noqa: PLC0415 -- text only

    unprojected = [role.title for role in catalogue.roles if role.slug not in projected]
    notes: list[str] = []
    if silent:
        said = (
            f"The source says nothing of growth or demand for these roles in particular: "
            f"{', '.join(silent)}."
        )
        if catalogue.demand:
            said += " Its demand line for ML work at large names no role."
        notes.append(said)
    if projected:
        from mlcareers.views.projections import source_note as projections_note  # noqa: PLC0415

        notes.append(
            "Growth and demand by role: the article's words, and beside them, on lines of their "
            "own, BLS's "
            "projection for each role's first occupation; neither is rewritten into the other."
        )
        notes.append(
            "* Derived: the occupation is our judgement of the role (show ROLE gives the "
            "reasons); the projection is the occupation's, not the role's."
        )
        if unprojected:
            notes.append(
                f"No projection is stored for the first occupation of: {', '.join(unprojected)}."
            )
        notes.append(projections_note(list(projected.values())))
    elif stored:
        notes.append(
            "No projection is stored for any role's first occupation: the stored projections "
            "have none of the catalogue's occupations."
        )
    else:
        notes.append(HOW_TO_ADD_PROJECTIONS)
    notes.append(source_note(catalogue))
    return notes


def _fact_value(value: int, unit: str) -> str:
    return {
        "percent": f"{value}%",
        "usd": money(value),
        "usd_per_hour": f"{money(value)} an hour",
        "usd_per_year": f"{money(value)} a year",
    }[unit]


def _cited(fact: MarketFact) -> tuple[str, ...]:
    return (fact.cited_source,) if fact.cited_source else ()
