"""The career ladder: its stages, and where a catalogue role sits on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, LadderRole, LadderStage, Role

LEVEL_NAMES = {"entry": "Entry level", "mid": "Mid-level", "senior": "Senior and leadership"}


class Placement(NamedTuple):
    """One rung of the ladder that is a stage of a catalogue role."""

    stage: LadderStage
    rung: LadderRole


def stage_label(stage: LadderStage) -> str:
    """A stage's name with the experience it asks for, e.g. "Mid-level (2-5 years)"."""
    name = LEVEL_NAMES[stage.level]
    low, high = stage.min_years, stage.max_years
    if low is not None and high is not None:
        return f"{name} ({low}-{high} years)"
    if low is not None:
        return f"{name} ({low}+ years)"
    if high is not None:
        return f"{name} (up to {high} years)"
    return name


def placements(catalogue: Catalogue, role: Role) -> list[Placement]:
    """The rungs, lowest stage first, that the catalogue links to `role`."""
    return [
        Placement(stage, rung)
        for stage in catalogue.ladder
        for rung in stage.roles
        if rung.role == role.slug
    ]
