"""What a query of the store returns: one figure with everything needed to say where it comes
from. No sqlite3 and no database here: views import Found from this module at no cost."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mlcareers.official.models import (
        DatasetInfo,
        Occupation,
        StoredArea,
        StoredFigure,
        StoredProjection,
    )


class Found(NamedTuple):
    """One official figure with everything needed to say where it comes from."""

    dataset: DatasetInfo
    area: StoredArea
    occupation: Occupation
    figure: StoredFigure


class FoundProjection(NamedTuple):
    """One occupation's employment projection with everything needed to say where it comes
    from: the dataset (program, period, file) and the occupation as Table 1.2 names it."""

    dataset: DatasetInfo
    occupation: Occupation
    projection: StoredProjection
