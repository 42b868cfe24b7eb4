"""Pydantic models of stored official figures: the one place the store's shape is defined."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Dollars = Annotated[int, Field(strict=True, gt=0, le=100_000_000)]
"""Whole US dollars a year; strict, so that a float or a string is refused, not coerced."""
Count = Annotated[int, Field(strict=True, ge=0, le=1_000_000_000)]
SocCode = Annotated[str, StringConstraints(pattern=r"^\d{2}-\d{4}$")]
AreaCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{1,10}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Period = Annotated[str, StringConstraints(pattern=r"^May \d{4}$")]
Marker = Literal["*", "**", "#", "~"]

STORE_VERSION: Literal[1] = 1
WAGE_FIELDS = ("p10", "p25", "median", "p75", "p90", "mean")
"""The annual wages kept for an occupation in an area, in the order tables show them."""


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
Employment = Count | Marked


class Area(Frozen):
    """A place the survey publishes figures for: the nation, a state or a metropolitan area."""

    code: AreaCode
    title: Text
    type: int | None = Field(default=None, ge=1, le=9, description="OEWS AREA_TYPE: 1 = U.S.")
    state: Annotated[str, StringConstraints(max_length=10)] | None = None

    @property
    def national(self) -> bool:
        """Whether this is the whole United States."""
        return self.type == 1 or self.code.lstrip("0") == "99"


class Occupation(Frozen):
    """A SOC occupation with the title the survey gives it."""

    code: SocCode
    title: Text


class Figure(Frozen):
    """One occupation in one area: employment and annual wages, cross-industry, all owners."""

    area: AreaCode
    soc: SocCode
    employment: Employment | None = None
    p10: Wage | None = None
    p25: Wage | None = None
    median: Wage | None = None
    p75: Wage | None = None
    p90: Wage | None = None
    mean: Wage | None = None

    def wage(self, field: str) -> Wage | None:
        """One of WAGE_FIELDS by name."""
        value: Wage | None = getattr(self, field)
        return value


class Dataset(Frozen):
    """What one imported file contributed: its period, areas, occupations and figures."""

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
    """Everything imported: one dataset per file."""

    version: Literal[1] = STORE_VERSION
    datasets: tuple[Dataset, ...] = ()
