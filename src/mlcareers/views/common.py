"""What several views share: a role and a requirement as JSON, the source line, derived-figure
labels, lists grouped by kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from mlcareers.cities import absence
from mlcareers.models import SkillGroup
from mlcareers.pay import ANNUALISED_METHOD, annualise
from mlcareers.report import Column, Value, money_range

if TYPE_CHECKING:
    from mlcareers.cities import CityFigure
    from mlcareers.models import Catalogue, Requirement, Role, Source

NOT_STATED = "Not stated by the source"


def role_data(role: Role, rank: int | None = None) -> dict[str, object]:
    """A role as JSON, led by its `rank` when given: every field of the catalogue's role, in
    its order; `skills` holds names only (a group by its name), `skill_groups` spells each
    group out, and `soc` is the occupations with the judgement behind them.

    Built from the frozen models' own field dicts, not model_dump: a full answer of 100,000
    roles spent a second in model_dump and walking its result (tests check it gives the same).
    """
    data = {**role.__dict__} if rank is None else {"rank": rank, **role.__dict__}
    data["salary"] = {**role.salary.__dict__}
    data["hourly"] = {**role.hourly.__dict__}
    # A requirement is a str or a SkillGroup: the exact type is tested, because isinstance
    # against a pydantic model goes through its metaclass (a second of 100,000 roles).
    skills = role.skills
    data["skills"] = [
        requirement if type(requirement) is str else requirement.group  # type: ignore[union-attr]
        for requirement in skills
    ]
    data["skill_groups"] = [
        {**requirement.__dict__} for requirement in skills if type(requirement) is SkillGroup
    ]
    codes = tuple([{**occupation.__dict__} for occupation in role.soc])
    data["soc"] = {"codes": codes, "derived": True, "method": role.soc_basis or ""}
    del data["soc_basis"]
    return data


def role_ref(role: Role | None) -> dict[str, str] | None:
    """A reference to a role: its slug and title, as everywhere in the JSON; None for none."""
    return None if role is None else {"slug": role.slug, "title": role.title}


def annualised_range(role: Role) -> tuple[int, int]:
    """The role's freelance range as annual pay, low and high."""
    return annualise(role.hourly.low), annualise(role.hourly.high)


def annualised_data(role: Role) -> dict[str, object]:
    """The freelance range if billed all year, in JSON: a derived figure, labelled as one."""
    low, high = annualised_range(role)
    return {"low": low, "high": high, "derived": True, "method": ANNUALISED_METHOD}


def derived(value: object, method: str) -> dict[str, object]:
    """A derived figure in JSON: its value, marked derived, with how it was made."""
    return {"value": value, "derived": True, "method": method}


GIVEN_METHOD = "as given"
"""The method of a figure the user gave: it is not derived, and its keys keep their types."""


def given_figure(value: object) -> dict[str, object]:
    """A figure the user gave, in the shape of a derived one: derived false, method 'as given'."""
    return {"value": value, "derived": False, "method": GIVEN_METHOD}


def source_line(source: Source) -> str:
    """The source, what its figures are for, and when the catalogue was compiled."""
    dated = f"published {source.published}" if source.published else "article undated"
    return (
        f"Source: {source.publisher}, {source.title!r}. Figures for {source.year}; {dated}; "
        f"catalogue compiled {source.as_of}."
    )


def source_note(catalogue: Catalogue) -> str:
    """One line naming where the figures come from."""
    return source_line(catalogue.source)


class OfficialBlock(NamedTuple):
    """The official-statistics part of `show`, made by views.official when a store exists."""

    fields: list[tuple[str, str, Value]]
    data: dict[str, object]
    notes: tuple[str, ...]


def figure_sentence(figure: CityFigure) -> str:
    """What the source gives for a city, in one sentence: its one range and whose pay it is."""
    pay = money_range(figure.city.salary.low, figure.city.salary.high)
    place = f"{figure.city.name}, {figure.city.region}"
    if figure.role is None:
        return (
            f"{place}: the source gives one range, {pay} a year, for ML pay in general; it "
            "names no role."
        )
    return f"{place}: the source gives one range, {figure.scope}: {pay} a year."


def city_data(figure: CityFigure) -> dict[str, object]:
    """A city and the source's figure for it, in JSON."""
    city = figure.city
    return {
        "city": {"slug": city.slug, "name": city.name, "region": city.region},
        "city_figure": {
            "low": city.salary.low,
            "high": city.salary.high,
            "role": role_ref(figure.role),
            "scope": figure.scope,
        },
    }


def city_figure_data(figure: CityFigure, role: Role) -> dict[str, object]:
    """One role beside a city's figure, in JSON: `city_pay` only when the figure is its own."""
    own = figure.is_for(role)
    pay = figure.city.salary
    return {
        **city_data(figure),
        "city_pay": {"low": pay.low, "high": pay.high} if own else None,
        "city_pay_note": absence(figure, role),
    }


def requirement_data(requirement: Requirement) -> dict[str, object]:
    """A requirement in JSON: `skill` (a group by its name), `kind`, and a group's members."""
    group = requirement if isinstance(requirement, SkillGroup) else None
    return {
        "skill": requirement if group is None else group.group,
        "kind": "skill" if group is None else "group",
        "any_of": [] if group is None else list(group.any_of),
        "or_similar": group is not None and group.or_similar,
        "examples_word": None if group is None else group.examples_word,
    }


class Entries:
    """Rows for the table (grouped by kind) and records for the machine formats, built once."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Value]] = []
        self.records: list[object] = []

    def add(
        self,
        kind: str,
        label_: str,
        name: str,
        detail: str = "",
        examples: tuple[str, ...] = (),
        **extra: object,
    ) -> None:
        self.rows.append({"kind": label_, "name": name, "detail": detail, "examples": examples})
        self.records.append(
            {"kind": kind, "name": name, "detail": detail, "examples": list(examples), **extra}
        )


def kind_columns(examples: str) -> tuple[Column, ...]:
    """Columns of a list grouped by kind: drawn as a tree, one branch per kind."""
    return (
        Column("kind", "Kind"),
        Column("name", "Name"),
        Column("detail", "Detail", priority=1),
        Column("examples", examples, "list", priority=2),
    )
