"""Roles side by side."""

from __future__ import annotations

import pytest

from mlcareers.catalogue import find_city, find_role
from mlcareers.comparison import compare_roles
from mlcareers.errors import UsageError
from mlcareers.models import Catalogue, Role


def _roles(catalogue: Catalogue, *names: str) -> list[Role]:
    return [find_role(catalogue, name) for name in names]


def test_differences_are_against_the_first_role(catalogue: Catalogue) -> None:
    sides = compare_roles(catalogue, _roles(catalogue, "mlops", "ds", "mle"))
    assert [side.median_difference for side in sides] == [0, 118_407 - 130_599, 109_933 - 130_599]
    assert all(side.city is None for side in sides)


def test_shared_and_distinctive_skills(catalogue: Catalogue) -> None:
    cv, mle = compare_roles(catalogue, _roles(catalogue, "cv", "mle"))
    assert set(cv.shared) == {"Neural networks", "TensorFlow", "PyTorch", "Large datasets"}
    assert cv.only_here == ("OpenCV",)
    assert set(mle.only_here) == {"Deep learning", "Python"}


def test_city_estimates_beside_each_role(catalogue: Catalogue) -> None:
    seattle = find_city(catalogue, "seattle")
    sides = compare_roles(catalogue, _roles(catalogue, "mle", "nlp"), [seattle])
    mle, nlp = sides
    assert mle.city is not None
    assert (mle.city.low, mle.city.high, mle.city.estimated) == (172_000, 250_000, False)
    assert nlp.city is not None
    assert nlp.city.estimated


def test_one_role_is_not_a_comparison(catalogue: Catalogue) -> None:
    with pytest.raises(UsageError, match="two or more roles"):
        compare_roles(catalogue, _roles(catalogue, "mlops"))
