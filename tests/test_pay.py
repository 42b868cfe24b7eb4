"""Hourly and annual pay conversions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlcareers.errors import UsageError
from mlcareers.pay import HOURS_PER_YEAR, Per, annualise, convert


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
