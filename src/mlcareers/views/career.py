"""Views for career planning: skills, gap analysis, the ladder, learning, the FAQ and sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from mlcareers.ladder import LINK_METHOD, PATH_METHOD, RolePath, link_is_derived, stage_label
from mlcareers.models import SkillGroup, fold
from mlcareers.official.soc import GROWTH_METHOD
from mlcareers.pay import ANNUALISED_METHOD, HOURS_PER_YEAR
from mlcareers.report import Column, Report, Value, money
from mlcareers.skills import (
    COVERAGE_METHOD,
    FOUNDATIONS_NOTE,
    NEXT_METHOD,
    ORDER_METHOD,
    label,
    name_of,
    placements,
    unlisted,
    where_named,
)
from mlcareers.views.common import derived, role_ref, source_note

if TYPE_CHECKING:
    from mlcareers.ladder import RungPath
    from mlcareers.models import Catalogue, LadderRole, LadderStage, MarketFact, Requirement
    from mlcareers.official.lookup import FoundProjection
    from mlcareers.skills import FoundationFit, Match, Placement, SkillDemand


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


def requirement_data(requirement: Requirement) -> dict[str, object]:
    """A requirement in JSON: `skill` (a group by its name), `kind`, and a group's members."""
    group = requirement if isinstance(requirement, SkillGroup) else None
    return {
        "skill": name_of(requirement),
        "kind": "skill" if group is None else "group",
        "any_of": [] if group is None else list(group.any_of),
        "or_similar": group is not None and group.or_similar,
        "examples_word": None if group is None else group.examples_word,
    }


def _skill_cell(name: str, requirement: Requirement | None) -> str:
    """A requirement's name in a table, marked "(e.g.)" when its members are examples."""
    if isinstance(requirement, SkillGroup) and requirement.examples_word is not None:
        return f"{name} ({requirement.examples_word})"
    return name


def _alternatives(requirement: Requirement | None) -> tuple[str, ...]:
    if not isinstance(requirement, SkillGroup):
        return ()
    return (*requirement.any_of, *(("or similar",) if requirement.or_similar else ()))


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


def ladder_report(catalogue: Catalogue) -> Report:
    """The whole career ladder, stage by stage."""
    columns = _rung_columns()
    rows = tuple(_rung_row(stage, rung) for stage in catalogue.ladder for rung in stage.roles)
    data: list[object] = [
        {
            "level": stage.level,
            "stage": stage_label(stage),
            "min_years": stage.min_years,
            "max_years": stage.max_years,
            "requires": stage.requires,
            "roles": [_rung_data(catalogue, rung) for rung in stage.roles],
        }
        for stage in catalogue.ladder
    ]
    notes = (*_stage_notes(catalogue.ladder), YEARS_NOTE, source_note(catalogue))
    return Report(
        columns, rows, data, "Career ladder", notes, group_by="stage", source=source_note(catalogue)
    )


YEARS_NOTE = "Years are what the source says is typical, not rules."


def _stage_notes(stages: Sequence[LadderStage]) -> list[str]:
    return [f"{stage_label(stage)}: {stage.requires}" for stage in stages if stage.requires]


def _rung_data(catalogue: Catalogue, rung: LadderRole) -> dict[str, object]:
    role = next((role for role in catalogue.roles if role.slug == rung.role), None)
    return {
        "title": rung.title,
        "summary": rung.summary,
        "role": role_ref(role),
        "link_derived": role is not None and link_is_derived(rung, role),
    }


def path_report(catalogue: Catalogue, path: RolePath | RungPath, title: str) -> Report:
    """Where one role or ladder job sits, what leads to it and where it leads."""
    columns = _rung_columns()
    rows: list[dict[str, Value]] = []
    data: dict[str, object] = {"title": title}
    if isinstance(path, RolePath):
        data = {"slug": path.role.slug, "title": title}
    notes: list[str] = []
    if path.home is None:
        role = path.role if isinstance(path, RolePath) else None
        backgrounds = role.backgrounds if role else ()
        rows.extend(
            {"stage": "Comes from (the role's backgrounds)", "title": background, "summary": ""}
            for background in backgrounds
        )
        data |= {
            "stage": None,
            "reached_from": [],
            "leads_to": [],
            "backgrounds": list(backgrounds),
        }
        notes.append(f"The source does not place {title} on its career ladder.")
    else:
        here = f"This job: {stage_label(path.home.stage)}"
        rows.append(_rung_row(path.home.stage, path.home.rung, here))
        for label_, stage in (("Reached from", path.before), ("Leads to", path.after)):
            if stage is not None:
                group = f"{label_}: {stage_label(stage)}"
                rows.extend(_rung_row(stage, rung, group) for rung in stage.roles)
        data |= {
            "stage": stage_label(path.home.stage),
            "requires": path.home.stage.requires,
            "reached_from": _rungs(catalogue, path.before),
            "leads_to": _rungs(catalogue, path.after),
            "derived": True,
            "method": PATH_METHOD,
        }
        if path.home.stage.requires:
            notes.append(f"{stage_label(path.home.stage)}: {path.home.stage.requires}")
        notes.append(f"'Reached from' and 'Leads to' are derived: {PATH_METHOD}.")
        notes.append(YEARS_NOTE)
    notes.append(source_note(catalogue))
    return Report(
        columns,
        tuple(rows),
        data,
        f"Career path: {title}",
        tuple(notes),
        group_by="stage",
        source=source_note(catalogue),
    )


def _rung_columns() -> tuple[Column, ...]:
    return (
        Column("stage", "Stage"),
        Column("title", "Job"),
        Column("summary", "What it does", priority=1),
    )


def _rung_row(stage: LadderStage, rung: LadderRole, group: str | None = None) -> dict[str, Value]:
    return {"stage": group or stage_label(stage), "title": rung.title, "summary": rung.summary}


def _rungs(catalogue: Catalogue, stage: LadderStage | None) -> list[object]:
    if stage is None:
        return []
    return [_rung_data(catalogue, rung) for rung in stage.roles]


class _Entries:
    """Rows for the table (grouped by kind) and records for the machine formats, built once."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Value]] = []
        self.records: list[object] = []

    def add(
        self,
        kind: str,
        label_: str,
        name: str,
        detail: str = "",
        examples: tuple[str, ...] = (),
        **extra: object,
    ) -> None:
        self.rows.append({"kind": label_, "name": name, "detail": detail, "examples": examples})
        self.records.append(
            {"kind": kind, "name": name, "detail": detail, "examples": list(examples), **extra}
        )


def learn_report(catalogue: Catalogue) -> Report:
    """Ways in: education routes, certifications, entry-level jobs and how long it takes."""
    entries = _Entries()
    for note in catalogue.entry_notes:
        entries.add("entry_note", "Getting in", note)
    for route in catalogue.education:
        entries.add("education", "Education", route.name, route.summary, route.examples)
    for cert in catalogue.certifications:
        entries.add("certification", "Certifications", cert.programme, cert.provider)
    for job in catalogue.entry_paths:
        entries.add("entry_job", "Entry-level jobs", job.name, job.summary)
    for span in catalogue.time_to_entry:
        name = f"{span.low}-{span.high} {span.unit}"
        entries.add(
            "time_to_entry",
            "Time to entry",
            name,
            span.situation,
            low=span.low,
            high=span.high,
            unit=span.unit,
        )
    for kind, label_, items in (
        ("hard_skill", "Hard skills", catalogue.hard_skills),
        ("soft_skill", "Soft skills", catalogue.soft_skills),
        ("tip", "Tips to earn more", catalogue.tips),
    ):
        for item in items:
            entries.add(kind, label_, item.name, item.summary, item.examples)
    return Report(
        _kind_columns("Examples"),
        tuple(entries.rows),
        entries.records,
        "Getting into machine learning",
        (source_note(catalogue),),
        group_by="kind",
        source=source_note(catalogue),
    )


def _kind_columns(examples: str) -> tuple[Column, ...]:
    """Columns of a list grouped by kind: drawn as a tree, one branch per kind."""
    return (
        Column("kind", "Kind"),
        Column("name", "Name"),
        Column("detail", "Detail", priority=1),
        Column("examples", examples, "list", priority=2),
    )


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
    return Report(
        columns, rows, data, title, notes, group_by="question", source=source_note(catalogue)
    )


def sources_report(catalogue: Catalogue) -> Report:
    """Where every kind of figure comes from, which are derived and how."""
    source = catalogue.source
    origin = f"{source.publisher}, {source.title!r}"
    figures = [
        ("Salary ranges and medians (US annual base, national)", "published", origin),
        ("Freelance hourly rates", "published", f"{origin}; rates vary over time"),
        (
            "City pay ranges",
            "published",
            f"{origin}; one range a city, for the role it names or for ML pay in general",
        ),
        (
            "Growth and demand",
            "published",
            f"{origin}; in our words, per role and for ML work at large",
        ),
        ("Freelance rates if billed all year (rank --by hourly)", "derived", ANNUALISED_METHOD),
        (
            "Pay conversions (convert)",
            "derived",
            f"on {HOURS_PER_YEAR:,} hours a year unless --hours",
        ),
        ("Skill coverage (match)", "derived", COVERAGE_METHOD),
        ("What to learn next (match)", "derived", NEXT_METHOD),
        ("Skill demand counts (skills)", "derived", "roles asking for each skill, counted"),
        ("Where a job leads (path)", "derived", PATH_METHOD),
        ("Ladder jobs tied to a role (show, path)", "derived", LINK_METHOD),
        (
            "Official occupation of a role (show)",
            "derived",
            "our judgement; 'mlcareers show ROLE' gives its reasons (soc.method in JSON)",
        ),
        ("Projected growth of a role (rank --by growth, outlook)", "derived", GROWTH_METHOD),
    ]
    columns = (
        Column("figure", "Figure"),
        Column("basis", "Basis", path="derived"),
        Column("origin", "Where from, or how", priority=1),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {"figure": f, "basis": b, "origin": o} for f, b, o in figures
    )
    data: dict[str, object] = {
        "source": source.model_dump(mode="json"),
        "figures": [
            {"figure": f, "derived": b == "derived", "origin" if b == "published" else "method": o}
            for f, b, o in figures
        ],
        "caveats": list(source.caveats),
    }
    published = source.published.isoformat() if source.published else "the article is undated"
    notes = (
        f"Figures for {source.year}; {published}; catalogue compiled {source.as_of}.",
        *(f"Caveat: {caveat}" for caveat in source.caveats),
    )
    return Report(
        columns,
        rows,
        data,
        "Where the figures come from",
        notes,
        records_key="figures",
        source=source_note(catalogue),
    )


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
    entries = _Entries()
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
        _kind_columns("Cited from"),
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
