"""City pay as the source gives it: one range a city, with its scope, and nothing estimated."""

from __future__ import annotations

from mlcareers.catalogue import find_city, find_role
from mlcareers.cities import GENERAL_SCOPE, absence, city_figure, city_figures
from mlcareers.models import Catalogue


def test_each_city_keeps_the_scope_the_article_gives(catalogue: Catalogue) -> None:
    scopes = {
        figure.city.slug: figure.scope for figure in city_figures(catalogue, catalogue.cities)
    }
    # "Santa Clara, CA. ML engineers earn ..."; "New York, NY. Salaries range from ..." (no
    # role named); "Seattle, WA. ML engineers make ...".
    assert scopes == {
        "santa-clara": "ML engineer pay",
        "new-york": GENERAL_SCOPE,
        "seattle": "ML engineer pay",
    }


def test_city_ranges_sit_wholly_above_the_national_ml_engineer_range(
    catalogue: Catalogue,
) -> None:
    # Why no ratio of the two is a city premium: they measure different things.
    mle = find_role(catalogue, "mle")
    assert all(city.salary.low > mle.salary.high for city in catalogue.cities)


def test_a_role_has_a_city_figure_only_where_the_article_gives_one(catalogue: Catalogue) -> None:
    seattle = city_figure(catalogue, find_city(catalogue, "seattle"))
    own = [role.slug for role in catalogue.roles if seattle.is_for(role)]
    assert own == ["ml-engineer"]
    nyc = city_figure(catalogue, find_city(catalogue, "nyc"))
    assert not any(nyc.is_for(role) for role in catalogue.roles)


def test_absence_is_said_plainly(catalogue: Catalogue) -> None:
    seattle = city_figure(catalogue, find_city(catalogue, "seattle"))
    said = absence(seattle, find_role(catalogue, "mlops"))
    assert said == (
        "The source gives no Seattle, WA figure for MLOps engineer; its Seattle, WA figure is "
        "ML engineer pay."
    )
    assert absence(seattle, find_role(catalogue, "mle")) is None
