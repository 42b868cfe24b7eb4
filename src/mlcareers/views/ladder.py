"""The career ladder (`path`): the whole ladder stage by stage, or where one job sits on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlcareers.ladder import PATH_METHOD, RolePath, link_is_derived, stage_label
from mlcareers.report import Column, Report, Value
from mlcareers.views.common import role_ref, source_note

if TYPE_CHECKING:
    from mlcareers.ladder import RungPath
    from mlcareers.models import Catalogue, LadderRole, LadderStage


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
