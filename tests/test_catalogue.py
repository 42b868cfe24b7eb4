"""Loading catalogues, every way a file can be wrong, and finding roles and cities."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mlcareers import catalogue as catalogues
from mlcareers.catalogue import find_city, find_role, load
from mlcareers.errors import CatalogueError, NotFoundError
from mlcareers.models import Catalogue, SkillGroup

Variant = Callable[[Callable[[dict[str, Any]], object]], Path]


def _error(path: Path | str) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        load(path)
    return caught.value


def test_loads_the_packaged_catalogue_by_default() -> None:
    assert [role.slug for role in load().roles][:2] == ["mlops-engineer", "data-scientist"]


def test_loads_a_users_file(variant: Variant) -> None:
    path = variant(lambda data: data["roles"][0].update(title="Model operator"))
    assert load(path).roles[0].title == "Model operator"


def test_missing_file(tmp_path: Path) -> None:
    assert str(_error(tmp_path / "nope.json")).endswith("nope.json: no such file")


def test_file_name_with_a_nul_byte() -> None:
    assert str(_error("bad\x00name")) == "'bad\\x00name' is not a usable file name"


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in str(_error(tmp_path))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_device_is_refused_without_reading_it() -> None:
    assert "not a regular file" in str(_error("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in str(_error(fifo))


@pytest.mark.parametrize("content", [b"", b"  \n\t "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    assert "is empty" in str(_error(path))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"source": "caf\xe9"}'.encode("latin-1"))
    assert "is not UTF-8 text (invalid byte at offset 15)" in str(_error(path))


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("roles: many", encoding="utf-8")
    assert "is not valid JSON (expected value at line 1 column 1)" in str(_error(path))


def test_deeply_nested_json_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert "recursion limit exceeded" in str(_error(path))


def test_byte_order_mark_is_accepted(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(raw).encode())
    assert len(load(path).roles) == 6


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogues, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (1024 * 1024 + 1))
    assert "is larger than 1 MiB, the most a catalogue may be" in str(_error(path))


def test_wrong_shape_names_each_problem_without_urls_or_input(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('{"source": "secret-input", "extra": 1}', encoding="utf-8")
    error = _error(path)
    assert str(error).endswith("is not a valid catalogue (3 problems)")
    assert error.problems == (
        "source: Input should be an object",
        "roles: Field required",
        "extra: Extra inputs are not permitted",
    )
    assert "secret-input" not in " ".join(error.problems)
    assert "http" not in " ".join(error.problems)


def test_rule_breaks_are_located(variant: Variant) -> None:
    def break_rules(data: dict[str, Any]) -> None:
        data["roles"][2]["salary"]["low"] = 999_999
        data["roles"][3]["hourly"]["high"] = -5

    error = _error(variant(break_rules))
    assert error.problems == (
        "roles[2].salary: low must not exceed median",
        "roles[3].hourly.high: Input should be greater than 0",
    )


GROUP_RULES = [
    (
        {"group": "Cloud platform", "any_of": ["AWS"]},
        "roles[0].skills[3]: a group of alternatives needs at least two members; one example "
        "of a kind needs examples_word",
    ),
    (
        {"group": "Language", "any_of": ["R"], "examples_word": "e.g.", "or_similar": True},
        "roles[0].skills[3]: or_similar is for alternatives: examples already stand for others "
        "of their kind",
    ),
    (
        {"group": "Language", "any_of": ["R", "Go"], "examples_word": "like"},
        "roles[0].skills[3].examples_word: Input should be 'e.g.'",
    ),
]


@pytest.mark.parametrize(("group", "problem"), GROUP_RULES)
def test_a_groups_own_rules_are_one_problem_each(
    variant: Variant, group: dict[str, Any], problem: str
) -> None:
    error = _error(variant(lambda data: data["roles"][0]["skills"].__setitem__(3, group)))
    assert error.problems == (problem,)


def test_one_example_of_a_kind_is_a_group(variant: Variant) -> None:
    group = {"group": "Big data tool", "any_of": ["Apache Spark"], "examples_word": "e.g."}
    loaded = load(variant(lambda data: data["roles"][0]["skills"].__setitem__(3, group)))
    assert loaded.roles[0].skills[3] == SkillGroup(**group)


def test_problem_list_is_capped(tmp_path: Path) -> None:
    role = {"slug": "x"}
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"roles": [role] * 30}), encoding="utf-8")
    error = _error(path)
    assert len(error.problems) == catalogues.MAX_PROBLEMS + 1
    assert error.problems[-1].startswith("... and ")


@pytest.mark.parametrize(
    "name",
    [
        "mlops",
        "MLOps engineer",
        "mlops-engineer",
        "machine-learning-operations-engineer",
        "Machine Learning Operations Engineer",
    ],
)
def test_find_role_by_any_name(catalogue: Catalogue, name: str) -> None:
    assert find_role(catalogue, name).slug == "mlops-engineer"


@pytest.mark.parametrize(
    ("alias", "slug"),
    [
        ("ds", "data-scientist"),
        ("cv", "computer-vision-engineer"),
        ("nlp", "nlp-engineer"),
        ("ai", "ai-engineer"),
        ("mle", "ml-engineer"),
    ],
)
def test_issue_aliases(catalogue: Catalogue, alias: str, slug: str) -> None:
    assert find_role(catalogue, alias).slug == slug


def test_unknown_role_suggests_close_names(catalogue: Catalogue) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_role(catalogue, "mlop")
    assert caught.value.suggestions[0] == "mlops-engineer"
    assert caught.value.exit_code == 2
    assert "did you mean mlops-engineer" in str(caught.value)


@pytest.mark.parametrize(
    "name", ["seattle", "Seattle", "Seattle, WA", "SEATTLE WA", "seattle-wa", "sea"]
)
def test_find_city_in_usual_forms(catalogue: Catalogue, name: str) -> None:
    assert find_city(catalogue, name).slug == "seattle"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("nyc", "new-york"), ("New York", "new-york"), ("santa clara", "santa-clara")],
)
def test_find_other_cities(catalogue: Catalogue, name: str, slug: str) -> None:
    assert find_city(catalogue, name).slug == slug


def test_unknown_city_suggests(catalogue: Catalogue) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_city(catalogue, "seatle")
    assert caught.value.suggestions == ("seattle",)


def test_a_catalogue_s_name_index_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Naming many roles looks each up in one index: building it (folding every spelling)
    happens once per catalogue, not once per name."""
    from mlcareers import catalogue as module
    from mlcareers.names import fold_all

    folds: list[int] = []

    def counted(names: list[str]) -> list[str]:
        folds.append(len(names))
        return fold_all(names)

    monkeypatch.setattr(module, "fold_all", counted)
    packaged = module.parse(module.PACKAGED.read_bytes())
    for _ in range(50):
        for role in packaged.roles:
            assert module.find_role(packaged, role.title) is role
    assert len(folds) == 1


def test_did_you_mean_among_many_names_looks_at_near_ones_only() -> None:
    """Beyond SCAN_ALL names, a mistyped name is compared only with names of a near length
    sharing its first two letters or last three; the suggestion is still the close one, and
    a name like none still gets none."""
    from mlcareers.catalogue import SCAN_ALL, closest

    choices = {f"role number {n}": f"role-{n}" for n in range(SCAN_ALL * 2)}
    choices["machine learning engineer"] = "ml-engineer"
    assert closest("machine lerning engineer", choices)[0] == "ml-engineer"
    assert closest("machine learning engine", choices)[0] == "ml-engineer"  # a prefix
    assert closest("zzzz", choices) == ()


FOUNDATION_RULES = [
    (
        lambda data: data["foundations"][0].update(area="Juggling"),
        "foundations[0] (Python) sits under 'Juggling', which is no hard or soft skill of the "
        "catalogue",
    ),
    (
        lambda data: data["foundations"][2].update(skill="Statistics"),
        "foundations[5] (Statistics) answers to 'statistics', as foundations[2] (Statistics) does",
    ),
    (
        lambda data: data["known_skills"].append({"name": "Stats"}),
        "foundations[5] (Statistics) answers to 'stats', as known skill 'Stats' does: declare it "
        "once",
    ),
    (
        lambda data: data["foundations"][0].update(line=0),
        "foundations[0].line: Input should be greater than or equal to 1",
    ),
    (
        lambda data: data["foundations"][1]["skill"].update(any_of=["R"]),
        "foundations[1].skill: a group of alternatives needs at least two members; one example "
        "of a kind needs examples_word",
    ),
]


@pytest.mark.parametrize(("mutate", "problem"), FOUNDATION_RULES)
def test_foundations_keep_the_catalogues_rules(
    variant: Variant, mutate: Callable[[dict[str, Any]], object], problem: str
) -> None:
    assert _error(variant(mutate)).problems == (problem,)
