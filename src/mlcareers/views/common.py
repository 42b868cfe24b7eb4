"""What several views share: a role as JSON, the source line, derived-figure labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlcareers.pay import ANNUALISED_METHOD, annualise

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role

NOT_STATED = "Not stated by the source"


def role_data(role: Role) -> dict[str, object]:
    """A role as JSON: every field of the catalogue's role."""
    return role.model_dump(mode="json")


def annualised_range(role: Role) -> tuple[int, int]:
    """The role's freelance range as annual pay, low and high."""
    return annualise(role.hourly.low), annualise(role.hourly.high)


def annualised_data(role: Role) -> dict[str, object]:
    """The role's freelance range as annual pay in JSON: a derived figure, labelled as one."""
    low, high = annualised_range(role)
    return {"low": low, "high": high, "estimated": True, "method": ANNUALISED_METHOD}


def derived(value: object, method: str) -> dict[str, object]:
    """A derived figure in JSON: its value, marked estimated, with how it was made."""
    return {"value": value, "estimated": True, "method": method}


def source_note(catalogue: Catalogue) -> str:
    """One line naming where the figures come from."""
    source = catalogue.source
    return f"Source: {source.publisher}, {source.title!r} ({source.year}); as of {source.as_of}."
