"""Roles side by side: pay against the first role, and which skills they share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.cities import city_pay
from mlcareers.errors import UsageError
from mlcareers.models import fold

if TYPE_CHECKING:
    from mlcareers.cities import CityPay
    from mlcareers.models import Catalogue, City, Role


class Side(NamedTuple):
    """One role in a side-by-side comparison, with its city figure when a city was asked."""

    role: Role
    median_difference: int
    shared: tuple[str, ...]
    only_here: tuple[str, ...]
    city: CityPay | None


def compare_roles(
    catalogue: Catalogue, roles: Sequence[Role], cities: Sequence[City] = ()
) -> list[Side]:
    """Each role against the first; one row per role, or per role and city when cities are given."""
    if len(roles) < 2:
        raise UsageError("compare needs two or more roles to put side by side")
    first = roles[0]
    folded = [{fold(skill) for skill in role.skills} for role in roles]
    common = set.intersection(*folded)
    pay = {(row.city.slug, row.role.slug): row for row in city_pay(catalogue, cities)}
    sides: list[Side] = []
    for index, role in enumerate(roles):
        others = set().union(*(skills for other, skills in enumerate(folded) if other != index))
        shared = tuple(skill for skill in role.skills if fold(skill) in common)
        only = tuple(skill for skill in role.skills if fold(skill) not in others)
        difference = role.salary.median - first.salary.median
        places: list[CityPay | None] = [pay[(city.slug, role.slug)] for city in cities] or [None]
        sides.extend(Side(role, difference, shared, only, place) for place in places)
    return sides
