"""Roles side by side: pay against the first role, and which requirements they share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.errors import UsageError
from mlcareers.skills import key, vocabulary

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Requirement, Role


class Side(NamedTuple):
    """One role in a side-by-side comparison."""

    role: Role
    median_difference: int
    shared: tuple[Requirement, ...]
    only_here: tuple[Requirement, ...]


def compare_roles(catalogue: Catalogue, roles: Sequence[Role]) -> list[Side]:
    """Each role against the first. A group of alternatives is the same requirement in two
    roles when it has the same members, whatever it is called."""
    if len(roles) < 2:
        raise UsageError("compare needs two or more roles to put side by side, or --city")
    index = vocabulary(catalogue)

    def canonical(requirement: Requirement) -> str:
        if isinstance(requirement, str):
            return key(index.get(key(requirement), requirement))
        return key(requirement)

    keyed = [{canonical(req) for req in role.skills} for role in roles]
    common = set.intersection(*keyed)
    first = roles[0]
    sides: list[Side] = []
    for position, role in enumerate(roles):
        others = set().union(*(keys for other, keys in enumerate(keyed) if other != position))
        sides.append(
            Side(
                role,
                role.salary.median - first.salary.median,
                tuple(req for req in role.skills if canonical(req) in common),
                tuple(req for req in role.skills if canonical(req) not in others),
            )
        )
    return sides
