"""Views for career planning: skills, gap analysis, the ladder, learning, the FAQ and sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.cities import ESTIMATE_ROUNDING
from mlcareers.ladder import PATH_METHOD, stage_label
from mlcareers.pay import ANNUALISED_METHOD, HOURS_PER_YEAR
from mlcareers.report import HUMAN, MACHINE, Column, Report, Value, money
from mlcareers.skills import SCORING
from mlcareers.views.common import derived, source_note

if TYPE_CHECKING:
    from mlcareers.ladder import RolePath
    from mlcareers.models import Catalogue, LadderRole, LadderStage, MarketFact
    from mlcareers.skills import Match, SkillDemand


def skills_report(catalogue: Catalogue, rows: Sequence[SkillDemand], role: str | None) -> Report:
    """The skills matrix: each skill with the roles that list it, most-demanded first."""
    total = len(catalogue.roles)
    columns = (
        Column("skill", "Skill"),
        Column("count", "Roles", "int"),
        Column("roles", "Listed by", "list", HUMAN),
        Column("slugs", "Roles listing it", "list", MACHINE),
    )
    flat: tuple[dict[str, Value], ...] = tuple(
        {
            "skill": row.skill,
            "count": len(row.roles),
            "roles": tuple(role.title for role in row.roles),
            "slugs": tuple(role.slug for role in row.roles),
        }
        for row in rows
    )
    data: list[object] = [
        {"skill": row.skill, "count": len(row.roles), "roles": [r.slug for r in row.roles]}
        for row in rows
    ]
    title = f"Skills of {role}" if role else "Skills and tools by demand"
    notes = (f"Roles: how many of the {total} roles list the skill.", source_note(catalogue))
    return Report(columns, flat, data, title, notes)


def match_report(catalogue: Catalogue, result: Match) -> Report:
    """The gap analysis: every role's fit, best first, and the next skill to learn."""
    columns = (
        Column("rank", "#", "int"),
        Column("slug", "Slug", formats=MACHINE),
        Column("title", "Role"),
        Column("coverage", "Coverage*", "percent"),
        Column("have", "You have", "list"),
        Column("lack", "Missing", "list"),
        Column("median", "Median", "money"),
        Column("fit", "Pay-weighted fit*", "money"),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {
            "rank": position,
            "slug": fit.role.slug,
            "title": fit.role.title,
            "coverage": fit.coverage,
            "have": fit.have,
            "lack": fit.lack,
            "median": fit.role.salary.median,
            "fit": round(fit.weighted),
        }
        for position, fit in enumerate(result.fits, start=1)
    )
    nxt = result.next_skill
    data: dict[str, object] = {
        "have": list(result.known),
        "unknown": list(result.unknown),
        "scoring": SCORING,
        "roles": [
            {
                "rank": position,
                "slug": fit.role.slug,
                "title": fit.role.title,
                "salary": fit.role.salary.model_dump(),
                "have": list(fit.have),
                "lack": list(fit.lack),
                "coverage": derived(round(fit.coverage, 4), "skills you have ÷ skills listed"),
                "weighted_fit": derived(round(fit.weighted), "coverage × median salary"),
            }
            for position, fit in enumerate(result.fits, start=1)
        ],
        "next_skill": None
        if nxt is None
        else {
            "skill": nxt.skill,
            "role": nxt.role.slug,
            "weighted_fit_before": round(nxt.weighted_before),
            "weighted_fit_after": round(nxt.weighted_after),
            "estimated": True,
            "method": "the missing skill that most raises the best pay-weighted fit",
        },
    }
    notes = [f"* Derived: {SCORING}."]
    if nxt is not None:
        notes.insert(
            0,
            f"Learn next: {nxt.skill}. It lifts your best pay-weighted fit from "
            f"{money(round(nxt.weighted_before))} to {money(round(nxt.weighted_after))} "
            f"({nxt.role.title}).",
        )
    if result.unknown:
        notes.append(f"Not in the catalogue, so not counted: {', '.join(result.unknown)}.")
    notes.append(source_note(catalogue))
    return Report(columns, rows, data, "Your fit with each role", tuple(notes))


def ladder_report(catalogue: Catalogue) -> Report:
    """The whole career ladder, stage by stage."""
    columns = _rung_columns()
    rows = tuple(_rung_row(stage, rung, "") for stage in catalogue.ladder for rung in stage.roles)
    data: list[object] = [
        {
            "level": stage.level,
            "label": stage_label(stage),
            "min_years": stage.min_years,
            "max_years": stage.max_years,
            "roles": [rung.model_dump() for rung in stage.roles],
        }
        for stage in catalogue.ladder
    ]
    return Report(columns, rows, data, "Career ladder", (source_note(catalogue),), group_by="stage")


def path_report(catalogue: Catalogue, path: RolePath) -> Report:
    """Where one role sits on the ladder, what leads to it and where it leads."""
    role = path.role
    columns = _rung_columns()
    rows: list[dict[str, Value]] = []
    data: dict[str, object] = {"slug": role.slug, "title": role.title}
    if path.home is None:
        rows.extend(
            {"stage": "Comes from (the role's backgrounds)", "title": background, "summary": ""}
            for background in role.backgrounds
        )
        data |= {"stage": None, "reached_from": [], "leads_to": [], "backgrounds": role.backgrounds}
        notes = [f"The source does not place {role.title} on its career ladder."]
    else:
        here = f"This role: {stage_label(path.home.stage)}"
        rows.append(_rung_row(path.home.stage, path.home.rung, "", here))
        for label, stage in (("Reached from", path.before), ("Leads to", path.after)):
            if stage is not None:
                group = f"{label}: {stage_label(stage)}"
                rows.extend(
                    _rung_row(stage, rung, "direct line" if path.direct(rung) else "", group)
                    for rung in stage.roles
                )
        data |= {
            "stage": stage_label(path.home.stage),
            "reached_from": _rungs(path, path.before),
            "leads_to": _rungs(path, path.after),
            "estimated": True,
            "method": PATH_METHOD,
        }
        notes = [f"'Reached from' and 'Leads to' are derived: {PATH_METHOD}."]
    notes.append(source_note(catalogue))
    return Report(
        columns, tuple(rows), data, f"Career path: {role.title}", tuple(notes), group_by="stage"
    )


def _rung_columns() -> tuple[Column, ...]:
    return (
        Column("stage", "Stage"),
        Column("title", "Role"),
        Column("link", "Link"),
        Column("summary", "What it does"),
        Column("role", "Catalogue role", formats=MACHINE),
    )


def _rung_row(
    stage: LadderStage, rung: LadderRole, link: str, group: str | None = None
) -> dict[str, Value]:
    return {
        "stage": group or stage_label(stage),
        "title": rung.title,
        "link": link,
        "summary": rung.summary,
        "role": rung.role,
    }


def _rungs(path: RolePath, stage: LadderStage | None) -> list[object]:
    if stage is None:
        return []
    return [{**rung.model_dump(), "direct": path.direct(rung)} for rung in stage.roles]


def learn_report(catalogue: Catalogue) -> Report:
    """Ways in: education routes, certifications, entry-level jobs and how long it takes."""
    rows: list[dict[str, Value]] = []
    for route in catalogue.education:
        rows.append(_learn_row("Education", route.name, route.summary, route.examples))
    for cert in catalogue.certifications:
        rows.append(_learn_row("Certifications", cert.programme, cert.provider))
    for path in catalogue.entry_paths:
        rows.append(_learn_row("Entry-level jobs", path.name, path.summary))
    for span in catalogue.time_to_entry:
        rows.append(
            _learn_row("Time to entry", f"{span.low}-{span.high} {span.unit}", span.situation)
        )
    for kind, items in (
        ("Hard skills", catalogue.hard_skills),
        ("Soft skills", catalogue.soft_skills),
        ("Tips to earn more", catalogue.tips),
    ):
        rows.extend(_learn_row(kind, item.name, item.summary, item.examples) for item in items)
    columns = _kind_columns("Examples")
    data: dict[str, object] = {
        "education": [route.model_dump() for route in catalogue.education],
        "certifications": [cert.model_dump() for cert in catalogue.certifications],
        "entry_paths": [path.model_dump() for path in catalogue.entry_paths],
        "time_to_entry": [span.model_dump() for span in catalogue.time_to_entry],
        "hard_skills": [skill.model_dump() for skill in catalogue.hard_skills],
        "soft_skills": [skill.model_dump() for skill in catalogue.soft_skills],
        "tips": [tip.model_dump() for tip in catalogue.tips],
    }
    return Report(
        columns,
        tuple(rows),
        data,
        "Getting into machine learning",
        (source_note(catalogue),),
        group_by="kind",
    )


def _kind_columns(examples: str) -> tuple[Column, ...]:
    """Columns of a list grouped by kind: drawn as a tree, one branch per kind."""
    return (
        Column("kind", "Kind"),
        Column("name", "Name"),
        Column("detail", "Detail"),
        Column("examples", examples, "list"),
    )


def _learn_row(
    kind: str, name: str, detail: str, examples: tuple[str, ...] = ()
) -> dict[str, Value]:
    return {"kind": kind, "name": name, "detail": detail, "examples": examples}


def faq_report(catalogue: Catalogue, term: str | None) -> Report:
    """The FAQ, whole or the entries that mention `term`."""
    wanted = (term or "").casefold()
    entries = [
        entry
        for entry in catalogue.faq
        if wanted in entry.question.casefold() or wanted in entry.answer.casefold()
    ]
    columns = (Column("question", "Question"), Column("answer", "Answer"))
    rows: tuple[dict[str, Value], ...] = tuple(
        {"question": e.question, "answer": e.answer} for e in entries
    )
    data: list[object] = [entry.model_dump() for entry in entries]
    title = f"Questions about {term!r}" if term else "Questions people ask"
    notes = (f"{len(entries)} of {len(catalogue.faq)} questions.", source_note(catalogue))
    return Report(columns, rows, data, title, notes, group_by="question")


def sources_report(catalogue: Catalogue) -> Report:
    """Where every kind of figure comes from, which are derived and how."""
    source = catalogue.source
    origin = f"{source.publisher}, {source.title!r} ({source.year}), as of {source.as_of}"
    figures = [
        ("Salary ranges and medians (US annual base)", "published", origin),
        ("Freelance hourly rates", "published", f"{origin}; rates vary over time"),
        ("City salary ranges", "published", f"{origin}; given for one role per city"),
        (
            "City uplift",
            "derived",
            "city range midpoint ÷ national range midpoint of the same role",
        ),
        (
            "City estimates for other roles",
            "derived",
            f"national range × city uplift, rounded to the nearest ${ESTIMATE_ROUNDING:,}",
        ),
        ("Annualised freelance rates", "derived", ANNUALISED_METHOD),
        (
            "Pay conversions (convert)",
            "derived",
            f"on {HOURS_PER_YEAR:,} hours a year unless --hours",
        ),
        ("Skill coverage and pay-weighted fit (match)", "derived", SCORING),
        ("Skill demand counts (skills)", "derived", "roles listing each skill, counted"),
        ("Where a role leads (path)", "derived", PATH_METHOD),
    ]
    columns = (
        Column("figure", "Figure"),
        Column("basis", "Basis"),
        Column("origin", "Where from, or how"),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {"figure": f, "basis": b, "origin": o} for f, b, o in figures
    )
    data: dict[str, object] = {
        "source": source.model_dump(mode="json"),
        "figures": [
            {
                "figure": f,
                "estimated": b == "derived",
                ("method" if b == "derived" else "origin"): o,
            }
            for f, b, o in figures
        ],
        "caveats": list(source.caveats),
    }
    published = source.published.isoformat() if source.published else "not given by the source"
    notes = (
        f"Published: {published}. Compiled: {source.as_of}.",
        *(f"Caveat: {caveat}" for caveat in source.caveats),
    )
    return Report(columns, rows, data, "Where the figures come from", notes)


def outlook_report(catalogue: Catalogue) -> Report:
    """The market around the roles: industries hiring, what for, remote work, growth."""
    rows: list[dict[str, Value]] = [
        _learn_row("Industries hiring", industry.name, "") for industry in catalogue.industries
    ]
    rows.extend(_learn_row("What they use ML for", use, "") for use in catalogue.industry_uses)
    if catalogue.remote_work:
        rows.append(_learn_row("Remote work", catalogue.remote_work, ""))
    rows.extend(
        _learn_row("Market", fact.summary, _fact_value(fact.value, fact.unit), _cited(fact))
        for fact in catalogue.market_facts
    )
    columns = _kind_columns("Cited from")
    data: dict[str, object] = {
        "industries": [industry.model_dump() for industry in catalogue.industries],
        "industry_uses": list(catalogue.industry_uses),
        "remote_work": catalogue.remote_work,
        "market_facts": [fact.model_dump() for fact in catalogue.market_facts],
    }
    return Report(
        columns, tuple(rows), data, "Where ML is hiring", (source_note(catalogue),), group_by="kind"
    )


def _fact_value(value: int, unit: str) -> str:
    return {
        "percent": f"{value}%",
        "usd": money(value),
        "usd_per_hour": f"{money(value)} an hour",
        "usd_per_year": f"{money(value)} a year",
    }[unit]


def _cited(fact: MarketFact) -> tuple[str, ...]:
    return (fact.cited_source,) if fact.cited_source else ()
