"""Rank roles by a pay figure."""

from __future__ import annotations

import enum
import heapq
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mlcareers.models import Role


class RankBy(enum.StrEnum):
    """The pay figure roles are ranked by."""

    median = "median"
    low = "low"
    high = "high"
    hourly = "hourly"


SortKey = tuple[int, int, int, str]

_KEYS: dict[RankBy, Callable[[Role], SortKey]] = {
    RankBy.median: lambda r: (-r.salary.median, -r.salary.high, -r.salary.low, r.title.casefold()),
    RankBy.low: lambda r: (-r.salary.low, -r.salary.median, -r.salary.high, r.title.casefold()),
    RankBy.high: lambda r: (-r.salary.high, -r.salary.median, -r.salary.low, r.title.casefold()),
    RankBy.hourly: lambda r: (-r.hourly.high, -r.hourly.low, -r.salary.median, r.title.casefold()),
}
"""Ascending sort keys: best paid first, ties broken by the next most telling figure and then
by title, A to Z. Negated figures let one ascending sort (or heap) do it all."""


class Ranked(NamedTuple):
    """A role and its place in a ranking, 1 for the best paid."""

    position: int
    role: Role


def rank(
    roles: Sequence[Role], by: RankBy = RankBy.median, limit: int | None = None
) -> list[Ranked]:
    """Roles from best to worst paid by `by`; only the first `limit` when given."""
    key = _KEYS[by]
    ordered = heapq.nsmallest(limit, roles, key=key) if limit else sorted(roles, key=key)
    return [Ranked(position, role) for position, role in enumerate(ordered, start=1)]


def rank_value(role: Role, by: RankBy) -> int:
    """The figure a ranking by `by` puts first."""
    return -_KEYS[by](role)[0]
