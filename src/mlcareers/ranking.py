"""Rank roles by a pay figure."""

from __future__ import annotations

import enum
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mlcareers.models import Role


class RankBy(enum.StrEnum):
    """The pay figure roles are ranked by."""

    median = "median"
    low = "low"
    high = "high"
    hourly = "hourly"


_KEYS: dict[RankBy, Callable[[Role], tuple[int, ...]]] = {
    RankBy.median: lambda role: (role.salary.median, role.salary.high, role.salary.low),
    RankBy.low: lambda role: (role.salary.low, role.salary.median),
    RankBy.high: lambda role: (role.salary.high, role.salary.median),
    RankBy.hourly: lambda role: (role.hourly.high, role.hourly.low, role.salary.median),
}
"""Each key breaks ties on the next most telling figure; the title, A to Z, settles the rest."""


@dataclass(frozen=True, slots=True)
class Ranked:
    """A role and its place in a ranking, 1 for the best paid."""

    position: int
    role: Role


def rank(
    roles: Sequence[Role], by: RankBy = RankBy.median, limit: int | None = None
) -> list[Ranked]:
    """Roles from best to worst paid by `by`; only the first `limit` when given."""
    figures = _KEYS[by]

    def key(role: Role) -> tuple[tuple[int, ...], str]:
        return tuple(-figure for figure in figures(role)), role.title.casefold()

    ordered = heapq.nsmallest(limit, roles, key=key) if limit else sorted(roles, key=key)
    return [Ranked(position, role) for position, role in enumerate(ordered, start=1)]


def rank_value(role: Role, by: RankBy) -> int:
    """The figure a ranking by `by` puts first."""
    return _KEYS[by](role)[0]
