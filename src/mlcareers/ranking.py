"""Rank roles by a pay figure, or by their occupation's projected growth."""

from __future__ import annotations

import enum
import heapq
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mlcareers.models import Role


class RankBy(enum.StrEnum):
    """The pay figure roles are ranked by."""

    median = "median"
    low = "low"
    high = "high"
    hourly = "hourly"


class RankOption(enum.StrEnum):
    """What `rank --by` takes: a pay figure (RankBy), or the projected growth of each role's
    first occupation, from the official store (rank_by_growth)."""

    median = "median"
    low = "low"
    high = "high"
    hourly = "hourly"
    growth = "growth"


SortKey = tuple[int, int, int, str]

_KEYS: dict[RankBy, Callable[[Role], SortKey]] = {
    RankBy.median: lambda r: (-r.salary.median, -r.salary.high, -r.salary.low, r.title.casefold()),
    RankBy.low: lambda r: (-r.salary.low, -r.salary.median, -r.salary.high, r.title.casefold()),
    RankBy.high: lambda r: (-r.salary.high, -r.salary.median, -r.salary.low, r.title.casefold()),
    RankBy.hourly: lambda r: (-r.hourly.high, -r.hourly.low, -r.salary.median, r.title.casefold()),
}
"""Ascending sort keys: best paid first, ties broken by the next most telling figure and then
by title, A to Z. Negated figures let one ascending sort (or heap) do it all."""


_FIRST: dict[RankBy, Callable[[Role], int]] = {
    RankBy.median: attrgetter("salary.median"),
    RankBy.low: attrgetter("salary.low"),
    RankBy.high: attrgetter("salary.high"),
    RankBy.hourly: attrgetter("hourly.high"),
}
"""The figure each key ranks by first (negated there)."""


class Ranked(NamedTuple):
    """A role and its place in a ranking, 1 for the best paid."""

    position: int
    role: Role


def rank(
    roles: Sequence[Role], by: RankBy = RankBy.median, limit: int | None = None
) -> list[Ranked]:
    """Roles from best to worst paid by `by`; only the first `limit` when given."""
    key = _KEYS[by]
    if limit and len(roles) > limit:
        # Only roles whose first figure reaches the limit-th best can be in the top: found
        # with a C-level getter, so the full key (a tuple and a casefold) is built for few.
        figures = list(map(_FIRST[by], roles))
        cut = heapq.nlargest(limit, figures)[-1]
        roles = [role for role, figure in zip(roles, figures, strict=True) if figure >= cut]
        return [
            Ranked(position, role)
            for position, role in enumerate(heapq.nsmallest(limit, roles, key=key), start=1)
        ]
    ordered = sorted(roles, key=key)
    return [Ranked(position, role) for position, role in enumerate(ordered, start=1)]


def rank_by_growth(
    roles: Sequence[Role], growth: Mapping[str, float], limit: int | None = None
) -> list[Ranked]:
    """The roles that have a growth in `growth` (a percent, by slug), fastest growing first;
    ties (roles that share an occupation share its growth) broken by the article's median
    salary, then by title, A to Z. Only the first `limit` when given."""

    def key(role: Role) -> tuple[float, int, str]:
        return (-growth[role.slug], -role.salary.median, role.title.casefold())

    grown = [role for role in roles if role.slug in growth]
    ordered = heapq.nsmallest(limit, grown, key=key) if limit else sorted(grown, key=key)
    return [Ranked(position, role) for position, role in enumerate(ordered, start=1)]


def rank_value(role: Role, by: RankBy) -> int:
    """The figure a ranking by `by` puts first."""
    return -_KEYS[by](role)[0]
