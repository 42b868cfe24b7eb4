"""Which SOC occupations a role corresponds to: read from the catalogue's roles.

A role's `soc` is a judgement, stated with its reasons (`soc_basis`) and marked derived: the
survey counts occupations, not job titles.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mlcareers.models import Role

DERIVED_METHOD = (
    "The role's SOC occupation(s) are a judgement, not the source's: the job titles O*NET "
    "reports for each occupation are the evidence."
)


GROWTH_METHOD = (
    "the projected percent change in employment of the role's first SOC occupation, as BLS "
    "Employment Projections publish it; a role's growth is its occupation's, and which "
    "occupation a role is, is our judgement (soc.method)"
)
"""How `rank --by growth` and `outlook` give a role a growth: derived."""


class SocRef(NamedTuple):
    """A SOC occupation a role maps to."""

    code: str
    title: str


class RoleSoc(NamedTuple):
    """A role with the occupations it maps to and why."""

    slug: str
    title: str
    soc: tuple[SocRef, ...]
    basis: str


def role_soc(role: Role) -> RoleSoc:
    """A catalogue role's occupations and the reasons for them, from its `soc` field."""
    refs = tuple(SocRef(occupation.code, occupation.title) for occupation in role.soc)
    return RoleSoc(role.slug, role.title, refs, role.soc_basis or "")


def codes_of(roles: Iterable[Role]) -> tuple[str, ...]:
    """Every SOC code the roles map to, once each, in order."""
    return tuple(dict.fromkeys(ref.code for role in roles for ref in role_soc(role).soc))
