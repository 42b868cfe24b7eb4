"""The career ladder: its stages, and where a catalogue role sits on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from mlcareers.models import fold

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


class RolePath(NamedTuple):
    """Where a role sits on the ladder, what leads to it and where it leads."""

    role: Role
    home: Placement | None
    before: LadderStage | None
    after: LadderStage | None

    def direct(self, rung: LadderRole) -> bool:
        """Whether a rung is a stage of this very role (Junior ML engineer for ML engineer)."""
        return rung.role == self.role.slug


PATH_METHOD = (
    "the source lists the stages in order and names no step from one job to another, so a "
    "job is shown as reached from the whole stage before its own and leading to the whole "
    "stage after it"
)
LINK_METHOD = (
    "the source names this ladder job and the role apart; that it is a stage of the role "
    "is our reading of the titles"
)


def link_is_derived(rung: LadderRole, role: Role) -> bool:
    """Whether tying a rung to a role is our reading rather than the same title."""
    return fold(rung.title) != fold(role.title)


class RungPath(NamedTuple):
    """Where a ladder job that is not a catalogue role sits, and the stages either side."""

    home: Placement
    before: LadderStage | None
    after: LadderStage | None


def find_rung(catalogue: Catalogue, name: str) -> RungPath | None:
    """The ladder job a title names, in any case, with the stages either side; else None."""
    wanted = fold(name)
    stages = list(catalogue.ladder)
    for index, stage in enumerate(stages):
        for rung in stage.roles:
            if fold(rung.title) == wanted:
                before = stages[index - 1] if index > 0 else None
                after = stages[index + 1] if index + 1 < len(stages) else None
                return RungPath(Placement(stage, rung), before, after)
    return None


def rung_titles(catalogue: Catalogue) -> dict[str, str]:
    """Every ladder job's title, folded for matching, to its spelling."""
    return {fold(rung.title): rung.title for stage in catalogue.ladder for rung in stage.roles}


def path_of(catalogue: Catalogue, role: Role) -> RolePath:
    """The role's own rung (the one named like it), and the stages either side of it."""
    found = placements(catalogue, role)
    if not found:
        return RolePath(role, None, None, None)
    home = next((place for place in found if fold(place.rung.title) == fold(role.title)), found[0])
    stages = list(catalogue.ladder)
    index = stages.index(home.stage)
    before = stages[index - 1] if index > 0 else None
    after = stages[index + 1] if index + 1 < len(stages) else None
    return RolePath(role, home, before, after)
