"""Pay conversions: hourly rates to annual pay and back, on a stated number of working hours."""

from __future__ import annotations

import enum
from typing import NamedTuple

from mlcareers.errors import UsageError

HOURS_PER_YEAR = 2080
"""40 hours a week for 52 weeks: the usual US full-time basis."""
MAX_HOURS = 8784
"""Every hour of a leap year: more working hours than that cannot be."""


class Per(enum.StrEnum):
    """What an amount is paid per."""

    hour = "hour"
    year = "year"


MAX_AMOUNT = 1_000_000_000
"""A billion dollars, hourly or yearly: beyond it a figure is a typo, not pay."""


class Conversion(NamedTuple):
    """An amount expressed both hourly and yearly, in whole dollars."""

    amount: float
    per: Per
    hours: int
    hourly: int
    annual: int

    @property
    def method(self) -> str:
        """How the other figure was derived."""
        if self.per is Per.hour:
            return f"hourly rate × {self.hours:,} hours a year, rounded to the whole dollar"
        return f"annual pay ÷ {self.hours:,} hours a year, rounded to the whole dollar"


def check_hours(hours: int) -> int:
    """Working hours a year, refused when they cannot be."""
    if not 1 <= hours <= MAX_HOURS:
        raise UsageError(f"--hours must be from 1 to {MAX_HOURS:,} (a year's hours); got {hours}")
    return hours


def convert(amount: float, per: Per, hours: int = HOURS_PER_YEAR) -> Conversion:
    """`amount` per hour or per year, converted to the other on `hours` working hours a year."""
    if not 0 < amount <= MAX_AMOUNT:  # also refuses nan and infinity
        raise UsageError(
            f"the amount must be a positive number of dollars up to {MAX_AMOUNT:,}; got {amount:g}"
        )
    check_hours(hours)
    if per is Per.hour:
        return Conversion(amount, per, hours, round(amount), round(amount * hours))
    return Conversion(amount, per, hours, round(amount / hours), round(amount))


def annualise(rate: int, hours: int = HOURS_PER_YEAR) -> int:
    """An hourly rate as annual pay in whole dollars."""
    return rate * hours


ANNUALISED_METHOD = (
    f"freelance hourly rate × {HOURS_PER_YEAR:,} hours, as if billed 40 hours a week for 52 "
    "weeks; not a salary: the source says rates vary with experience, location and project"
)
