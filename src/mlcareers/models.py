"""Pydantic models of the catalogue: the one place the data's shape and rules are defined."""

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Money = Annotated[int, Field(strict=True, gt=0, le=100_000_000)]
"""Whole US dollars; strict so that 1.5, "100" and true are refused rather than coerced."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100)]
Names = tuple[Name, ...]
Texts = tuple[Text, ...]


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


class Role(Frozen):
    """One job role with its pay, work, skills and where people come from."""

    slug: Slug
    title: Name
    aliases: Names = ()
    salary: SalaryRange
    hourly: Range = Field(description="freelance rate in US dollars per hour")
    summary: Text
    duties: Texts = ()
    skills: Names = ()
    backgrounds: Names = ()
    application_areas: Names = ()

    def names(self) -> tuple[str, ...]:
        """Every name the role answers to: slug, title and aliases."""
        return (self.slug, self.title, *self.aliases)


class City(Frozen):
    """A city with the published annual salary range for one role there."""

    slug: Slug
    name: Name
    region: Name
    aliases: Names = ()
    role: Slug = Field(description="slug of the role the published range is for")
    salary: Range

    def names(self) -> tuple[str, ...]:
        """Every name the city answers to."""
        return (self.slug, self.name, f"{self.name}, {self.region}", *self.aliases)


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


class LadderRole(Frozen):
    """A role on the career ladder; `role` links it to a catalogue role when there is one."""

    title: Name
    summary: Text
    role: Slug | None = Field(
        default=None, description="slug of the catalogue role this is a stage of"
    )


class LadderStage(Frozen):
    """One stage of the career ladder."""

    level: Literal["entry", "mid", "senior"]
    min_years: int | None = Field(default=None, ge=0, le=60)
    max_years: int | None = Field(default=None, ge=0, le=60)
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
    value: int
    unit: Literal["percent", "usd", "usd_per_hour", "usd_per_year"]
    cited_source: Name | None = None


class FaqEntry(Frozen):
    """A question and a short answer."""

    question: Text
    answer: Text


class Catalogue(Frozen):
    """The whole catalogue: roles and everything the source says around them."""

    source: Source
    roles: tuple[Role, ...] = Field(min_length=1)
    cities: tuple[City, ...] = ()
    hard_skills: tuple[Named, ...] = ()
    soft_skills: tuple[Named, ...] = ()
    entry_paths: tuple[Named, ...] = ()
    education: tuple[Named, ...] = ()
    certifications: tuple[Certification, ...] = ()
    ladder: tuple[LadderStage, ...] = ()
    time_to_entry: tuple[Duration, ...] = ()
    remote_work: Text | None = None
    tips: tuple[Named, ...] = ()
    industries: tuple[Industry, ...] = ()
    industry_uses: Names = ()
    market_facts: tuple[MarketFact, ...] = ()
    faq: tuple[FaqEntry, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _require_unique("roles", self.roles)
        _require_unique("cities", self.cities)
        slugs = {role.slug for role in self.roles}
        for city in self.cities:
            if city.role not in slugs:
                raise ValueError(f"city {city.slug!r} names unknown role {city.role!r}")
        for stage in self.ladder:
            for rung in stage.roles:
                if rung.role is not None and rung.role not in slugs:
                    raise ValueError(f"ladder role {rung.title!r} names unknown role {rung.role!r}")
        return self


_SEPARATORS = re.compile(r"[\s\-_.,/]+")


def fold(name: str) -> str:
    """A name as it is matched: case, hyphens, underscores, dots and commas do not count."""
    return _SEPARATORS.sub(" ", name.casefold()).strip()


def _folded(item: Role | City) -> set[str]:
    """An item's names folded for matching; one item may repeat a name (slug equals title)."""
    return {fold(name) for name in item.names()}


def _require_unique(field: str, items: Sequence[Role | City]) -> None:
    """No two items may answer to the same name once case and punctuation are folded away."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        names = _folded(item)
        if seen.isdisjoint(names):
            seen |= names
            continue
        first = next(i for i, other in enumerate(items) if names & _folded(other))
        name = min(names & _folded(items[first]))
        raise ValueError(
            f"{field}[{index}] ({item.slug}) answers to {name!r}, "
            f"as {field}[{first}] ({items[first].slug}) does"
        )


def catalogue_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) that a catalogue file must satisfy."""
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Catalogue.model_json_schema(),
    }
    return schema
