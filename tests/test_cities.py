"""City pay: published figures and estimates scaled by the city's uplift."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlcareers.cities import city_pay, uplift
from mlcareers.models import Catalogue, City, Range, SalaryRange

from .strategies import SOURCE, role


def test_uplift_is_city_midpoint_over_national_midpoint(catalogue: Catalogue) -> None:
    seattle = next(city for city in catalogue.cities if city.slug == "seattle")
    mle = next(r for r in catalogue.roles if r.slug == "ml-engineer")
    assert uplift(seattle, mle).factor == (172_000 + 250_000) / (93_119 + 127_748)


def test_reference_role_is_published_and_others_estimated(catalogue: Catalogue) -> None:
    rows = city_pay(catalogue, catalogue.cities[:1])
    assert (rows[0].role.slug, rows[0].low, rows[0].high) == ("ml-engineer", 174_000, 258_000)
    assert rows[0].estimated is False
    assert rows[0].method is None
    assert len(rows) == 6
    assert all(row.estimated and row.method for row in rows[1:])
    assert rows[1].role.slug == "mlops-engineer"


def test_estimate_is_national_range_times_uplift_rounded(catalogue: Catalogue) -> None:
    seattle = next(city for city in catalogue.cities if city.slug == "seattle")
    mlops = next(row for row in city_pay(catalogue, [seattle]) if row.role.slug == "mlops-engineer")
    factor = mlops.uplift.factor
    assert mlops.low == round(103_933 * factor / 1000) * 1000
    assert mlops.high == round(146_926 * factor / 1000) * 1000
    assert "rounded to the nearest $1,000" in str(mlops.method)


pay = st.integers(1_000, 1_000_000)


@given(pay, pay, pay, st.integers(1, 3_000_000), st.integers(0, 3_000_000))
def test_estimates_grow_with_the_city_figures(
    national_low: int, extra: int, other: int, city_low: int, city_extra: int
) -> None:
    reference = role(0, _salary(national_low, national_low + extra), Range(low=1, high=2))
    estimated = role(1, _salary(other, other), Range(low=1, high=2))

    def estimate(low: int, high: int) -> int:
        city = City(
            slug="c", name="C", region="ST", role="role-0", salary=Range(low=low, high=high)
        )
        catalogue = Catalogue(source=SOURCE, roles=(reference, estimated), cities=(city,))
        return city_pay(catalogue, [city])[1].high

    assert estimate(city_low, city_low + city_extra) <= estimate(
        city_low + 1000, city_low + city_extra + 1000
    )


def _salary(low: int, high: int) -> SalaryRange:
    return SalaryRange(low=low, median=low, high=high)
