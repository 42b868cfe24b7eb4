"""Pydantic models of the catalogue: the one place the data's shape and rules are defined."""

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import Annotated, Literal, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from mlcareers.names import check_names, fold, mixed_script_word

__all__ = ["fold"]  # lookups fold names here, as the uniqueness rule does

Money = Annotated[int, Field(strict=True, gt=0, le=100_000_000)]
"""Whole US dollars; strict so that 1.5, "100" and true are refused rather than coerced."""

# Characters that could forge a table row, a ladder rung or a terminal's state: C0 and C1
# controls (newline and tab among them), line and paragraph separators, bidi overrides. The
# patterns use only syntax that Rust (pydantic), Python and JSON Schema tools all read.
_FORBIDDEN = "\\x00-\\x1f\\x7f-\\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
# Unicode's White_Space that is not a control character above, spelled out: regex engines
# disagree on what \s holds (ECMAScript adds U+FEFF).
_SPACE = " \\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INNER = f"[^{_FORBIDDEN}]"
_EDGE = f"[^{_FORBIDDEN}{_SPACE}]"
# A text or name neither starts nor ends with a space: refused, not stripped. Stripping made
# pydantic copy every string of a catalogue (a third of a second for 100,000 roles), and a
# catalogue says what it means or is told what is wrong, never quietly altered.
NAME_PATTERN = f"^(?:{_EDGE}{_INNER}*)?[^\\W_](?:{_INNER}*{_EDGE})?$"
"""A name holds a letter or digit, no control character and no space at either end; checked
in Rust, so it is cheap."""
TEXT_PATTERN = f"^{_EDGE}(?:{_INNER}*{_EDGE})?$"

Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000, pattern=TEXT_PATTERN),
]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=NAME_PATTERN),
]
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=100)]
Names = tuple[Name, ...]
Texts = tuple[Text, ...]
SourceLine = Annotated[int, Field(strict=True, ge=1, le=10_000_000)]
"""A line number in the source's text, counting from 1."""


class Frozen(BaseModel):
    """Base of every catalogue model: immutable, and unknown keys are an error, not ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class SalaryRange(Frozen):
    """Annual base salary in whole US dollars."""

    low: Money
    median: Money
    high: Money

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.median:
            raise ValueError("low must not exceed median")
        if self.median > self.high:
            raise ValueError("median must not exceed high")
        return self


class Range(Frozen):
    """A low-high pair of whole US dollars."""

    low: Money
    high: Money

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class SkillGroup(Frozen):
    """One need that any one of its members meets: alternatives the source offers ("cloud
    platforms (AWS, GCP, or Azure)"), or examples it gives of a kind ("languages like Python,
    R, and SQL"), which `examples_word` marks."""

    group: Name = Field(description="what any one of the members is, e.g. 'Cloud platform'")
    any_of: Names = Field(min_length=1, max_length=50)
    or_similar: bool = Field(
        default=False, description="the source also accepts similar tools it does not name"
    )
    examples_word: Literal["e.g."] | None = Field(
        default=None,
        description=(
            "set when the source gives the members as examples of a kind (its 'like', 'such "
            "as'), shown before them; null when they are the alternatives themselves"
        ),
    )

    @model_validator(mode="after")
    def _members(self) -> Self:
        if self.examples_word is None and len(self.any_of) < 2:
            raise ValueError(
                "a group of alternatives needs at least two members; one example of a kind "
                "needs examples_word"
            )
        if self.examples_word is not None and self.or_similar:
            raise ValueError(
                "or_similar is for alternatives: examples already stand for others of their kind"
            )
        return self


Requirement = Name | SkillGroup
"""One thing a role asks for: a single skill, or a group (alternatives, or examples of a kind)."""


class Occupation(Frozen):
    """A Standard Occupational Classification (SOC) occupation."""

    code: Annotated[str, StringConstraints(pattern=r"^\d{2}-\d{4}$")]
    title: Name


class Role(Frozen):
    """One job role with its pay, work, skills and where people come from."""

    slug: Slug
    title: Name
    aliases: Names = ()
    salary: SalaryRange
    hourly: Range = Field(description="freelance rate in US dollars per hour")
    summary: Text
    duties: Texts = ()
    skills: tuple[Requirement, ...] = ()
    skills_note: Text | None = Field(
        default=None, description="how firmly the source asks for the skills (its hedge)"
    )
    backgrounds: Names = ()
    application_areas: Names = ()
    areas_note: Text | None = Field(
        default=None, description="how the source frames the application areas (its hedge)"
    )
    pay_note: Text | None = Field(
        default=None, description="how the source hedges the role's pay figures"
    )
    growth: Text | None = Field(default=None, description="what the source says of demand")
    soc: tuple[Occupation, ...] = Field(
        default=(), description="the official occupations the role corresponds to (a judgement)"
    )
    soc_basis: Text | None = Field(default=None, description="why those occupations")

    def names(self) -> tuple[str, ...]:
        """Every name the role answers to: slug, title and aliases."""
        return (self.slug, self.title, *self.aliases)


class Metro(Frozen):
    """A metropolitan statistical area as OMB delineates it: its CBSA code and title."""

    code: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    title: Name


class City(Frozen):
    """A city with the annual pay range the source gives for it."""

    slug: Slug
    name: Name
    region: Name
    aliases: Names = ()
    role: Slug | None = Field(
        default=None,
        description="slug of the role the range is for; null when the source names no role",
    )
    salary: Range = Field(description="annual pay as the source states it (not said to be base)")
    metro: Metro | None = Field(
        default=None,
        description="the metropolitan area the city lies in, which official statistics cover",
    )

    def names(self) -> tuple[str, ...]:
        """Every name that identifies the city alone; its bare name may be shared (Portland)."""
        return (self.slug, f"{self.name}, {self.region}", *self.aliases)


class Source(Frozen):
    """Where the catalogue's facts come from."""

    title: Name
    publisher: Name
    year: int = Field(ge=1900, le=2200, description="the year the source speaks for")
    as_of: dt.date = Field(description="the date the catalogue was compiled from the source")
    published: dt.date | None = Field(default=None, description="absent when the source has none")
    caveats: Texts = ()


class Named(Frozen):
    """A named item with a short summary: a skill, an entry path, a tip."""

    name: Name
    summary: Text
    examples: Names = ()


class KnownSkill(Frozen):
    """A skill the source names somewhere, with the other names people give it."""

    name: Name
    aliases: Names = ()
    where: Text | None = Field(
        default=None,
        description=(
            "where the source names a skill that no role lists and no foundation holds, in "
            "our words: 'its tips on earning more, as a key skill to highlight'"
        ),
    )
    line: SourceLine | None = Field(default=None, description="the line of the source it is on")


class Foundation(Frozen):
    """What the source's skills section says ML work needs in general, apart from any role's
    requirements: a skill or a group (alternatives, or examples of a kind), what the source
    says of it, the heading it sits under, and the line that says it."""

    skill: Requirement
    aliases: Names = Field(default=(), description="other names of the skill, or of the group")
    area: Name = Field(description="the heading it sits under: the name of a hard or soft skill")
    says: Text = Field(description="what the source says of it, in our words: 'essential'")
    line: SourceLine = Field(description="the line of the source that says it")

    def names(self) -> tuple[str, ...]:
        """The names it answers to: its skill's (or group's) and its aliases."""
        own = self.skill if isinstance(self.skill, str) else self.skill.group
        return (own, *self.aliases)


class LadderRole(Frozen):
    """A role on the career ladder; `role` links it to a catalogue role when there is one."""

    title: Name
    summary: Text
    role: Slug | None = Field(
        default=None, description="slug of the catalogue role this is a stage of"
    )


Level = Literal["entry", "mid", "senior"]
LEVELS: tuple[Level, ...] = ("entry", "mid", "senior")


class LadderStage(Frozen):
    """One stage of the career ladder."""

    level: Level
    min_years: int | None = Field(default=None, ge=0, le=60)
    max_years: int | None = Field(default=None, ge=0, le=60)
    requires: Text | None = Field(default=None, description="what the stage asks beyond years")
    roles: tuple[LadderRole, ...]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if (
            self.min_years is not None
            and self.max_years is not None
            and self.min_years > self.max_years
        ):
            raise ValueError("min_years must not exceed max_years")
        return self


class Certification(Frozen):
    """A certification programme and who offers it."""

    provider: Name
    programme: Name


class Industry(Frozen):
    """An industry taking on ML, and which parts of the source name it."""

    name: Name
    named_in: tuple[Literal["introduction", "tips", "faq"], ...] = ()


class Duration(Frozen):
    """How long something takes, in the unit the source gives it in."""

    situation: Text
    low: int = Field(ge=0, le=600)
    high: int = Field(ge=0, le=600)
    unit: Literal["months", "years"]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class MarketFact(Frozen):
    """A market figure the source cites from elsewhere."""

    summary: Text
    value: int = Field(strict=True, ge=-100_000_000, le=100_000_000)
    unit: Literal["percent", "usd", "usd_per_hour", "usd_per_year"]
    cited_source: Name | None = None


class Demand(Frozen):
    """Demand or growth the source states for ML work at large, with whose it is: no one role."""

    scope: Text
    summary: Text


class FaqEntry(Frozen):
    """A question and a short answer."""

    question: Text
    answer: Text


class Catalogue(Frozen):
    """The whole catalogue: roles and everything the source says around them."""

    source: Source
    roles: tuple[Role, ...] = Field(min_length=1)
    cities: tuple[City, ...] = ()
    known_skills: tuple[KnownSkill, ...] = Field(
        default=(), description="skills the source names beyond the roles' lists"
    )
    hard_skills: tuple[Named, ...] = ()
    soft_skills: tuple[Named, ...] = ()
    foundations: tuple[Foundation, ...] = Field(
        default=(),
        description="what the skills section says ML work needs, apart from the roles' lists",
    )
    entry_paths: tuple[Named, ...] = ()
    entry_notes: Texts = ()
    education: tuple[Named, ...] = ()
    certifications: tuple[Certification, ...] = ()
    ladder: tuple[LadderStage, ...] = ()
    time_to_entry: tuple[Duration, ...] = ()
    remote_work: Text | None = None
    tips: tuple[Named, ...] = ()
    industries: tuple[Industry, ...] = ()
    industry_uses: Names = ()
    market_facts: tuple[MarketFact, ...] = ()
    demand: tuple[Demand, ...] = Field(
        default=(), description="demand the source states for ML work at large, not one role"
    )
    faq: tuple[FaqEntry, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _require_unique("roles", self.roles, Role.names)
        _require_unique("cities", self.cities, City.names)
        _require_unique("known_skills", self.known_skills, lambda s: (s.name, *s.aliases))
        _require_unique("foundations", self.foundations, Foundation.names)
        _check_foundations(self)

        # Built only when something names a role: for 100,000 roles the set costs 0.04 s.
        named = any(city.role is not None for city in self.cities) or any(
            rung.role is not None for rung in self._rungs()
        )
        slugs = {role.slug for role in self.roles} if named else frozenset[str]()
        for city in self.cities:
            if city.role is not None and city.role not in slugs:
                raise ValueError(f"city {city.slug!r} names unknown role {city.role!r}")
        levels = [LEVELS.index(stage.level) for stage in self.ladder]
        if any(later <= earlier for earlier, later in itertools.pairwise(levels)):
            raise ValueError("ladder stages must run entry, mid, senior, each at most once")
        for rung in self._rungs():
            if rung.role is not None and rung.role not in slugs:
                raise ValueError(f"ladder role {rung.title!r} names unknown role {rung.role!r}")
        return self

    def _rungs(self) -> list[LadderRole]:
        return [rung for stage in self.ladder for rung in stage.roles]


Item = TypeVar("Item", Role, City, KnownSkill, Foundation)


def _check_foundations(catalogue: Catalogue) -> None:
    """A foundation sits under a hard or soft skill of the catalogue, and no name of it is a
    known skill's name too: each name is declared once."""
    if not catalogue.foundations:
        return
    areas = {fold(item.name) for item in (*catalogue.hard_skills, *catalogue.soft_skills)}
    known = {
        fold(name): skill.name
        for skill in catalogue.known_skills
        for name in (skill.name, *skill.aliases)
    }
    for index, foundation in enumerate(catalogue.foundations):
        label = foundation.names()[0]
        if fold(foundation.area) not in areas:
            raise ValueError(
                f"foundations[{index}] ({label}) sits under {foundation.area!r}, which is no "
                "hard or soft skill of the catalogue"
            )
        for name in foundation.names():
            if fold(name) in known:
                raise ValueError(
                    f"foundations[{index}] ({label}) answers to {name!r}, as known skill "
                    f"{known[fold(name)]!r} does: declare it once"
                )


def _require_unique(
    field: str, items: Sequence[Item], names_of: Callable[[Item], Sequence[str]]
) -> None:
    """No two items may answer to the same name once folded (NFKC, case, invisible characters
    and punctuation: see names.py), as lookups fold them; and no name may mix scripts as a
    look-alike does. All-ASCII names, nearly every catalogue's, are told apart in C."""
    lists = list(map(names_of, items))  # one call an item: 100,000 roles
    clash, plain = check_names(lists)
    if clash is not None:
        index, first, name = clash
        raise ValueError(
            f"{field}[{index}] ({_label(items[index])}) answers to {name!r}, "
            f"as {field}[{first}] ({_label(items[first])}) does"
        )
    if not plain:
        _require_one_script(field, lists)


def _require_one_script(field: str, lists: Sequence[Sequence[str]]) -> None:
    """No name may hide a letter of one script among another's: 'MLОps' with a Cyrillic О."""
    for index, names in enumerate(lists):
        for name in names:
            word = mixed_script_word(name)
            if word is not None:
                raise ValueError(
                    f"{field}[{index}]: {name!r} mixes Latin, Greek or Cyrillic letters in "
                    f"{word!r}, as a look-alike would"
                )


def _label(item: Role | City | KnownSkill | Foundation) -> str:
    if isinstance(item, Foundation):
        return item.names()[0]
    return item.name if isinstance(item, KnownSkill) else item.slug


def catalogue_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) that a catalogue file must satisfy."""
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Catalogue.model_json_schema(),
    }
    return schema
