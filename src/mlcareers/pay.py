"""Pay conversions: hourly rates to annual pay and back, on a stated number of working hours."""

from __future__ import annotations

import enum
import re
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


_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?|\.[0-9]{1,2}")
"""A sum as people write one: ASCII digits, commas only between groups of three, a point before
cents. Python's float() takes more ('1_000', full-width digits, '1e5', 'inf'): none is money."""
_LEADING = re.compile(r"\$?\s*(?P<number>[0-9.,]*)(?P<rest>.*)", re.DOTALL)
_UNITS = {
    **dict.fromkeys(("/h", "/hr", "/hour", "per hour", "per hr", "an hour", "hourly"), Per.hour),
    **dict.fromkeys(
        ("/y", "/yr", "/year", "per year", "per yr", "a year", "yearly", "annually", "per annum"),
        Per.year,
    ),
}
"""What a sum may say it is paid per, spaces around '/' and case aside."""
_OTHER_UNIT = re.compile(r"(?:/|per |an? )\s*(?P<unit>[a-z]+)")
_EXAMPLES = "130599, 130,599, $130,599, 62.79/h, $56/hr or 56 per hour"


class Amount(NamedTuple):
    """A sum of dollars read from text, and what it is paid per when the text says."""

    value: float
    per: Per | None


def read_amount(text: str) -> Amount:
    """`text` as a sum of dollars: '$130,599', '130599', '62.79/h', '$56/hr', '56 per hour'.

    UsageError for anything else, saying why: commas or points that could be read two ways
    (62,79; 130.599), a unit other than an hour or a year, or text that is no sum at all."""
    leading = _LEADING.fullmatch(text.strip())
    number = leading["number"] if leading else ""
    if not leading or not number:
        raise UsageError(f"AMOUNT {text!r} is not a sum of dollars: write it as {_EXAMPLES}")
    if not _NUMBER.fullmatch(number):  # 62,79 or 130.599: a decimal comma, a thousands point?
        raise UsageError(
            f"AMOUNT {text!r} is ambiguous: commas group thousands (130,599) and a point marks "
            "cents, two digits at most (62.79)"
        )
    rest = " ".join(re.sub(r"\s*/\s*", "/", leading["rest"].casefold()).split())
    value = float(number.replace(",", ""))
    if not rest:
        return Amount(value, None)
    if rest in _UNITS:
        return Amount(value, _UNITS[rest])
    other = _OTHER_UNIT.fullmatch(rest)
    if other is not None:
        raise UsageError(
            f"AMOUNT {text!r} is paid per {other['unit']}: convert takes a sum per hour "
            "(62.79/h) or per year (130,599/yr)"
        )
    raise UsageError(f"AMOUNT {text!r} is not a sum of dollars: write it as {_EXAMPLES}")


def amount_per(text: str, per: Per | None) -> tuple[float, Per]:
    """The sum `text` and what it is paid per, from the text or --per; UsageError when they
    disagree or neither says."""
    value, said = read_amount(text)
    if said is not None and per is not None and said is not per:
        raise UsageError(
            f"AMOUNT {text!r} is per {said}, but --per {per} was given: drop --per or make "
            "them agree"
        )
    chosen = said or per
    if chosen is None:
        raise UsageError(
            f"AMOUNT {text!r} does not say what it is paid per: add --per hour or --per year, "
            "or write it as 62.79/h or 130,599/yr"
        )
    return value, chosen


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
