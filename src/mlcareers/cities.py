"""Pay by city: the published city range, and estimates for the roles it has no city figure for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from mlcareers.models import Catalogue, City, Role
from mlcareers.ranking import rank

ESTIMATE_ROUNDING = 1000
"""Estimates are rounded to the nearest $1,000: more digits would claim a precision they lack."""


class Uplift(NamedTuple):
    """How much more a city pays than the nation, from the one role it has published figures for."""

    city: City
    reference: Role
    factor: float

    @property
    def method(self) -> str:
        """How the factor is derived, in words."""
        return (
            f"midpoint of the published {self.city.name} {self.reference.title} range "
            f"÷ midpoint of its national range"
        )


class CityPay(NamedTuple):
    """One role's annual pay range in one city, published or estimated."""

    city: City
    role: Role
    low: int
    high: int
    uplift: Uplift
    estimated: bool

    @property
    def method(self) -> str | None:
        """How an estimate was made; None for a published figure."""
        if not self.estimated:
            return None
        return (
            f"national {self.role.title} range × {self.uplift.factor:.3f} "
            f"({self.city.name} uplift), rounded to the nearest ${ESTIMATE_ROUNDING:,}"
        )


def uplift(city: City, reference: Role) -> Uplift:
    """The city's pay uplift over the nation for its reference role."""
    city_mid = (city.salary.low + city.salary.high) / 2
    national_mid = (reference.salary.low + reference.salary.high) / 2
    return Uplift(city, reference, city_mid / national_mid)


def city_pay(catalogue: Catalogue, cities: Sequence[City]) -> list[CityPay]:
    """Per city: the reference role's published range, then the other roles' estimates by median."""
    roles = {role.slug: role for role in catalogue.roles}
    rows: list[CityPay] = []
    for city in cities:
        reference = roles[city.role]
        factor = uplift(city, reference)
        rows.append(CityPay(city, reference, city.salary.low, city.salary.high, factor, False))
        rows.extend(
            CityPay(city, role, *_scaled(role, factor.factor), factor, True)
            for role in (ranked.role for ranked in rank(catalogue.roles))
            if role.slug != reference.slug
        )
    return rows


def _scaled(role: Role, factor: float) -> tuple[int, int]:
    return _round(role.salary.low * factor), _round(role.salary.high * factor)


def _round(amount: float) -> int:
    return max(ESTIMATE_ROUNDING, round(amount / ESTIMATE_ROUNDING) * ESTIMATE_ROUNDING)
