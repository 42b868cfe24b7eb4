"""What a query of the store returns (Found), and the 2.0 look-ups over a Store that
store.load_or_warning gives: kept until every command asks the database (and
places.PlaceIndex) itself.

No sqlite3 and no database here: views import Found from this module at no cost."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.errors import NotFoundError
from mlcareers.official.errors import AreaError

if TYPE_CHECKING:
    from mlcareers.official.database import Database
    from mlcareers.official.models import Area, DatasetInfo, Figure, Occupation, Store

NATIONAL_NAMES = frozenset(
    {"us", "u s", "usa", "united states", "national", "nation", "nationwide"}
)
_SEPARATORS = re.compile(r"[\s\-_.,/]+")
_AREA_TYPE = {"nation": 1, "state": 2, "territory": 3, "metro": 4, "nonmetro": 6}


class Found(NamedTuple):
    """One official figure with everything needed to say where it comes from."""

    dataset: DatasetInfo
    area: Area
    occupation: Occupation
    figure: Figure


def fold(name: str) -> str:
    """A name as it is matched: case, accents' forms, hyphens and punctuation do not count."""
    name = unicodedata.normalize("NFKC", name).casefold()
    return _SEPARATORS.sub(" ", name).strip()


# ---------------------------------------------------------------- 2.0 look-ups (transitional)


def database_of(store: Store) -> Database | None:
    """The open database a Store from store.load_or_warning stands for."""
    from mlcareers.official.database import Database  # noqa: PLC0415

    database = store._database  # the transitional link
    return database if isinstance(database, Database) else None


def areas(store: Store) -> tuple[Area, ...]:
    """Every area in the store, once each; the latest import's title wins."""
    from mlcareers.official.models import Area  # noqa: PLC0415

    database = database_of(store)
    if database is None:
        return ()
    return tuple(
        Area(
            code=info.code,
            title=info.title,
            type=_AREA_TYPE[info.kind],
            state=info.states[0] if info.states else None,
        )
        for info in database.areas()
    )


def national_area(store: Store) -> Area | None:
    """The United States as an area, if any imported file has national figures."""
    return next((area for area in areas(store) if area.national), None)


def find_area(store: Store, name: str) -> Area:
    """The area a code, a title or the start of a title names, in any case.

    'austin', 'Austin-Round Rock' and '12420' all name Austin-Round Rock-San Marcos, TX. A name
    that starts several titles, such as 'portland', is refused with the candidates.
    """
    known = areas(store)
    if not known:
        raise AreaError(
            f"no official figures are stored, so {name!r} names no area; "
            "run 'mlcareers official import FILE' first"
        )
    wanted = fold(name)
    if not wanted:
        raise AreaError("an area name must not be empty")
    code = _code_key(wanted.replace(" ", ""))
    folded = [(area, fold(area.title), _places(area)) for area in known]
    tiers: list[list[Area]] = [
        [area for area in known if _code_key(area.code) == code],
        [area for area, title, _ in folded if title == wanted],
        [area for area in known if area.national] if wanted in NATIONAL_NAMES else [],
        [area for area, title, _ in folded if title.startswith(wanted)],
        [area for area, _, places in folded if wanted in places],
        [area for area, _, places in folded if any(p.startswith(wanted) for p in places)],
    ]
    for matches in tiers:
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            shown = "; ".join(f"{area.title} ({area.code})" for area in matches[:6])
            more = f" and {len(matches) - 6} more" if len(matches) > 6 else ""
            raise AreaError(
                f"area {name!r} matches several: {shown}{more}; give more of its name or its code"
            )
    titles = {fold(area.title): area.title for area in known}
    close = difflib.get_close_matches(wanted, list(titles), n=3, cutoff=0.6)
    raise NotFoundError("area", name, tuple(titles[key] for key in close))


def figures(store: Store, codes: Iterable[str], area: Area | None = None) -> list[Found]:
    """The figures of each SOC code in `area` (national if None), latest period first found.

    A code with no figure there is left out: the caller says the gap, it is never filled.
    """
    database = database_of(store)
    if database is None:
        return []
    return database.figures(list(codes), area.code if area is not None else None)


def _code_key(code: str) -> str:
    return code.lstrip("0") or "0"


def _places(area: Area) -> tuple[str, ...]:
    """The places an area's title names: 'Seattle-Tacoma-Bellevue, WA' names three."""
    head = area.title.rsplit(",", 1)[0]
    return tuple(fold(part) for part in head.split("-") if fold(part))
