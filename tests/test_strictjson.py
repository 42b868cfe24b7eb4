"""The strict JSON loader: what json.loads gives, except that a key given twice is an error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlcareers.strictjson import DuplicateKeyError, JsonError, loads

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(),
    st.floats(allow_nan=False, allow_infinity=False),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner), st.dictionaries(st.text(), inner)),
    max_leaves=30,
)


@given(documents)
def test_gives_what_the_standard_library_gives(document: object) -> None:
    text = json.dumps(document, ensure_ascii=False)
    assert loads(text.encode()) == json.loads(text)
    assert loads(text) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"a": 1, "a": 2}', "a"),
        ('{"roles": [{"slug": "x"}, {"slug": "y", "slug": "z"}]}', "roles[1].slug"),
        ('{"roles": [{"salary": {"low": 1, "median": 2, "median": 3}}]}', "roles[0].salary.median"),
        ('[[{"ok": 1}], [{"k": 1, "k": 1}]]', "[1][0].k"),
        ('{"a b": {"c": 1, "c": 1}}', '["a b"].c'),
        ('{"x": {"d": 1, "d": 1}, "x": 2}', "x"),  # the outer object is read first
    ],
)
def test_a_duplicate_key_is_named_by_its_path(text: str, path: str) -> None:
    with pytest.raises(DuplicateKeyError) as raised:
        loads(text.encode())
    assert raised.value.path == path
    assert str(raised.value) == f"{path}: the key is given more than once"


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b'{"a": 1} x', b"\xff{}", b'{"a": "\xff"}', b"[NaN]", b"[Infinity]", b"{'a': 1}"],
)
def test_what_is_not_json_is_refused_with_where(data: bytes) -> None:
    with pytest.raises(JsonError, match=r"line \d+ column \d+") as raised:
        loads(data)
    assert not isinstance(raised.value, DuplicateKeyError)


def test_the_same_key_in_two_objects_is_fine() -> None:
    assert loads(b'[{"a": 1}, {"a": 2}]') == [{"a": 1}, {"a": 2}]
