"""The folding of names: the fast paths give exactly what the plain definition gives."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlcareers.names import first_clash, fold, fold_all, has_letter_or_digit

_SEPARATORS = re.compile(r"[\s\-_.,/]+")
_NOT_CF_IGNORABLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0}


def _ignorable(char: str) -> bool:
    point = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or point in _NOT_CF_IGNORABLE
        or 0x180B <= point <= 0x180F
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )


def reference(name: str) -> str:
    """The fold as the module's docstring defines it, written as plainly as possible."""
    visible = "".join(char for char in name if not _ignorable(char))
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    text = "".join(" " if unicodedata.category(char) == "Pd" else char for char in text)
    return _SEPARATORS.sub(" ", text).strip()


WHITESPACE = [chr(point) for point in range(0x3001) if chr(point).isspace()]
SEPARATORS = "-_.,/"
whitespace_strings = st.text(st.sampled_from([*WHITESPACE, *SEPARATORS]))
ascii_names = st.text(st.characters(max_codepoint=0x7F))
mixed_names = st.text(
    st.one_of(
        st.characters(max_codepoint=0x7F),
        st.sampled_from([*WHITESPACE, *SEPARATORS, "\u200b", "\u200d", "\ufeff", "\u00ad"]),
        st.characters(),
    )
)


@given(ascii_names)
def test_ascii_fast_path_is_the_definition(name: str) -> None:
    assert fold(name) == reference(name)


@given(mixed_names)
def test_fold_is_the_definition(name: str) -> None:
    assert fold(name) == reference(name)


@given(whitespace_strings)
def test_all_whitespace_and_separators_fold_to_nothing(name: str) -> None:
    assert fold(name) == reference(name) == ""


@given(st.lists(st.one_of(ascii_names, whitespace_strings, mixed_names)))
def test_fold_all_is_fold_of_each(names: list[str]) -> None:
    assert fold_all(names) == [fold(name) for name in names]


@given(st.lists(st.text(st.sampled_from("ab -_.\0\t")), max_size=8))
def test_fold_all_with_nul_and_untidy_spacing(names: list[str]) -> None:
    assert fold_all(names) == [fold(name) for name in names]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ＭＬＯｐｓ engineer", "MLOps engineer"),  # full-width letters
        ("MLOps engi\u200dneer", "MLOps engineer"),  # zero-width joiner
        ("ML\u200bOps engineer", "MLOps engineer"),  # zero-width space
        ("\ufeffMLOps\u2060 engineer", "MLOps engineer"),  # BOM, word joiner
        ("MLOps engi\u00adneer", "MLOps engineer"),  # soft hyphen
        ("\u202eMLOps engineer\u202c", "MLOps engineer"),  # bidi override
        ("MLOps\ufe0f engineer", "MLOps engineer"),  # variation selector
        ("MLOps engine\u0301r", "MLOps engin\u00e9r"),  # combining acute = precomposed
        ("ml\u2010ops", "ml-ops"),  # a Unicode hyphen is a separator
        ("Machine_learning.engineer", "machine learning engineer"),
        ("  ML / AI , engineer ", "ml ai engineer"),
        ("STRASSE", "straße"),  # case folding, not lower()
    ],
)
def test_look_alikes_collide(one: str, other: str) -> None:
    assert fold(one) == fold(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("MLOps engin\u00e9r", "MLOps engineer"),  # an accent a reader sees is kept
        ("C++ engineer", "C engineer"),
        ("\u0915\u093f", "\u0915"),  # a Devanagari vowel sign is part of the letter
    ],
)
def test_visible_differences_stay_apart(one: str, other: str) -> None:
    assert fold(one) != fold(other)


def test_first_clash_finds_none_when_repeats_are_within_one_item() -> None:
    assert first_clash([("mlops", "MLOps"), ("data-scientist", "Data scientist")]) is None
    assert first_clash([]) is None


def test_first_clash_names_both_items_and_the_name() -> None:
    lists = [("a", "alpha"), ("b", "beta"), ("c", "Beta ", "ALPHA")]
    assert first_clash(lists) == (2, 0, "alpha")


@given(st.lists(st.lists(st.sampled_from(["a", "A", "b", "c-d", "C d", "e\u200b"]), max_size=3)))
def test_first_clash_agrees_with_a_plain_walk(lists: list[list[str]]) -> None:
    expected = None
    seen: dict[str, int] = {}
    for index, names in enumerate(lists):
        keys = {fold(name) for name in names}
        shared = sorted((seen[key], key) for key in keys if key in seen)
        if shared:
            expected = (index, shared[0][0], shared[0][1])
            break
        for key in keys:
            seen[key] = index
    assert first_clash(lists) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        *[("C++", True), ("r", True), ("ＡＩ", True), ("Ωmega", True), ("٣", True)],
        *[("--", False), ("", False), ("\u200b", False), ("  ", False), ("\u0301", False)],
    ],
)
def test_has_letter_or_digit(name: str, expected: bool) -> None:
    assert has_letter_or_digit(name) is expected
