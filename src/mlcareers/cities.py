"""Pay by city, exactly as the source gives it: one range a city, for the role it names or none.

Nothing is estimated here. The source's city ranges sit wholly above the national ranges, so
they measure something other than the national base salaries, and no ratio of the two is a
city premium: where the source has no city figure for a role, that is said, not filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, City, Role

GENERAL_SCOPE = "ML pay in general; the source names no role"
"""Whose pay a city's range is when the source ties it to no role (New York's)."""


class CityFigure(NamedTuple):
    """A city's published range and whose pay it is: one role, or ML pay in general."""

    city: City
    role: Role | None

    @property
    def scope(self) -> str:
        """Whose pay the range is, in words."""
        return f"{self.role.title} pay" if self.role is not None else GENERAL_SCOPE

    def is_for(self, role: Role) -> bool:
        """Whether the range is this very role's pay in the city."""
        return self.role is not None and self.role.slug == role.slug


def city_figure(catalogue: Catalogue, city: City) -> CityFigure:
    """The city's figure with the catalogue role it belongs to, if any."""
    role = next((role for role in catalogue.roles if role.slug == city.role), None)
    return CityFigure(city, role)


def city_figures(catalogue: Catalogue, cities: Sequence[City]) -> list[CityFigure]:
    """Each city's figure, in the order given."""
    return [city_figure(catalogue, city) for city in cities]


def absence(figure: CityFigure, role: Role) -> str | None:
    """What to say when the city's figure is not this role's own; None when it is."""
    if figure.is_for(role):
        return None
    place = f"{figure.city.name}, {figure.city.region}"
    whose = figure.scope if figure.role is not None else "ML pay in general and names no role"
    return f"The source gives no {place} figure for {role.title}; its {place} figure is {whose}."
