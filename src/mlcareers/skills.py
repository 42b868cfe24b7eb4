"""Skills: the vocabulary, which roles ask for what, filtering by skill, and a gap analysis.

A role asks for requirements: single skills, or groups of which any one member is enough:
alternatives ("a cloud platform: AWS, GCP or Azure") or examples of a kind ("a language,
e.g. Python, R, SQL"). Every function here honours groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.catalogue import closest
from mlcareers.errors import NotFoundError
from mlcareers.models import fold

if TYPE_CHECKING:
    from mlcareers.models import Catalogue, Foundation, Requirement, Role

COVERAGE_METHOD = (
    "requirements you meet ÷ requirements the role lists; a group of alternatives or of "
    "examples (e.g.) counts once and is met by any one of its members; only what the role "
    "asks for counts, never the article's foundations"
)
FOUNDATIONS_NOTE = (
    "Foundations are what the article's skills section says ML work needs in general, whatever "
    "the role; they are shown apart from the roles and never counted in a role's coverage, "
    "which counts only what the role asks for."
)
ORDER_METHOD = "roles are ordered by coverage, then by median salary"
NEXT_METHOD = (
    "the missing requirement the most roles ask for; ties go to the one asked for by the role "
    "with the higher median salary; requirements still tied are all named"
)


def label(requirement: Requirement) -> str:
    """A requirement as people read it: "Cloud platform (AWS, GCP or Azure)", "Language
    (e.g. Python, R, SQL)"."""
    if isinstance(requirement, str):
        return requirement
    members = list(requirement.any_of)
    if requirement.examples_word is not None:
        return f"{requirement.group} ({requirement.examples_word} {', '.join(members)})"
    listed = ", ".join(members[:-1]) + (", " if requirement.or_similar else " or ") + members[-1]
    return f"{requirement.group} ({listed}{' or similar' if requirement.or_similar else ''})"


def name_of(requirement: Requirement) -> str:
    """A requirement's short name: the skill, or the group's name."""
    return requirement if isinstance(requirement, str) else requirement.group


def members(requirement: Requirement) -> tuple[str, ...]:
    """The names that meet a requirement: the skill; or a group's name and each member."""
    if isinstance(requirement, str):
        return (requirement,)
    return (requirement.group, *requirement.any_of)


def key(requirement: Requirement) -> str:
    """What makes two requirements the same one, whichever role lists them."""
    if isinstance(requirement, str):
        return fold(requirement)
    return "any of: " + " | ".join(sorted(fold(member) for member in requirement.any_of))


def vocabulary(catalogue: Catalogue) -> dict[str, str]:
    """Every skill name the catalogue knows, folded for matching, to its canonical spelling.

    The names the catalogue declares with their aliases come first (the foundations, in the
    source's order, then the known skills), so a role that lists "Spark" and a known skill
    "Apache Spark" with the alias "spark" resolve to one skill; then every name the roles list.
    An alias is no name of its own for a skill the roles list under that name: an alias
    "docker" on "Dockerish" never turns someone's Docker into Dockerish.
    """
    listed: dict[str, str] = {}
    for role in catalogue.roles:
        for requirement in role.skills:
            for name in members(requirement):
                listed.setdefault(fold(name), name)
    index: dict[str, str] = {}
    for name, aliases in _declared(catalogue):
        own = fold(name)
        index.setdefault(own, name)
        for alias in aliases:
            key = fold(alias)
            if key not in listed or fold(listed[key]) == own:  # a listed skill keeps its name
                index.setdefault(key, name)
    for key, name in listed.items():
        index.setdefault(key, name)
    return index


def _declared(catalogue: Catalogue) -> list[tuple[str, tuple[str, ...]]]:
    """Every skill name the catalogue declares, with its aliases: each foundation's skill (or
    group) and a group's members, then the known skills."""
    declared: list[tuple[str, tuple[str, ...]]] = []
    for foundation in catalogue.foundations:
        name, *_ = foundation.names()
        declared.append((name, foundation.aliases))
        declared.extend((member, ()) for member in members(foundation.skill)[1:])
    declared.extend((known.name, known.aliases) for known in catalogue.known_skills)
    return declared


def _once(requirements: Sequence[Requirement], index: dict[str, str]) -> list[Requirement]:
    """A role's requirements, each once: a skill listed twice, in any spelling, counts once."""
    seen: dict[str, Requirement] = {}
    for requirement in requirements:
        name = index.get(fold(requirement), requirement) if isinstance(requirement, str) else ""
        seen.setdefault(key(name) if name else key(requirement), requirement)
    return list(seen.values())


def split_skills(texts: Iterable[str]) -> list[str]:
    """Skills from loose input: comma-separated, spaced anyhow, repeated; blanks dropped."""
    found = (part.strip() for text in texts for part in text.split(","))
    return list(dict.fromkeys(part for part in found if part))


def find_skill(index: dict[str, str], name: str) -> str:
    """The canonical spelling of a skill, matched ignoring case and punctuation."""
    found = index.get(fold(name))
    if found is None:
        raise NotFoundError("skill", name, closest(fold(name), index))
    return found


def _met(requirement: Requirement, index: dict[str, str], mine: set[str]) -> str | None:
    """Which of my skills meets a requirement (canonical spelling), or None."""
    for name in members(requirement):
        canonical = index.get(fold(name), name)
        if fold(canonical) in mine:
            return canonical
    return None


class SkillDemand(NamedTuple):
    """A requirement and the roles that ask for it; no requirement for a skill no role lists."""

    name: str
    requirement: Requirement | None
    roles: tuple[Role, ...]


def demand(catalogue: Catalogue, roles: Sequence[Role] | None = None) -> list[SkillDemand]:
    """Every requirement with every role of the catalogue that asks for it, most-demanded first;
    then the skills the catalogue knows that no role lists, in the catalogue's order (a
    foundation's group is no skill: its members are).

    With `roles`, only the requirements those roles ask for, each still counted across the
    whole catalogue: a listing filtered to one role says how many roles ask for each of its
    skills, not how many of the roles shown do.
    """
    index = vocabulary(catalogue)
    found: dict[str, tuple[Requirement, list[Role]]] = {}
    for role in catalogue.roles:
        for requirement in role.skills:
            canonical = _canonical(requirement, index)
            entry = found.setdefault(key(canonical), (canonical, []))
            if not entry[1] or entry[1][-1] is not role:  # a skill listed twice counts once
                entry[1].append(role)
    rows = sorted(
        (SkillDemand(name_of(req), req, tuple(holders)) for req, holders in found.values()),
        key=lambda row: -len(row.roles),
    )
    if roles is not None:
        wanted = {key(_canonical(req, index)) for role in roles for req in role.skills}
        return [row for row in rows if row.requirement and key(row.requirement) in wanted]
    listed = {fold(name) for row in rows for name in members(row.requirement or row.name)}
    listed |= {fold(f.skill.group) for f in catalogue.foundations if not isinstance(f.skill, str)}
    others = dict.fromkeys(name for name in index.values() if fold(name) not in listed)
    rows.extend(SkillDemand(name, None, ()) for name in others)
    return rows


def _canonical(requirement: Requirement, index: dict[str, str]) -> Requirement:
    """A requirement under the catalogue's spelling of its skill; a group as it is."""
    if isinstance(requirement, str):
        return index.get(fold(requirement), requirement)
    return requirement


def meeting(catalogue: Catalogue, skill: str) -> list[SkillDemand]:
    """The requirements a skill meets, each with every role that asks for it: the skill
    itself, and each group it is one of (an alternative or an example); none when no role
    asks for it."""
    index = vocabulary(catalogue)
    wanted = fold(index.get(fold(skill), skill))
    return [
        row
        for row in demand(catalogue)
        if row.requirement is not None
        and any(fold(index.get(fold(name), name)) == wanted for name in members(row.requirement))
    ]


class Placement(NamedTuple):
    """Where the source names a skill beyond the roles' lists: in a foundation (being it, or
    one of its group), or, for a known skill, where the catalogue says."""

    foundation: Foundation | None
    where: str | None
    line: int | None


def placements(catalogue: Catalogue) -> dict[str, Placement]:
    """Where the source names each skill beyond the roles' lists, by the folded canonical
    name: a foundation's own name, its group's members, and known skills said to be named."""
    index = vocabulary(catalogue)
    found: dict[str, Placement] = {}
    for foundation in catalogue.foundations:
        for name in (*foundation.names(), *members(foundation.skill)):
            canonical = fold(index.get(fold(name), name))
            found.setdefault(canonical, Placement(foundation, None, foundation.line))
    for known in catalogue.known_skills:
        if known.where is not None:
            found.setdefault(fold(known.name), Placement(None, known.where, known.line))
    return found


def placement(catalogue: Catalogue, skill: str) -> Placement | None:
    """Where the source names `skill` beyond the roles' lists; None if the catalogue says not."""
    return placements(catalogue).get(fold(vocabulary(catalogue).get(fold(skill), skill)))


def where_named(catalogue: Catalogue, skill: str, found: Placement | None) -> str:
    """Where the source names a skill, as a clause: "the article's skills section names it
    among its hard skills, under Deep learning frameworks: high-paying roles expect ..."."""
    if found is None:
        return "the catalogue does not say where the source names it"
    if found.foundation is None:
        return f"the article names it in {found.where}"
    foundation = found.foundation
    hard = {fold(item.name) for item in catalogue.hard_skills}
    kind = "hard" if fold(foundation.area) in hard else "soft"
    own = fold(foundation.names()[0])
    under = "" if fold(foundation.area) == own else f", under {foundation.area}"
    holder = "" if own == fold(skill) else f", in {label(foundation.skill)}"
    return (
        f"the article's skills section names it among its {kind} skills{under}{holder}: "
        f"{foundation.says}"
    )


def unlisted(catalogue: Catalogue, skill: str) -> str:
    """What to say of a skill no role asks for: that no role lists it, and where the source
    names it ("no role lists Keras as a requirement; the article's skills section ...")."""
    return (
        f"no role lists {skill} as a requirement; "
        f"{where_named(catalogue, skill, placement(catalogue, skill))}"
    )


def roles_with(catalogue: Catalogue, roles: Sequence[Role], skills: Sequence[str]) -> list[Role]:
    """The roles for which each of `skills` meets one of their requirements."""
    index = vocabulary(catalogue)
    wanted = [fold(index.get(fold(skill), skill)) for skill in skills]
    return [
        role
        for role in roles
        if all(any(_met(req, index, {want}) for req in role.skills) for want in wanted)
    ]


class RoleFit(NamedTuple):
    """How a set of skills meets one role's requirements."""

    role: Role
    met: tuple[tuple[Requirement, str], ...]
    """Each requirement met, with the skill of yours that meets it."""
    missing: tuple[Requirement, ...]

    @property
    def required(self) -> int:
        """How many requirements the role lists; a group counts once."""
        return len(self.met) + len(self.missing)

    @property
    def coverage(self) -> float:
        """The share of the role's requirements you meet, 0 to 1."""
        return len(self.met) / self.required if self.required else 0.0


class Step(NamedTuple):
    """What learning one requirement does for one role that asks for it."""

    fit: RoleFit
    before: int
    after: int


class NextSkill(NamedTuple):
    """A requirement worth learning next, and the roles that ask for it."""

    requirement: Requirement
    steps: tuple[Step, ...]
    """Best-paid role first."""


class FoundationFit(NamedTuple):
    """One of the article's foundations, and the skill of yours that meets it, if any."""

    foundation: Foundation
    met_by: str | None


class Match(NamedTuple):
    """A gap analysis: every role's fit, best first, what to learn next, and, apart from the
    roles, which of the article's foundations you have."""

    fits: list[RoleFit]
    known: tuple[str, ...]
    unknown: tuple[str, ...]
    suggestions: dict[str, tuple[str, ...]]
    next_skills: tuple[NextSkill, ...]
    """Empty when nothing is missing; more than one only when they tie on every rule."""
    foundations: tuple[FoundationFit, ...] = ()
    """In the catalogue's order; never part of a role's coverage."""


def match(catalogue: Catalogue, have: Sequence[str]) -> Match:
    """Every role's fit with `have`, best first, and the requirement worth learning next."""
    index = vocabulary(catalogue)
    known = tuple(dict.fromkeys(index[fold(s)] for s in have if fold(s) in index))
    unknown = tuple(skill for skill in have if fold(skill) not in index)
    suggestions = {skill: closest(fold(skill), index) for skill in unknown}
    mine = {fold(skill) for skill in known}
    fits: list[RoleFit] = []
    for role in catalogue.roles:
        met: list[tuple[Requirement, str]] = []
        missing: list[Requirement] = []
        for requirement in _once(role.skills, index):
            by = _met(requirement, index, mine)
            if by is None:
                missing.append(requirement)
            else:
                met.append((requirement, by))
        fits.append(RoleFit(role, tuple(met), tuple(missing)))
    fits.sort(key=lambda fit: (fit.required == 0, -fit.coverage, -fit.role.salary.median))
    foundations = tuple(
        FoundationFit(foundation, _met(foundation.skill, index, mine))
        for foundation in catalogue.foundations
    )
    return Match(fits, known, unknown, suggestions, _next_skills(fits), foundations)


def _next_skills(fits: Sequence[RoleFit]) -> tuple[NextSkill, ...]:
    """The rule of NEXT_METHOD: most roles asking, then the highest median among them."""
    asking: dict[str, tuple[Requirement, list[Step]]] = {}
    for fit in fits:
        for requirement in fit.missing:
            step = Step(fit, len(fit.met), len(fit.met) + 1)
            asking.setdefault(key(requirement), (requirement, []))[1].append(step)
    if not asking:
        return ()
    ranked = [
        NextSkill(req, tuple(sorted(steps, key=lambda s: -s.fit.role.salary.median)))
        for req, steps in asking.values()
    ]

    def score(candidate: NextSkill) -> tuple[int, int]:
        return len(candidate.steps), candidate.steps[0].fit.role.salary.median

    best = max(score(candidate) for candidate in ranked)
    return tuple(candidate for candidate in ranked if score(candidate) == best)


def skill_names(catalogue: Catalogue) -> list[str]:
    """Every canonical skill name and group name, for completion and listings."""
    return list(dict.fromkeys(vocabulary(catalogue).values()))
