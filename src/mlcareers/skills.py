"""Skills: which roles ask for what, filtering roles by skill, and a skills gap analysis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.catalogue import closest
from mlcareers.errors import NotFoundError
from mlcareers.models import fold

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Role

SCORING = (
    "coverage = skills you have ÷ skills the role lists; roles rank by coverage, then by "
    "median salary; pay-weighted fit = coverage × median salary"
)


class SkillDemand(NamedTuple):
    """A skill and the roles that list it."""

    skill: str
    roles: tuple[Role, ...]


class RoleFit(NamedTuple):
    """How well a set of skills covers one role."""

    role: Role
    have: tuple[str, ...]
    lack: tuple[str, ...]

    @property
    def coverage(self) -> float:
        """The share of the role's skills you have, 0 to 1."""
        listed = len(self.have) + len(self.lack)
        return len(self.have) / listed if listed else 0.0

    @property
    def weighted(self) -> float:
        """Coverage times median salary: what a fit is worth."""
        return self.coverage * self.role.salary.median


class NextSkill(NamedTuple):
    """The one skill that would raise the best pay-weighted fit the most, and where."""

    skill: str
    role: Role
    weighted_before: float
    weighted_after: float


class Match(NamedTuple):
    """A gap analysis: every role's fit, best first, and what to learn next."""

    fits: list[RoleFit]
    known: tuple[str, ...]
    unknown: tuple[str, ...]
    next_skill: NextSkill | None


def split_skills(texts: Iterable[str]) -> list[str]:
    """Skills from loose input: comma-separated, spaced anyhow, repeated; blanks dropped."""
    found = (part.strip() for text in texts for part in text.split(","))
    return list(dict.fromkeys(part for part in found if part))


def skill_index(roles: Iterable[Role]) -> dict[str, str]:
    """Every skill the roles list, folded for matching, to its first spelling."""
    index: dict[str, str] = {}
    for role in roles:
        for skill in role.skills:
            index.setdefault(fold(skill), skill)
    return index


def demand(roles: Sequence[Role]) -> list[SkillDemand]:
    """Every skill with the roles that list it, most-demanded first, then A to Z."""
    index = skill_index(roles)
    holders: dict[str, list[Role]] = {name: [] for name in index.values()}
    for role in roles:
        for skill in dict.fromkeys(index[fold(skill)] for skill in role.skills):
            holders[skill].append(role)
    rows = [SkillDemand(skill, tuple(listed)) for skill, listed in holders.items()]
    return sorted(rows, key=lambda row: (-len(row.roles), row.skill.casefold()))


def find_skill(catalogue: Catalogue, name: str) -> str:
    """The catalogue's spelling of a skill, matched ignoring case and punctuation."""
    index = skill_index(catalogue.roles)
    found = index.get(fold(name))
    if found is None:
        raise NotFoundError("skill", name, closest(fold(name), index))
    return found


def roles_with(roles: Sequence[Role], skills: Sequence[str]) -> list[Role]:
    """The roles that list every one of `skills`."""
    wanted = {fold(skill) for skill in skills}
    return [role for role in roles if wanted <= {fold(skill) for skill in role.skills}]


def match(catalogue: Catalogue, have: Sequence[str]) -> Match:
    """Every role's coverage by `have`, best first, and the next skill worth learning."""
    index = skill_index(catalogue.roles)
    known = tuple(dict.fromkeys(index[fold(s)] for s in have if fold(s) in index))
    unknown = tuple(skill for skill in have if fold(skill) not in index)
    mine = {fold(skill) for skill in known}
    fits = [
        RoleFit(
            role,
            tuple(skill for skill in role.skills if fold(skill) in mine),
            tuple(skill for skill in role.skills if fold(skill) not in mine),
        )
        for role in catalogue.roles
    ]
    fits.sort(key=lambda fit: (-fit.coverage, -fit.role.salary.median, fit.role.title.casefold()))
    return Match(fits, known, unknown, _next_skill(fits))


def _next_skill(fits: Sequence[RoleFit]) -> NextSkill | None:
    """Adding a skill to a role it is missing from raises that role's fit by 1 ÷ its skill count."""
    before = max((fit.weighted for fit in fits), default=0.0)
    best: dict[str, tuple[float, RoleFit]] = {}
    reach: dict[str, int] = {}
    for fit in fits:
        listed = len(fit.have) + len(fit.lack)
        after = (len(fit.have) + 1) / listed * fit.role.salary.median if listed else 0.0
        for skill in fit.lack:
            reach[skill] = reach.get(skill, 0) + 1
            if skill not in best or after > best[skill][0]:
                best[skill] = (after, fit)
    if not best:
        return None
    skill = min(best, key=lambda name: (-best[name][0], -reach[name], name.casefold()))
    after, fit = best[skill]
    return NextSkill(skill, fit.role, before, max(after, before))
