"""The official store as one command sees it: opened at most once, and its places indexed
once. A command that needs no official figure never comes here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from mlcareers.errors import UsageError

T = TypeVar("T")

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role
    from mlcareers.official.database import AreaInfo, Database
    from mlcareers.official.lookup import Found, FoundProjection
    from mlcareers.official.places import PlaceIndex


class Official:
    """The store as this run found it: no database when none exists, or when it could not
    be read (then `problem` says why, and the command answers from the article). A store
    found damaged while it is read is said once through `warn`, and gives nothing more."""

    def __init__(
        self,
        database: Database | None,
        problem: str | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.database = database
        self.problem = problem
        self._warn = warn

    @property
    def has_figures(self) -> bool:
        """Whether any OEWS file is stored (projections are no wage figures)."""
        return bool(
            self._asked(
                lambda database: [info for info in database.datasets() if info.source == "oews"]
            )
        )

    @property
    def has_projections(self) -> bool:
        """Whether any BLS Employment Projections dataset is stored."""
        return bool(self._asked(lambda database: database.projection_datasets()))

    def projections(self, codes: Sequence[str]) -> list[FoundProjection]:
        """Each of `codes`' projection, from the latest period that has it; none without a
        store."""
        return self._asked(lambda database: database.projections(codes))

    def areas(self) -> list[AreaInfo]:
        """Every stored area; none without a store."""
        return self._asked(lambda database: database.areas())

    def figures(self, role: Role, code: str | None, period: str | None = None) -> list[Found]:
        """The role's figures in the area `code` (national when None), latest or `period`."""
        codes = [ref.code for ref in role.soc]
        return self._asked(lambda database: database.figures(codes, code, period))

    def _asked(self, query: Callable[[Database], list[T]]) -> list[T]:
        from mlcareers.official.errors import StoreError  # noqa: PLC0415

        if self.database is None:
            return []
        try:
            return query(self.database)
        except StoreError as error:
            self.database = None
            self.problem = f"{error}; official figures are left out"
            if self._warn is not None:
                self._warn(self.problem)
            return []


def read_store(notify: Callable[[str], None], *, quiet: bool = False) -> Official:
    """The official store, opened once; `notify` hears a migration or (unless `quiet`, for a
    command that stops on it and says so itself) a store found damaged as it is read.
    Opening nothing costs nothing: no store means no sqlite3 import."""
    if _surely_none():
        return Official(None)
    from mlcareers.official.database import open_store  # noqa: PLC0415
    from mlcareers.official.errors import StoreError  # noqa: PLC0415

    try:
        return Official(open_store(notify=notify), warn=None if quiet else notify)
    except StoreError as error:
        return Official(None, f"{error}; official figures are left out")


def _surely_none() -> bool:
    """Whether there is certainly no store, neither the database nor a 2.0 one, known at the
    cost of two stat calls: `show` with no store then imports no model and no sqlite3.
    Anything less certain (a folder that cannot be read) goes to open_store to be said."""
    from mlcareers.official.paths import database_path, legacy_path, present  # noqa: PLC0415

    database = database_path()
    try:
        return not any(present(path) for path in (database, legacy_path(database)))
    except (OSError, ValueError):
        return False


def place_index(catalogue: Catalogue, official: Official) -> PlaceIndex:
    """Every place a name may stand for: the article's cities and the stored areas."""
    from mlcareers.official.places import PlaceIndex  # noqa: PLC0415

    return PlaceIndex(catalogue.cities, official.areas())


def period_of(official: Official, given: str | None) -> str | None:
    """The survey period --period names ('May 2024' or '2024'), checked against the store;
    None when not given. UsageError naming the stored periods when it is not stored."""
    if given is None:
        return None
    text = " ".join(given.split()).casefold().removeprefix("may ")
    stored: Sequence[str] = official.database.periods() if official.database is not None else ()
    for period in stored:
        if period.casefold().removeprefix("may ") == text:
            return period
    have = ", ".join(stored) if stored else "none (run 'mlcareers official import FILE')"
    raise UsageError(f"--period {given!r} is not a stored survey period; stored: {have}")
