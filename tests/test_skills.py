"""Skill demand, filtering by skill, and the gap analysis."""

from __future__ import annotations

import pytest

from mlcareers.errors import NotFoundError
from mlcareers.models import Catalogue, Range, SalaryRange
from mlcareers.skills import demand, find_skill, match, roles_with, split_skills

from .strategies import SOURCE, role


def test_split_skills_takes_loose_input() -> None:
    assert split_skills(["python, SQL ,  r", "r", " ", "Spark,"]) == ["python", "SQL", "r", "Spark"]


def test_demand_counts_roles_most_demanded_first(catalogue: Catalogue) -> None:
    rows = demand(catalogue.roles)
    assert (rows[0].skill, len(rows[0].roles)) == ("Python", 4)
    counts = [len(row.roles) for row in rows]
    assert counts == sorted(counts, reverse=True)
    pytorch = next(row for row in rows if row.skill == "PyTorch")
    assert {r.slug for r in pytorch.roles} == {"computer-vision-engineer", "ml-engineer"}


def test_find_skill_ignores_case_and_punctuation(catalogue: Catalogue) -> None:
    assert find_skill(catalogue, "pytorch") == "PyTorch"
    assert find_skill(catalogue, "scikit learn") == "Scikit-learn"
    with pytest.raises(NotFoundError) as caught:
        find_skill(catalogue, "pytorh")
    assert caught.value.suggestions[0] == "PyTorch"


def test_roles_with_every_skill(catalogue: Catalogue) -> None:
    slugs = [r.slug for r in roles_with(catalogue.roles, ["PyTorch"])]
    assert slugs == ["computer-vision-engineer", "ml-engineer"]
    both = roles_with(catalogue.roles, ["python", "tensorflow"])
    assert [r.slug for r in both] == ["data-scientist", "ml-engineer"]


def test_match_mlops_skills(catalogue: Catalogue) -> None:
    result = match(catalogue, ["python", "docker", "kubernetes"])
    best = result.fits[0]
    assert best.role.slug == "mlops-engineer"
    assert best.have == ("Python", "Docker", "Kubernetes")
    assert "MLflow" in best.lack
    assert best.coverage == pytest.approx(3 / 9)
    assert best.weighted == pytest.approx(130_599 / 3)
    assert result.unknown == ()


def test_match_computer_vision_skills(catalogue: Catalogue) -> None:
    result = match(catalogue, ["opencv", "pytorch", "tensorflow"])
    assert [fit.role.slug for fit in result.fits][:2] == ["computer-vision-engineer", "ml-engineer"]


def test_unknown_skills_are_reported_not_dropped(catalogue: Catalogue) -> None:
    result = match(catalogue, ["Python", "juggling"])
    assert result.known == ("Python",)
    assert result.unknown == ("juggling",)


def test_next_skill_raises_the_best_pay_weighted_fit(catalogue: Catalogue) -> None:
    result = match(catalogue, ["opencv", "pytorch", "tensorflow"])
    nxt = result.next_skill
    assert nxt is not None
    # Computer vision has 3 of 5; a fourth gives 4/5 of $118,316, more than anything else.
    assert nxt.role.slug == "computer-vision-engineer"
    assert nxt.skill in {"Neural networks", "Large datasets"}
    assert nxt.skill == "Neural networks"  # listed by three roles, Large datasets by two
    assert nxt.weighted_after == pytest.approx(4 / 5 * 118_316)


def test_next_skill_can_point_past_the_current_best_role() -> None:
    cheap = role(0, _pay(100_000), Range(low=1, high=2), ("a", "b"))
    rich = role(1, _pay(300_000), Range(low=1, high=2), ("c", "d", "e"))
    catalogue = Catalogue(source=SOURCE, roles=(cheap, rich))
    result = match(catalogue, ["a", "c"])
    assert result.fits[0].role.slug == "role-0"  # 1/2 beats 1/3 on coverage
    assert result.next_skill is not None
    assert result.next_skill.role.slug == "role-1"  # 2/3 of 300,000 beats 2/2 of 100,000
    assert result.next_skill.skill == "d"


def test_nothing_left_to_learn() -> None:
    only = role(0, _pay(100_000), Range(low=1, high=2), ("a",))
    result = match(Catalogue(source=SOURCE, roles=(only,)), ["a"])
    assert result.next_skill is None
    assert result.fits[0].coverage == 1.0


def _pay(median: int) -> SalaryRange:
    return SalaryRange(low=median, median=median, high=median)
