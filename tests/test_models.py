"""The catalogue models enforce the catalogue's rules."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import ValidationError

from mlcareers.catalogue import PACKAGED
from mlcareers.models import NAME_PATTERN, TEXT_PATTERN, Catalogue, Range, SalaryRange, fold


def _check(raw: dict[str, Any], change: Any) -> str:
    data = copy.deepcopy(raw)
    change(data)
    with pytest.raises(ValidationError) as caught:
        Catalogue.model_validate(data)
    return str(caught.value)


def test_packaged_catalogue_is_valid(raw: dict[str, Any]) -> None:
    assert len(Catalogue.model_validate(raw).roles) == 6


@pytest.mark.parametrize(
    ("low", "median", "high", "message"),
    [
        (3, 2, 4, "low must not exceed median"),
        (1, 5, 4, "median must not exceed high"),
    ],
)
def test_salary_must_be_ordered(low: int, median: int, high: int, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        SalaryRange(low=low, median=median, high=high)


def test_equal_figures_are_allowed() -> None:
    assert SalaryRange(low=5, median=5, high=5).median == 5
    assert Range(low=7, high=7).high == 7


def test_hourly_low_must_not_exceed_high() -> None:
    with pytest.raises(ValidationError, match="low must not exceed high"):
        Range(low=60, high=50)


@pytest.mark.parametrize("amount", [0, -1, 1.5, "100", True, None, 10**12])
def test_money_is_positive_whole_dollars(amount: object) -> None:
    with pytest.raises(ValidationError):
        Range.model_validate({"low": amount, "high": 200})


def test_unknown_keys_are_rejected(raw: dict[str, Any]) -> None:
    message = _check(raw, lambda data: data["roles"][0].update(bonus=1))
    assert "roles.0.bonus" in message
    assert "Extra inputs are not permitted" in message


def test_models_are_frozen(raw: dict[str, Any]) -> None:
    role = Catalogue.model_validate(raw).roles[0]
    with pytest.raises(ValidationError):
        role.title = "changed"  # type: ignore[misc]


def test_duplicate_slug_is_rejected(raw: dict[str, Any]) -> None:
    def clash(data: dict[str, Any]) -> None:
        data["roles"][1]["slug"] = data["roles"][0]["slug"]

    assert "roles[1] (mlops-engineer) answers to 'mlops engineer', as roles[0]" in _check(
        raw, clash
    )


def test_alias_clashing_with_another_roles_title_is_rejected(raw: dict[str, Any]) -> None:
    assert "roles[5] (ml-engineer) answers to 'ml engineer', as roles[1] (data-scientist)" in (
        _check(raw, lambda data: data["roles"][1]["aliases"].append("ML engineer"))
    )


def test_duplicate_city_alias_is_rejected(raw: dict[str, Any]) -> None:
    assert "cities[2] (seattle) answers to 'nyc', as cities[1] (new-york) does" in _check(
        raw, lambda data: data["cities"][2]["aliases"].append("NYC")
    )


def test_city_must_name_a_known_role(raw: dict[str, Any]) -> None:
    def orphan(data: dict[str, Any]) -> None:
        data["cities"][0]["role"] = "astronaut"

    assert "names unknown role 'astronaut'" in _check(raw, orphan)


def test_ladder_must_name_known_roles(raw: dict[str, Any]) -> None:
    def orphan(data: dict[str, Any]) -> None:
        data["ladder"][1]["roles"][0]["role"] = "astronaut"

    assert "names unknown role 'astronaut'" in _check(raw, orphan)


def test_a_catalogue_needs_a_role(raw: dict[str, Any]) -> None:
    assert "roles" in _check(raw, lambda data: data.update(roles=[]))


def test_slugs_are_lowercase_words_joined_by_hyphens(raw: dict[str, Any]) -> None:
    def bad(data: dict[str, Any]) -> None:
        data["roles"][0]["slug"] = "MLOps Engineer"

    assert "roles.0.slug" in _check(raw, bad)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("MLOps engineer", "mlops engineer"),
        ("machine-learning_operations.engineer", "machine learning operations engineer"),
        ("  Seattle,  WA ", "seattle wa"),
    ],
)
def test_fold_ignores_case_and_separators(name: str, folded: str) -> None:
    assert fold(name) == folded


LOOK_ALIKES = {
    "full-width": "ＭＬＯｐｓ engineer",
    "zero-width joiner": "MLOps\u200d engineer",
    "zero-width space": "ML\u200bOps engineer",
    "combining accent": "Data scienti\u0301st",  # against "Data scientíst" written precomposed
}


@pytest.mark.parametrize("case", list(LOOK_ALIKES))
def test_look_alike_names_clash(raw: dict[str, Any], case: str) -> None:
    def change(data: dict[str, Any]) -> None:
        if case == "combining accent":
            data["roles"][0]["title"] = "Data scientíst"
        data["roles"][2]["title"] = LOOK_ALIKES[case]

    assert "answers to" in _check(raw, change)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("---", "needs a letter or digit"),
        ("Pandas\nrow", "no control character"),
        ("tab\there", "no control character"),
        ("\u202eevil", "bidi override"),
    ],
)
def test_names_need_a_letter_and_no_control_characters(
    raw: dict[str, Any], value: str, message: str
) -> None:
    from mlcareers.catalogue import parse
    from mlcareers.errors import CatalogueError

    data = copy.deepcopy(raw)
    data["roles"][0]["aliases"] = [value]
    with pytest.raises(CatalogueError) as caught:
        parse(json.dumps(data).encode())
    assert message in " ".join(caught.value.problems)


EDGE_SPACES = [" ", "\u00a0", "\u1680", "\u2000", "\u200a", "\u202f", "\u205f", "\u3000"]


@pytest.mark.parametrize("space", EDGE_SPACES)
@pytest.mark.parametrize(
    ("field", "form"),
    [
        ("title", "{}MLOps"),
        ("title", "MLOps{}"),
        ("summary", "{}Runs models."),
        ("summary", "Runs models.{}"),
    ],
)
def test_a_space_at_either_end_is_refused_not_stripped(
    raw: dict[str, Any], space: str, field: str, form: str
) -> None:
    from mlcareers.catalogue import parse
    from mlcareers.errors import CatalogueError

    data = copy.deepcopy(raw)
    data["roles"][0][field] = form.format(space)
    with pytest.raises(CatalogueError) as caught:
        parse(json.dumps(data).encode())
    assert f"roles[0].{field}" in caught.value.problems[0]
    assert "start or end" in caught.value.problems[0]


@pytest.mark.parametrize(
    "value", ["a", "C++", "R", "x y", "A\u00a0B", "ML\u3000Ops", "++C", "é", "2"]
)
def test_spaces_inside_and_one_character_names_are_kept(raw: dict[str, Any], value: str) -> None:
    from mlcareers.catalogue import parse

    data = copy.deepcopy(raw)
    data["roles"][0]["aliases"] = [value]
    data["roles"][0]["summary"] = value
    role = parse(json.dumps(data).encode()).roles[0]
    assert role.aliases == (value,)
    assert role.summary == value


@pytest.mark.parametrize(
    "value", ["a", " a", "a ", "C++", "x y", "---", " ", "", "\u3000x", "x\u00a0", "\ufeffx"]
)
def test_python_and_pydantic_read_the_name_and_text_patterns_alike(value: str) -> None:
    # The patterns are checked by pydantic (Rust) and published in the JSON Schema: the
    # standard library's engine must agree on every edge.
    import re

    from pydantic import TypeAdapter

    from mlcareers.models import Name, Text

    for kind, pattern in ((Name, NAME_PATTERN), (Text, TEXT_PATTERN)):
        try:
            TypeAdapter(kind).validate_python(value)
            rust = True
        except ValidationError:
            rust = False
        assert rust == bool(value and re.search(pattern, value)), (kind, value)


def test_a_citys_identity_includes_its_state(raw: dict[str, Any]) -> None:
    from mlcareers.catalogue import find_city
    from mlcareers.errors import UsageError

    data = copy.deepcopy(raw)
    data["cities"] = [
        {"slug": f"portland-{st.lower()}", "name": "Portland", "region": st, "salary": PAY}
        for st in ("OR", "ME")
    ]
    catalogue = Catalogue.model_validate(data)
    assert find_city(catalogue, "Portland, ME").slug == "portland-me"
    with pytest.raises(UsageError, match="Portland, OR or Portland, ME"):
        find_city(catalogue, "portland")


PAY = {"low": 1, "high": 2}


def test_ladder_stages_run_upwards(raw: dict[str, Any]) -> None:
    message = _check(raw, lambda data: data["ladder"].reverse())
    assert "ladder stages must run entry, mid, senior" in message


@pytest.mark.parametrize("value", [10**30, -(10**30), 1.5, True])
def test_market_figures_are_bounded_whole_numbers(raw: dict[str, Any], value: object) -> None:
    _check(raw, lambda data: data["market_facts"][0].update(value=value))


def test_duplicate_keys_are_refused_with_their_path() -> None:
    from mlcareers.catalogue import load, parse
    from mlcareers.errors import CatalogueError

    text = PACKAGED.read_text(encoding="utf-8").replace(
        '"slug": "mlops-engineer",', '"slug": "mlops-engineer", "slug": "evil",'
    )
    with pytest.raises(CatalogueError) as caught:
        parse(text.encode())
    assert caught.value.problems == ("roles[0].slug: the key is given more than once",)
    assert load().roles[0].slug == "mlops-engineer"


@pytest.mark.parametrize("escaped", [False, True])
def test_a_word_mixing_latin_and_cyrillic_is_refused(raw: dict[str, Any], escaped: bool) -> None:
    from mlcareers.catalogue import parse
    from mlcareers.errors import CatalogueError

    data = copy.deepcopy(raw)
    data["roles"][2]["title"] = "ML\u041eps engineer"  # a Cyrillic capital O
    text = json.dumps(data, ensure_ascii=escaped)  # escaped: plain ASCII bytes with \\u041e
    with pytest.raises(CatalogueError) as caught:
        parse(text.encode())
    assert "mixes Latin, Greek or Cyrillic letters in 'ML\u041eps'" in " ".join(
        caught.value.problems
    )
    data["roles"][2]["title"] = "\u0418\u043d\u0436\u0435\u043d\u0435\u0440 ML"  # one script a word
    assert parse(json.dumps(data).encode()).roles[2].title.startswith("\u0418")
