"""The official store as one command sees it, read at most once; the place look-ups of the
2.0 store that commands still use (to be replaced by places.PlaceIndex).

A command that takes a place asks here, so that it reads the store once and resolves each
name once; a command that needs no official figure never comes here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from mlcareers.errors import NotFoundError

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, City, Role
    from mlcareers.official.lookup import Found
    from mlcareers.official.models import Area, Store
    from mlcareers.official.soc import RoleSoc


class Official(NamedTuple):
    """The store as this run found it: None when none was ever written; an empty one, with
    the reason in `problem`, when it could not be read."""

    store: Store | None
    problem: str | None = None

    @property
    def has_figures(self) -> bool:
        """Whether any imported file is stored."""
        return self.store is not None and bool(self.store.datasets)


class Place(NamedTuple):
    """What one name stands for: an article's city, a stored area, either or both.

    `unknown_city` keeps the lookup's own error, to raise where only a city will do."""

    name: str
    city: City | None
    area: Area | None
    unknown_city: NotFoundError | None = None

    def article_city(self) -> City:
        """The article's city this name stands for; the lookup's error when there is none."""
        if self.city is None:
            raise self.unknown_city or NotFoundError("city", self.name, ())
        return self.city


def read_store() -> Official:
    """The official store, read once; the no-store path imports no model and opens nothing."""
    from mlcareers.official.paths import store_path  # noqa: PLC0415 -- cheap: no pydantic

    if not store_path().exists():
        return Official(None)
    from mlcareers.official import store  # noqa: PLC0415

    stored, problem = store.load_or_warning()
    return Official(stored, problem)


def resolve(
    catalogue: Catalogue, official: Official, name: str, *, with_area: bool = True
) -> Place:
    """The article's city and (`with_area`) the stored area that `name` stands for, each
    looked up once.

    A name that fits neither is not an error here: the command says what it needed. A name
    that fits several cities or areas is (a UsageError listing them)."""
    from mlcareers.catalogue import find_city  # noqa: PLC0415

    try:
        city, unknown = find_city(catalogue, name), None
    except NotFoundError as error:
        city, unknown = None, error
    area = None
    if with_area and official.store is not None and official.has_figures:
        from mlcareers.official.lookup import find_area  # noqa: PLC0415

        try:
            area = find_area(official.store, name)
        except NotFoundError:
            area = None
    return Place(name, city, area, unknown)


def role_figures(
    official: Official, role: Role, area: Area | None = None
) -> tuple[RoleSoc, list[Found]]:
    """A role's occupations and their figures in `area` (national when None)."""
    from mlcareers.official.lookup import figures  # noqa: PLC0415
    from mlcareers.official.soc import role_soc  # noqa: PLC0415

    mapped = role_soc(role)
    if official.store is None:
        return mapped, []
    return mapped, figures(official.store, [ref.code for ref in mapped.soc], area)
