"""The career ladder and where roles sit on it."""

from __future__ import annotations

from mlcareers.catalogue import find_role
from mlcareers.ladder import path_of, stage_label
from mlcareers.models import Catalogue


def test_stage_labels_carry_the_articles_years(catalogue: Catalogue) -> None:
    labels = [stage_label(stage) for stage in catalogue.ladder]
    assert labels == ["Entry level", "Mid-level (2-5 years)", "Senior and leadership (5+ years)"]


def test_ml_engineer_sits_mid_level_between_junior_and_senior(catalogue: Catalogue) -> None:
    path = path_of(catalogue, find_role(catalogue, "mle"))
    assert path.home is not None
    assert path.home.rung.title == "ML engineer"
    assert path.before is catalogue.ladder[0]
    assert path.after is catalogue.ladder[2]
    direct = [rung.title for rung in path.after.roles if path.direct(rung)]
    assert direct == ["Senior ML engineer"]


def test_roles_off_the_ladder_have_no_place(catalogue: Catalogue) -> None:
    path = path_of(catalogue, find_role(catalogue, "mlops"))
    assert (path.home, path.before, path.after) == (None, None, None)
