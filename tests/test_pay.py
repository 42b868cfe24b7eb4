"""Hourly and annual pay conversions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlcareers.errors import UsageError
from mlcareers.pay import HOURS_PER_YEAR, Per, amount_per, annualise, convert, read_amount


def test_issue_example_year_to_hour() -> None:
    result = convert(130_599, Per.year)
    assert result.hours == 2080
    assert result.hourly == 63  # whole dollars, as all money in the contract
    assert result.annual == 130_599
    assert "÷ 2,080 hours" in result.method


def test_hour_to_year() -> None:
    result = convert(67, Per.hour, 1800)
    assert result.annual == 120_600
    assert "× 1,800 hours" in result.method


def test_annualise_uses_2080_hours() -> None:
    assert HOURS_PER_YEAR == 2080
    assert annualise(56) == 116_480


@pytest.mark.parametrize("amount", [0, -1, math.nan, math.inf, 1e308, 1_000_000_001])
def test_amount_must_be_positive_and_finite(amount: float) -> None:
    with pytest.raises(UsageError, match="positive number"):
        convert(amount, Per.hour)


@pytest.mark.parametrize("hours", [0, -5, 8785])
def test_hours_must_fit_in_a_year(hours: int) -> None:
    with pytest.raises(UsageError, match="--hours must be from 1 to 8,784"):
        convert(10, Per.hour, hours)


@given(st.integers(1, 100_000), st.integers(1, 8784))
def test_round_trip_returns_the_whole_dollar_rate(hourly: int, hours: int) -> None:
    annual = convert(hourly, Per.hour, hours).annual
    assert annual == hourly * hours
    assert convert(annual, Per.year, hours).hourly == hourly


@pytest.mark.parametrize(
    ("text", "value", "per"),
    [
        ("130599", 130_599, None),
        ("130,599", 130_599, None),
        ("$130,599", 130_599, None),
        ("$ 130,599.00", 130_599, None),
        ("62.79", 62.79, None),
        ("62.79/h", 62.79, Per.hour),
        ("$56/hr", 56, Per.hour),
        ("$56 / HR", 56, Per.hour),
        ("56 per hour", 56, Per.hour),
        ("56 an hour", 56, Per.hour),
        ("56 hourly", 56, Per.hour),
        ("130,599/yr", 130_599, Per.year),
        ("130599 a year", 130_599, Per.year),
        ("130599 per annum", 130_599, Per.year),
        ("  130599 annually ", 130_599, Per.year),
    ],
)
def test_money_as_people_write_it(text: str, value: float, per: Per | None) -> None:
    assert read_amount(text) == (value, per)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # Python's float() takes each of these; a person's money never looks like them.
        ("1_000", "not a sum of dollars"),
        ("１３０５９９", "not a sum of dollars"),
        ("1e5", "not a sum of dollars"),
        ("inf", "not a sum of dollars"),
        ("nan", "not a sum of dollars"),
        (" +56", "not a sum of dollars"),
        ("-56", "not a sum of dollars"),
        # Could be read two ways.
        ("62,79", "ambiguous"),
        ("1,5", "ambiguous"),
        ("1.000,50", "ambiguous"),
        ("130.599", "ambiguous"),
        ("1,0000", "ambiguous"),
        # Not per an hour or a year, or no sum at all.
        ("56/week", "paid per week"),
        ("56 per month", "paid per month"),
        ("56 hours", "not a sum of dollars"),
        ("130k", "not a sum of dollars"),
        ("$", "not a sum of dollars"),
        ("", "not a sum of dollars"),
    ],
)
def test_text_that_is_not_money_is_refused_saying_why(text: str, why: str) -> None:
    with pytest.raises(UsageError, match=why):
        read_amount(text)


def test_the_unit_and_per_must_agree_and_one_must_be_given() -> None:
    assert amount_per("62.79/h", None) == (62.79, Per.hour)
    assert amount_per("62.79/h", Per.hour) == (62.79, Per.hour)
    assert amount_per("$130,599", Per.year) == (130_599, Per.year)
    with pytest.raises(UsageError, match="is per hour, but --per year was given"):
        amount_per("62.79/h", Per.year)
    with pytest.raises(UsageError, match="does not say what it is paid per"):
        amount_per("$130,599", None)


@given(st.integers(1, 10**9 - 1), st.integers(0, 99), st.sampled_from(["", "/h", "/yr"]))
def test_any_sum_written_with_commas_and_cents_reads_back(
    dollars: int, cents: int, unit: str
) -> None:
    amount = read_amount(f"${dollars:,}.{cents:02d}{unit}")
    assert round(amount.value * 100) == dollars * 100 + cents
    assert amount.per == {"": None, "/h": Per.hour, "/yr": Per.year}[unit]
    assert read_amount(f"{dollars}") == (dollars, None)
