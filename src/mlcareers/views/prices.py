"""Pay adjusted for local prices: a place's median wage divided by its all-items regional
price parity (BEA, US = 100), so that it reads in US-average prices. Always derived, with the
parity's year and source; a place with no parity has no adjusted figure, never a guess."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.official.models import Marked

if TYPE_CHECKING:
    from mlcareers.official.connection import Database
    from mlcareers.official.models import DatasetInfo
    from mlcareers.official.places import AreaLike

PARITIES_SOURCE = "BEA Regional Price Parities (US Bureau of Economic Analysis), all items"
ADJUSTED_METHOD = (
    "the median wage ÷ (the place's all-items regional price parity ÷ 100): the median in "
    "US-average prices, rounded to the whole dollar"
)


class Price(NamedTuple):
    """A place's all-items parity as used for one wage year: the latest year at or before it."""

    value: float
    year: int
    wage_year: int
    dataset: DatasetInfo


def bea_code(area: AreaLike) -> str | None:
    """The GeoFIPS code BEA gives the place: a metro's CBSA code, a state's FIPS code and
    three zeros, 00000 for the nation; None for what BEA publishes no parity of."""
    if area.kind == "nation":
        return "00000"
    if area.kind == "metro" and len(area.code) == 5 and area.code.isdigit():
        return area.code
    if area.kind in ("state", "territory") and area.code.isdigit() and len(area.code) <= 2:
        return area.code.zfill(2) + "000"
    return None


def prices_for(database: Database, areas: Iterable[AreaLike], wage_year: int) -> dict[str, Price]:
    """Each area's parity (by area code) for `wage_year`: the latest year at or before it."""
    codes = {area.code: code for area in areas if (code := bea_code(area)) is not None}
    stored = database.parities(list(codes.values()))
    found: dict[str, Price] = {}
    for area_code, code in codes.items():
        years = [year for year in stored.get(code, {}) if year <= wage_year]
        if years:
            value, dataset = stored[code][max(years)]
            found[area_code] = Price(value, max(years), wage_year, dataset)
    return found


def adjusted(median: int, price: Price) -> int:
    """The median in US-average prices."""
    return round(median / (price.value / 100))


def adjusted_data(
    median: object, price: Price | None, cap: int | None = None
) -> dict[str, object] | None:
    """The adjusted median in JSON, derived, with its method and the parity used; None when
    the place has no parity or no published median. A top-coded median (BLS '#') has no
    value, only `at_least`: the survey's cap adjusted alike (None when the cap is unknown)."""
    if price is None:
        return None
    top_coded = isinstance(median, Marked) and median.marker == "#"
    if not isinstance(median, int) and not top_coded:
        return None
    return {
        "value": adjusted(median, price) if isinstance(median, int) else None,
        "top_coded": top_coded,
        "at_least": adjusted(cap, price) if top_coded and cap is not None else None,
        "derived": True,
        "method": ADJUSTED_METHOD,
        "parity": {
            "value": price.value,
            "year": price.year,
            "wage_year": price.wage_year,
            "source": PARITIES_SOURCE,
            "file": price.dataset.file,
        },
    }


def prices_notes(prices: Mapping[str, Price], missing: list[str]) -> list[str]:
    """What the adjusted column is, the parity year and file used, and the places without."""
    if not prices:
        return []
    years = sorted({price.year for price in prices.values()})
    wage_year = next(iter(prices.values())).wage_year
    files = sorted({price.dataset.file for price in prices.values()})
    shown = ", ".join(str(year) for year in years)
    notes = [
        f"Adj. median* (derived): {ADJUSTED_METHOD}; parities for {shown} from "
        f"{PARITIES_SOURCE} ({', '.join(files)}). Never 'real' pay: relative to US-average "
        "prices only."
    ]
    if years != [wage_year]:
        notes.append(
            f"The wages are for {wage_year}; the latest parity at or before it is for {shown}."
        )
    if missing:
        notes.append(f"No price parity stored for: {'; '.join(missing)}.")
    return notes
