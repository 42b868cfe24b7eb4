"""Roles side by side."""

from __future__ import annotations

import pytest

from mlcareers.catalogue import find_role
from mlcareers.comparison import compare_roles
from mlcareers.errors import UsageError
from mlcareers.models import Catalogue, Role, SkillGroup

from .strategies import SOURCE, role
from .test_skills import HOURLY, pay


def _roles(catalogue: Catalogue, *names: str) -> list[Role]:
    return [find_role(catalogue, name) for name in names]


def test_differences_are_against_the_first_role(catalogue: Catalogue) -> None:
    sides = compare_roles(catalogue, _roles(catalogue, "mlops", "ds", "mle"))
    assert [side.median_difference for side in sides] == [0, 118_407 - 130_599, 109_933 - 130_599]


def test_shared_and_distinctive_skills(catalogue: Catalogue) -> None:
    cv, mle = compare_roles(catalogue, _roles(catalogue, "cv", "mle"))
    assert set(cv.shared) == {"Neural networks", "TensorFlow", "PyTorch", "Large datasets"}
    assert cv.only_here == ("OpenCV",)
    assert set(mle.only_here) == {"Deep learning", "Python"}


def test_groups_with_the_same_members_are_one_requirement() -> None:
    cloud = SkillGroup(group="Cloud platform", any_of=("AWS", "GCP", "Azure"))
    renamed = SkillGroup(group="A cloud", any_of=("azure", "gcp", "aws"))
    other = SkillGroup(group="Cloud platform", any_of=("AWS", "GCP"))
    first = role(0, pay(100), HOURLY, ("Python", cloud))
    second = role(1, pay(90), HOURLY, ("python", renamed))
    third = role(2, pay(80), HOURLY, ("Python", other))
    catalogue = Catalogue(source=SOURCE, roles=(first, second, third))
    a, b = compare_roles(catalogue, [first, second])
    assert a.shared == ("Python", cloud)
    assert a.only_here == b.only_here == ()
    x, y = compare_roles(catalogue, [first, third])
    assert x.only_here == (cloud,)
    assert y.only_here == (other,)


def test_one_role_is_not_a_comparison(catalogue: Catalogue) -> None:
    with pytest.raises(UsageError, match="two or more roles"):
        compare_roles(catalogue, _roles(catalogue, "mlops"))
