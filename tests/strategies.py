"""Hypothesis strategies for valid roles and catalogues."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from mlcareers.models import Catalogue, Range, Requirement, Role, SalaryRange, Source

SOURCE = Source(title="Test survey", publisher="Tests", year=2026, as_of=dt.date(2026, 1, 1))
money = st.integers(min_value=1, max_value=10_000_000)


@st.composite
def salaries(draw: st.DrawFn) -> SalaryRange:
    """An ordered low <= median <= high salary."""
    low, median, high = sorted(draw(st.lists(money, min_size=3, max_size=3)))
    return SalaryRange(low=low, median=median, high=high)


@st.composite
def hourly_rates(draw: st.DrawFn) -> Range:
    """An ordered hourly range."""
    low, high = sorted(draw(st.lists(st.integers(1, 5000), min_size=2, max_size=2)))
    return Range(low=low, high=high)


def role(
    index: int, salary: SalaryRange, hourly: Range, skills: tuple[Requirement, ...] = ()
) -> Role:
    """A role with a unique slug, title and alias made from `index`."""
    return Role(
        slug=f"role-{index}",
        title=f"Role {index}",
        aliases=(f"r{index}",),
        salary=salary,
        hourly=hourly,
        summary="A role made up for a test.",
        skills=skills,
    )


@st.composite
def role_lists(draw: st.DrawFn, min_size: int = 1, max_size: int = 30) -> list[Role]:
    """Roles with distinct names and arbitrary valid pay."""
    count = draw(st.integers(min_size, max_size))
    return [role(index, draw(salaries()), draw(hourly_rates())) for index in range(count)]


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """A small valid catalogue with no cities."""
    return Catalogue(source=SOURCE, roles=tuple(draw(role_lists())))
