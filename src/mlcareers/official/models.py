"""The shape of stored official figures: the one place it is defined.

Pydantic models (frozen) for what a query returns and for the JSON store of 2.0, which is
read once to migrate it; plain tuples for what the database lists. An import checks its
400,000 rows with plain code (oews.py) to the same rules, and builds no model per row.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mlcareers.official.states import BY_FIPS, BY_NAME, POSTAL

MAX_DOLLARS = 100_000_000
MAX_COUNT = 1_000_000_000
MAX_HOURLY = 100_000.0
MAX_RATIO = 1_000_000.0
Dollars = Annotated[int, Field(strict=True, gt=0, le=MAX_DOLLARS)]
"""Whole US dollars a year; strict, so that a float or a string is refused, not coerced."""
HourlyDollars = Annotated[float, Field(gt=0, le=MAX_HOURLY)]
"""US dollars an hour, to the cent, as BLS publishes them (54.10): not whole dollars."""
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
Ratio = Annotated[float, Field(ge=0, le=MAX_RATIO)]
"""Jobs per 1,000 jobs in the area, or a location quotient (1.0: as common as nationally)."""
SocCode = Annotated[str, StringConstraints(pattern=r"^\d{2}-\d{4}$")]
AreaCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,10}$")]
ONE_LINE = r"[^\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]*"
"""One line of printable text: no control character, line break or bidi control (match it
whole: re.fullmatch, or anchored as Text does)."""
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=f"^{ONE_LINE}$"),
]
Period = Annotated[str, StringConstraints(pattern=r"^May \d{4}$")]
Marker = Literal["*", "**", "#", "~"]
MARKERS = frozenset({"*", "**", "#", "~"})
AreaKind = Literal["nation", "state", "territory", "metro", "nonmetro"]
AREA_KINDS: tuple[AreaKind, ...] = ("nation", "state", "territory", "metro", "nonmetro")

STORE_VERSION: Literal[1] = 1
"""The version of the 2.0 JSON store's shape (its "version" key)."""
PERCENTILES = ("p10", "p25", "median", "p75", "p90")
WAGE_FIELDS = (*PERCENTILES, "mean")
"""The annual wages kept for an occupation in an area, in the order tables show them."""
HOURLY_FIELDS = tuple(f"h_{field}" for field in WAGE_FIELDS)
"""The same wages by the hour: h_p10 ... h_mean."""
FIGURE_VALUES = ("employment", "jobs_per_1000", "location_quotient", *WAGE_FIELDS, *HOURLY_FIELDS)
"""Every value of a figure, in the order the database keeps them."""

NATIONAL_CODE = "99"
KIND_OF_TYPE: dict[int, AreaKind] = {
    1: "nation",
    2: "state",
    3: "territory",
    4: "metro",
    6: "nonmetro",
}
"""OEWS AREA_TYPE: 1 U.S., 2 state, 3 U.S. territory, 4 metropolitan area, 6 nonmetropolitan."""
TERRITORY_FIPS = frozenset({"60", "66", "69", "72", "78"})
CODE_WIDTH: dict[str, int] = {"state": 2, "territory": 2, "metro": 5, "nonmetro": 7}
_POSTAL_IN_TITLE = re.compile(r"\b[A-Z]{2}\b")


class Frozen(BaseModel):
    """Base of every store model: immutable, and unknown keys are an error, not ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Marked(Frozen):
    """A cell BLS published as a symbol instead of a number: never read as one."""

    marker: Marker

    @property
    def status(self) -> str:
        """What the symbol means, as a JSON-friendly word."""
        return MARKER_STATUS[self.marker]


MARKER_STATUS: dict[str, str] = {
    "*": "not_published",
    "**": "not_published",
    "#": "top_coded",
    "~": "marked",
}
MARKER_REASON: dict[str, str] = {
    "*": "wage estimate not available (BLS '*')",
    "**": "employment estimate not available (BLS '**')",
    "#": "at or above the survey's top wage (BLS '#')",
    "~": "fewer than 0.5% of establishments report the occupation (BLS '~')",
}

Wage = Dollars | Marked
HourlyWage = HourlyDollars | Marked
Employment = Count | Marked
Share = Ratio | Marked


def code_key(code: str) -> str:
    """An area code as it is compared: leading zeros do not count (BLS writes both)."""
    return code.strip().lstrip("0") or "0"


def area_kind(code: str, area_type: int | None = None) -> AreaKind:
    """What kind of place an area is: from OEWS's AREA_TYPE, else from the shape of its code
    (99 the nation, two digits a state's FIPS code, five a metro, seven a nonmetro area)."""
    if area_type is not None and area_type in KIND_OF_TYPE:
        return KIND_OF_TYPE[area_type]
    key = code_key(code)
    if key == NATIONAL_CODE:
        return "nation"
    if len(key) <= 2:
        return "territory" if key.zfill(2) in TERRITORY_FIPS else "state"
    return "metro" if len(key) <= 5 else "nonmetro"


def area_code(code: str, kind: AreaKind) -> str:
    """An area's code as BLS writes it: a state's two digits, a metro's five, a nonmetro
    area's seven (01, 12420, 0100001), whichever way a file spelled it."""
    key = code_key(code)
    return key.zfill(CODE_WIDTH[kind]) if kind in CODE_WIDTH else key


def area_states(
    kind: AreaKind, title: str, state: str | None = None, code: str = ""
) -> tuple[str, ...]:
    """The postal codes of the states an area lies in: a metro's from its title ('OR-WA'),
    a state's own; none for the nation."""
    own = state.strip().upper() if state else ""
    if kind == "nation":
        return ()
    if kind == "metro":
        suffix = title.rsplit(",", 1)[1] if "," in title else ""
        found = tuple(dict.fromkeys(p for p in _POSTAL_IN_TITLE.findall(suffix) if p in POSTAL))
        return found or ((own,) if own in POSTAL else ())
    if own in POSTAL:
        return (own,)
    key = code_key(code)
    fips = key.zfill(7)[:2].lstrip("0") if kind == "nonmetro" else key
    postal = BY_FIPS.get(fips) or BY_NAME.get(title.strip().casefold())
    return (postal,) if postal else ()


class Area(Frozen):
    """A place the survey publishes figures for: the nation, a state or territory, a
    metropolitan or a nonmetropolitan area."""

    code: AreaCode
    title: Text
    type: int | None = Field(default=None, ge=1, le=9, description="OEWS AREA_TYPE: 1 = U.S.")
    state: Annotated[str, StringConstraints(max_length=10)] | None = None

    @property
    def kind(self) -> AreaKind:
        """'nation', 'state', 'territory', 'metro' or 'nonmetro'."""
        return area_kind(self.code, self.type)

    @property
    def states(self) -> tuple[str, ...]:
        """The postal codes of the states it lies in ('OR', 'WA'); none for the nation."""
        return area_states(self.kind, self.title, self.state, self.code)

    @property
    def national(self) -> bool:
        """Whether this is the whole United States."""
        return self.kind == "nation"


class Occupation(Frozen):
    """A SOC occupation with the title the survey gives it."""

    code: SocCode
    title: Text


class Figure(Frozen):
    """One occupation in one area, cross-industry and all owners: employment, its share of
    the area's jobs, and wages by the year (whole dollars) and by the hour (to the cent)."""

    area: AreaCode
    soc: SocCode
    employment: Employment | None = None
    jobs_per_1000: Share | None = None
    location_quotient: Share | None = None
    p10: Wage | None = None
    p25: Wage | None = None
    median: Wage | None = None
    p75: Wage | None = None
    p90: Wage | None = None
    mean: Wage | None = None
    h_p10: HourlyWage | None = None
    h_p25: HourlyWage | None = None
    h_median: HourlyWage | None = None
    h_p75: HourlyWage | None = None
    h_p90: HourlyWage | None = None
    h_mean: HourlyWage | None = None

    def wage(self, field: str) -> Wage | None:
        """One of WAGE_FIELDS by name: an annual wage."""
        value: Wage | None = getattr(self, field)
        return value

    def hourly(self, field: str) -> HourlyWage | None:
        """One of WAGE_FIELDS by name ('median'), by the hour."""
        value: HourlyWage | None = getattr(self, f"h_{field}")
        return value


class DatasetInfo(NamedTuple):
    """One imported spreadsheet as the database keeps it, with how much it holds."""

    id: int
    file: str
    period: str
    year: int
    imported_at: dt.datetime
    annual_cap: int | None
    areas: int
    occupations: int
    rows: int
    hourly_cap: float | None = None
    archive: str | None = None
    """The zip it came in (oesm24ma.zip), when it came in one."""
    source: str = "oews"
    """'oews' (a wage survey file; period 'May 2024') or 'ep' (BLS Employment Projections'
    Table 1.2; period '2024–34', `year` its base year)."""
    target_year: int | None = None
    """The year a projection looks to (2034); None for OEWS."""
    kinds: tuple[str, ...] = ()
    """The kinds of places an OEWS dataset holds, in AREA_KINDS' order: what it is, beside its
    period (a national and a metro file of one name and period are two datasets)."""


class AreaInfo(NamedTuple):
    """A stored area, once whatever files hold it: the latest import's title, the periods
    that have it (newest first)."""

    code: str
    title: str
    kind: AreaKind
    states: tuple[str, ...]
    periods: tuple[str, ...]

    @property
    def national(self) -> bool:
        """Whether this is the whole United States."""
        return self.kind == "nation"


class StoredArea(NamedTuple):
    """An area as a query of the store gives it (checked when read; see database._area)."""

    code: str
    title: str
    kind: AreaKind
    states: tuple[str, ...]

    @property
    def national(self) -> bool:
        """Whether this is the whole United States."""
        return self.kind == "nation"


class StoredFigure(NamedTuple):
    """A figure as a query of the store gives it, each value checked when read (see
    database.Database._value): whole numbers, shares and hourly wages, or BLS marks. A tuple,
    not a model: a ranking reads hundreds of them, and each must cost next to nothing."""

    employment: int | Marked | None
    jobs_per_1000: float | Marked | None
    location_quotient: float | Marked | None
    p10: int | Marked | None
    p25: int | Marked | None
    median: int | Marked | None
    p75: int | Marked | None
    p90: int | Marked | None
    mean: int | Marked | None
    h_p10: float | Marked | None
    h_p25: float | Marked | None
    h_median: float | Marked | None
    h_p75: float | Marked | None
    h_p90: float | Marked | None
    h_mean: float | Marked | None

    def wage(self, field: str) -> int | Marked | None:
        """One of WAGE_FIELDS by name: an annual wage."""
        value: int | Marked | None = getattr(self, field)
        return value

    def hourly(self, field: str) -> float | Marked | None:
        """One of WAGE_FIELDS by name ('median'), by the hour."""
        value: float | Marked | None = getattr(self, f"h_{field}")
        return value


assert StoredFigure._fields == FIGURE_VALUES


MAX_PROJECTED = 10_000_000
"""No occupation has more jobs than this (the largest have about 4 million): BLS publishes
employment in thousands, so a bigger count is a sheet that is not in thousands."""
MAX_PERCENT_CHANGE = 1_000.0
"""A projected change of more than tenfold in ten years is no projection BLS makes."""
NOT_AVAILABLE = "—"
"""How Table 1.2 marks a value it does not give (an em dash); kept as a mark, never a number."""
NOT_AVAILABLE_REASON = "not available (BLS '—')"


class StoredProjection(NamedTuple):
    """One occupation's projection as the store gives it, each value checked when read:
    counts (BLS publishes thousands), the percent change as published, whole dollars."""

    base_employment: int | None
    target_employment: int | None
    employment_change: int | None
    percent_change: float | None
    openings: int | None
    """Occupational openings, annual average over the period."""
    median_wage: int | None
    """None when top-coded: then `median_wage_at_least` holds the top code."""
    entry_education: str | None
    median_wage_at_least: int | None = None
    not_available: frozenset[str] = frozenset()
    """The fields BLS gave as a dash ('—'): not available, which is not the same as blank."""


# ---------------------------------------------------------------- the JSON store of 2.0


class Dataset(Frozen):
    """What one imported file contributed to the 2.0 JSON store."""

    file: Text
    period: Period
    imported_at: dt.datetime
    annual_cap: Dollars | None = Field(
        default=None, description="the survey's top-coded annual wage ('#'), where known"
    )
    areas: tuple[Area, ...] = ()
    occupations: tuple[Occupation, ...] = ()
    figures: tuple[Figure, ...] = ()

    @property
    def year(self) -> int:
        """The survey year, from the period."""
        return int(self.period.split()[1])


class Store(Frozen):
    """The JSON store of 2.0, everything imported: one dataset per file."""

    version: Literal[1] = STORE_VERSION
    datasets: tuple[Dataset, ...] = ()
