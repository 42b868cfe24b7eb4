"""Ranking roles by pay."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlcareers.models import Catalogue, Range, Role, SalaryRange
from mlcareers.ranking import RankBy, rank, rank_by_growth, rank_value

from .strategies import role, role_lists

ARTICLE_ORDER = [
    "mlops-engineer",
    "data-scientist",
    "computer-vision-engineer",
    "nlp-engineer",
    "ai-engineer",
    "ml-engineer",
]


def test_median_ranking_matches_the_article(catalogue: Catalogue) -> None:
    ranked = rank(catalogue.roles)
    assert [entry.role.slug for entry in ranked] == ARTICLE_ORDER
    assert [entry.position for entry in ranked] == [1, 2, 3, 4, 5, 6]


def test_rank_by_hourly_puts_the_250_dollar_rate_first(catalogue: Catalogue) -> None:
    ranked = rank(catalogue.roles, RankBy.hourly)
    assert [entry.role.slug for entry in ranked][:3] == [
        "data-scientist",
        "ml-engineer",  # ties computer vision at $200 and wins on its higher low of $50
        "computer-vision-engineer",
    ]


def test_rank_by_low_and_high(catalogue: Catalogue) -> None:
    assert rank(catalogue.roles, RankBy.low)[0].role.slug == "mlops-engineer"
    assert rank(catalogue.roles, RankBy.low)[-1].role.slug == "ai-engineer"
    assert rank(catalogue.roles, RankBy.high)[1].role.slug == "data-scientist"


def test_limit_takes_the_top(catalogue: Catalogue) -> None:
    top = rank(catalogue.roles, limit=2)
    assert [entry.role.slug for entry in top] == ARTICLE_ORDER[:2]
    assert len(rank(catalogue.roles, limit=100)) == 6


@given(role_lists(), st.sampled_from(list(RankBy)))
def test_ranking_is_sorted_by_the_key_asked(roles: list[Role], by: RankBy) -> None:
    values = [rank_value(entry.role, by) for entry in rank(roles, by)]
    assert values == sorted(values, reverse=True)


@given(role_lists(), st.sampled_from(list(RankBy)), st.integers(1, 40))
def test_limit_is_a_prefix_of_the_full_ranking(roles: list[Role], by: RankBy, limit: int) -> None:
    full = [entry.role.slug for entry in rank(roles, by)]
    assert [entry.role.slug for entry in rank(roles, by, limit)] == full[:limit]


def _growths(roles: list[Role], draw: st.DataObject) -> dict[str, float]:
    """A projected percent change for some of the roles, often shared (one occupation)."""
    shared = draw.draw(st.lists(st.sampled_from([-4.1, 0.0, 15.8, 33.5]), min_size=1))
    return {
        role.slug: shared[index % len(shared)]
        for index, role in enumerate(roles)
        if draw.draw(st.booleans())
    }


@given(role_lists(), st.data())
def test_growth_ranking_is_by_growth_then_median(roles: list[Role], data: st.DataObject) -> None:
    growth = _growths(roles, data)
    ranked = [entry.role for entry in rank_by_growth(roles, growth)]
    assert {role.slug for role in ranked} == set(growth)  # roles without a growth: unranked
    keys = [(-growth[role.slug], -role.salary.median) for role in ranked]
    assert keys == sorted(keys)


@given(role_lists(), st.data(), st.integers(1, 40))
def test_growth_limit_is_a_prefix(roles: list[Role], data: st.DataObject, limit: int) -> None:
    growth = _growths(roles, data)
    full = [entry.role.slug for entry in rank_by_growth(roles, growth)]
    assert [entry.role.slug for entry in rank_by_growth(roles, growth, limit)] == full[:limit]


def test_shared_growth_is_broken_by_the_median(catalogue: Catalogue) -> None:
    growth = {"ml-engineer": 33.5, "data-scientist": 33.5, "mlops-engineer": 15.8}
    ranked = rank_by_growth(catalogue.roles, growth)
    assert [entry.role.slug for entry in ranked] == [
        "data-scientist",  # $118,407 median, before ML engineer's $109,933
        "ml-engineer",
        "mlops-engineer",
    ]


@st.composite
def tied_roles(draw: st.DrawFn) -> list[Role]:
    """Roles whose figures come from a handful of values: many ties at every level."""
    figures = st.integers(1, 3)
    roles = []
    for index in range(draw(st.integers(1, 40))):
        low, median, high = sorted(draw(st.lists(figures, min_size=3, max_size=3)))
        hourly_low, hourly_high = sorted(draw(st.lists(figures, min_size=2, max_size=2)))
        roles.append(
            role(
                index,
                SalaryRange(low=low, median=median, high=high),
                Range(low=hourly_low, high=hourly_high),
            )
        )
    return roles


@given(tied_roles(), st.sampled_from(list(RankBy)), st.integers(1, 40))
def test_limit_is_a_prefix_of_the_full_ranking_through_ties(
    roles: list[Role], by: RankBy, limit: int
) -> None:
    # --limit looks only at roles whose first figure reaches the limit-th best: ties there
    # must all be kept, and broken exactly as the full ranking breaks them.
    full = [entry.role.slug for entry in rank(roles, by)]
    assert [entry.role.slug for entry in rank(roles, by, limit)] == full[:limit]
