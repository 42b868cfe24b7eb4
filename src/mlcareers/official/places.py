"""Places a person names, each resolved once: the article's cities and every area the official
store holds are one set of places, named by code, title, city or state.

An article city is the same place as the metropolitan area it lies in (the catalogue says
which: Seattle is 42660 Seattle-Tacoma-Bellevue, WA), so every spelling of one place, its
code, its title, its first city, "City, ST", gives the same answer. A name is looked up tier by
tier, most exact first; the first tier with any match decides: one match is the place, several
are an error that lists them with their codes.

A command reads the store at most once (`read_store`) and resolves each name once against an
index built once (`PlaceIndex`); a command that needs no official figure never comes here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from mlcareers.errors import NotFoundError, UsageError
from mlcareers.names import fold as fold_name
from mlcareers.official.states import BY_NAME, NAME_OF, POSTAL

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, City

NATIONAL_NAMES = (
    "us",
    "u s",
    "usa",
    "u s a",
    "united states",
    "united states of america",
    "national",
    "nation",
    "nationwide",
)
LIST_HINT = "'mlcareers official areas' lists the places the store holds"
MAX_SHOWN = 6


class AreaLike(Protocol):
    """What the resolver needs of a stored area."""

    @property
    def code(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def states(self) -> tuple[str, ...]: ...


class Place(NamedTuple):
    """What one name stands for: an article city, a stored area, or both (the same place).

    `code` and `title` name the area: the stored one's, else the article city's metro (known
    from the catalogue even with no store), else None."""

    name: str
    city: City | None
    area: AreaLike | None
    code: str | None
    title: str | None

    @property
    def label(self) -> str:
        """How the place is named in a table: its area's title and code, else the city."""
        if self.title is not None:
            return f"{self.title} ({self.code})" if self.code else self.title
        if self.city is not None:
            return f"{self.city.name}, {self.city.region}"
        return self.name


def fold(name: str) -> str:
    """A place name as it is matched: names.fold, and accents do not count (mayaguez)."""
    folded = fold_name(name)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def code_key(code: str) -> str:
    """An area code as it is matched: leading zeros do not count (BLS writes both)."""
    return code.strip().lstrip("0") or "0"


def principal_cities(area: AreaLike) -> list[str]:
    """The cities a metro's title names, first the principal one: 'Seattle-Tacoma-Bellevue,
    WA' names three. Other kinds of area name none."""
    if area.kind != "metro":
        return []
    head = area.title.rsplit(",", 1)[0]
    return [fold(part) for part in head.split("-") if fold(part)]


class _Candidate(NamedTuple):
    key: str
    city: City | None
    area: AreaLike | None
    code: str | None
    title: str | None


class PlaceIndex:
    """Every name of every place, folded once; `resolve` then costs a dictionary look-up a
    tier (and one scan of the titles for a leading part)."""

    def __init__(self, cities: Sequence[City], areas: Iterable[AreaLike]) -> None:
        by_code = {code_key(area.code): area for area in areas}
        candidates: dict[str, _Candidate] = {}
        for area in by_code.values():
            key = code_key(area.code)
            candidates[key] = _Candidate(key, None, area, area.code, area.title)
        for city in cities:
            metro = city.metro
            key = code_key(metro.code) if metro is not None else f"city:{city.slug}"
            found = candidates.get(key)
            if found is not None:
                candidates[key] = found._replace(city=city)
            elif metro is not None:
                candidates[key] = _Candidate(key, city, None, metro.code, metro.title)
            else:
                candidates[key] = _Candidate(key, city, None, None, None)
        self._candidates = candidates
        self.tiers: list[dict[str, set[str]]] = [{} for _ in range(8)]
        self._titles: list[tuple[str, str]] = []
        for key, candidate in candidates.items():
            self._index(key, candidate)

    def _add(self, tier: int, name: str, key: str) -> None:
        if name:
            self.tiers[tier].setdefault(name, set()).add(key)

    def _index(self, key: str, candidate: _Candidate) -> None:
        if candidate.code is not None:
            self._add(0, code_key(candidate.code), key)
        city = candidate.city
        if city is not None:
            for name in (*city.names(), city.name):
                self._add(1, fold(name), key)
        if candidate.title is not None:
            self._add(2, fold(candidate.title), key)
            self._titles.append((fold(candidate.title), key))
        if candidate.area is not None:
            self._index_area(key, candidate.area)

    def _index_area(self, key: str, area: AreaLike) -> None:
        if area.kind in ("state", "territory"):
            for postal in area.states[:1]:
                self._add(3, fold(postal), key)
                self._add(3, fold(NAME_OF.get(postal, area.title)), key)
        if area.kind == "nation":
            for name in NATIONAL_NAMES:
                self._add(3, name, key)
        cities = principal_cities(area)
        suffix = fold(area.title.rsplit(",", 1)[1]) if "," in area.title else ""
        for place in cities:
            for state in (*area.states, suffix):  # 'Portland, OR' and 'Portland, OR-WA'
                self._add(4, f"{place} {fold(state)}", key)
        if cities:
            self._add(5, cities[0], key)
            for place in cities[1:]:
                self._add(7, place, key)

    def resolve(self, name: str) -> Place:
        """The place `name` stands for; UsageError when it names several, NotFoundError
        (with close names) when it names none."""
        wanted = fold(name)
        if not wanted:
            raise UsageError("a place name must not be empty")
        tiers: list[Callable[[], set[str]]] = [
            lambda: self.tiers[0].get(code_key(wanted.replace(" ", "")), set()),
            lambda: self.tiers[1].get(wanted, set()),
            lambda: self.tiers[2].get(wanted, set()),
            lambda: self.tiers[3].get(wanted, set()),
            lambda: self.tiers[4].get(wanted, set()),
            lambda: self.tiers[5].get(wanted, set()),
            lambda: {key for title, key in self._titles if _starts(title, wanted)},
            lambda: self.tiers[7].get(wanted, set()),
        ]
        for tier in tiers:
            keys = tier()
            if len(keys) == 1:
                candidate = self._candidates[next(iter(keys))]
                return Place(name, candidate.city, candidate.area, candidate.code, candidate.title)
            if keys:
                raise UsageError(self._ambiguous(name, keys))
        raise NotFoundError("place", name, self.suggestions(wanted))

    def _ambiguous(self, name: str, keys: set[str]) -> str:
        labels = sorted(self._label(self._candidates[key]) for key in keys)
        shown = "; ".join(labels[:MAX_SHOWN])
        more = f" and {len(labels) - MAX_SHOWN} more" if len(labels) > MAX_SHOWN else ""
        return f"place {name!r} matches several: {shown}{more}; give its code or more of its name"

    @staticmethod
    def _label(candidate: _Candidate) -> str:
        if candidate.title is not None:
            return f"{candidate.title} ({candidate.code})" if candidate.code else candidate.title
        city = candidate.city
        return f"{city.name}, {city.region}" if city is not None else candidate.key

    def suggestions(self, wanted: str) -> tuple[str, ...]:
        """Up to three close names, as a person would type them."""
        from mlcareers.catalogue import closest  # noqa: PLC0415 -- only a failed look-up

        choices: dict[str, str] = {}
        for tier in (1, 2, 5):
            for name, keys in self.tiers[tier].items():
                if len(keys) == 1:
                    candidate = self._candidates[next(iter(keys))]
                    shown = candidate.city.slug if tier == 1 and candidate.city else name
                    choices.setdefault(name, shown)
        return closest(wanted, choices)


def _starts(title: str, wanted: str) -> bool:
    """Whether `wanted` is a leading part of `title`, ending at a word's end."""
    return title.startswith(wanted) and (len(title) == len(wanted) or title[len(wanted)] == " ")


def state_code(name: str) -> str:
    """A state's postal code from its code or name, in any case; UsageError else."""
    text = name.strip()
    if text.upper() in POSTAL:
        return text.upper()
    found = BY_NAME.get(fold(text).casefold())
    if found is None:
        raise UsageError(f"--state {text!r} is not a US state: give its postal code (TX) or name")
    return found


def index_for(catalogue: Catalogue, areas: Iterable[AreaLike]) -> PlaceIndex:
    """The place index of a catalogue's cities and the stored areas."""
    return PlaceIndex(catalogue.cities, areas)
