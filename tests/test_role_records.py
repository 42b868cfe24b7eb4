"""A role's JSON record is built from the models' field dicts (for speed): it must be exactly
what pydantic's own dump gives, reshaped, and hold nothing but plain JSON values."""

from __future__ import annotations

from pydantic import BaseModel

from mlcareers import models as catalogue_models
from mlcareers.models import Catalogue, Occupation, Role, SkillGroup
from mlcareers.views.common import role_data


def dumped(role: Role) -> dict[str, object]:
    """The record as model_dump gives it: the reference the fast build must equal."""
    data = role.model_dump()
    data["skills"] = [req if isinstance(req, str) else req.group for req in role.skills]
    data["skill_groups"] = [req.model_dump() for req in role.skills if isinstance(req, SkillGroup)]
    data["soc"] = {"codes": data["soc"], "derived": True, "method": role.soc_basis or ""}
    del data["soc_basis"]
    return data


def plain(value: object) -> bool:
    """Whether a tree holds only what every writer takes: no model anywhere inside."""
    if isinstance(value, dict):
        return all(type(key) is str and plain(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return all(plain(item) for item in value)
    return value is None or type(value) in (str, int, float, bool)


def test_every_packaged_role_gives_the_dumped_record(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        record = role_data(role)
        assert record == dumped(role)
        assert list(record) == list(dumped(role))  # the same keys in the same order
        assert plain(record), role.slug


def test_a_role_with_every_field_set_gives_the_dumped_record(catalogue: Catalogue) -> None:
    role = catalogue.roles[0].model_copy(
        update={
            "skills": (
                "Python",
                SkillGroup(group="Cloud platform", any_of=("AWS", "Azure"), or_similar=True),
                SkillGroup(group="Language", any_of=("R", "SQL"), examples_word="e.g."),
            ),
            "soc": (Occupation(code="15-2051", title="Data Scientists"),),
            "soc_basis": "A judgement.",
            "skills_note": "A note.",
            "areas_note": "A note.",
            "pay_note": "A note.",
            "growth": "Growing.",
        }
    )
    record = role_data(role)
    assert record == dumped(role)
    assert list(record) == list(dumped(role))
    assert plain(record)
    assert record["skill_groups"] == [
        {
            "group": "Cloud platform",
            "any_of": ("AWS", "Azure"),
            "or_similar": True,
            "examples_word": None,
        },
        {"group": "Language", "any_of": ("R", "SQL"), "or_similar": False, "examples_word": "e.g."},
    ]


def test_no_role_field_is_a_model_the_record_does_not_unwrap() -> None:
    # role_data unwraps salary, hourly, skills and soc by hand: a new field holding a model
    # would reach the writers as a model, so it must be unwrapped there (and named here).
    models = [
        name
        for name, value in vars(catalogue_models).items()
        if isinstance(value, type) and issubclass(value, BaseModel)
    ]
    holding = {
        name
        for name, field in Role.model_fields.items()
        if any(model in repr(field.annotation) for model in models)
    }
    assert holding == {"salary", "hourly", "skills", "soc"}


def test_a_ranked_record_is_led_by_its_rank(catalogue: Catalogue) -> None:
    role = catalogue.roles[1]
    record = role_data(role, 7)
    assert next(iter(record)) == "rank"
    assert record == {"rank": 7, **dumped(role)}
