"""One way to name a place: every spelling of one place resolves to it, once."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mlcareers.catalogue import load
from mlcareers.errors import NotFoundError, UsageError
from mlcareers.official.places import PlaceIndex, fold, state_code


class Area(NamedTuple):
    code: str
    title: str
    kind: str
    states: tuple[str, ...]


AREAS = (
    Area("99", "U.S.", "nation", ("US",)),
    Area("48", "Texas", "state", ("TX",)),
    Area("53", "Washington", "state", ("WA",)),
    Area("36", "New York", "state", ("NY",)),
    Area("12420", "Austin-Round Rock-San Marcos, TX", "metro", ("TX",)),
    Area("42660", "Seattle-Tacoma-Bellevue, WA", "metro", ("WA",)),
    Area("35620", "New York-Newark-Jersey City, NY-NJ", "metro", ("NY", "NJ")),
    Area("41940", "San Jose-Sunnyvale-Santa Clara, CA", "metro", ("CA",)),
    Area("38900", "Portland-Vancouver-Hillsboro, OR-WA", "metro", ("OR", "WA")),
    Area("38860", "Portland-South Portland, ME", "metro", ("ME",)),
    Area("32420", "Mayagüez, PR", "metro", ("PR",)),
    Area("72", "Puerto Rico", "territory", ("PR",)),
    Area("4800003", "Border Region of Texas nonmetropolitan area", "nonmetro", ("TX",)),
)


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(load().cities, AREAS)


@pytest.mark.parametrize(
    "name",
    [
        "12420",
        "0012420",
        "Austin-Round Rock-San Marcos, TX",
        "austin-round rock",
        "AUSTIN round rock san marcos",
        "austin",
        "Austin, TX",
        "austin tx",
    ],
)
def test_every_name_of_austin_is_austin(index: PlaceIndex, name: str) -> None:
    place = index.resolve(name)
    assert place.code == "12420"
    assert place.area is not None
    assert place.city is None


@pytest.mark.parametrize(
    "name", ["seattle", "Seattle, WA", "42660", "Seattle-Tacoma-Bellevue, WA", "sea", "SEATTLE"]
)
def test_the_article_city_is_its_metro(index: PlaceIndex, name: str) -> None:
    place = index.resolve(name)
    assert place.code == "42660"
    assert place.city is not None
    assert place.city.slug == "seattle"
    assert place.area is not None


@pytest.mark.parametrize("name", ["new york", "New York, NY", "nyc", "35620", "new york-newark"])
def test_new_york_is_the_city_and_its_metro_not_the_state(index: PlaceIndex, name: str) -> None:
    place = index.resolve(name)
    assert place.code == "35620"
    assert place.city is not None
    assert place.city.slug == "new-york"


def test_santa_clara_lies_in_san_jose(index: PlaceIndex) -> None:
    for name in ("santa clara", "san jose", "41940", "Santa Clara, CA"):
        place = index.resolve(name)
        assert place.code == "41940"
        assert place.city is not None
        assert place.city.slug == "santa-clara"


@pytest.mark.parametrize(
    ("name", "code"),
    [("texas", "48"), ("TX", "48"), ("ny", "36"), ("PR", "72"), ("puerto rico", "72")],
)
def test_states_by_name_or_postal_code(index: PlaceIndex, name: str, code: str) -> None:
    assert index.resolve(name).code == code


@pytest.mark.parametrize("name", ["us", "United States", "national", "U.S.A."])
def test_the_nation(index: PlaceIndex, name: str) -> None:
    assert index.resolve(name).code == "99"


@pytest.mark.parametrize("name", ["mayaguez", "Mayagüez", "MAYAGUEZ, PR", "32420"])
def test_accents_do_not_count(index: PlaceIndex, name: str) -> None:
    assert index.resolve(name).code == "32420"


def test_an_ambiguous_name_lists_the_candidates_with_codes(index: PlaceIndex) -> None:
    with pytest.raises(UsageError) as caught:
        index.resolve("portland")
    message = str(caught.value)
    assert "Portland-Vancouver-Hillsboro, OR-WA (38900)" in message
    assert "Portland-South Portland, ME (38860)" in message
    assert not isinstance(caught.value, NotFoundError)


@pytest.mark.parametrize(("name", "code"), [("tacoma", "42660"), ("bellevue", "42660")])
def test_any_principal_city_of_a_metro(index: PlaceIndex, name: str, code: str) -> None:
    assert index.resolve(name).code == code


def test_city_and_state_pick_one_of_an_ambiguous_pair(index: PlaceIndex) -> None:
    assert index.resolve("Portland, ME").code == "38860"
    assert index.resolve("portland, or").code == "38900"
    assert index.resolve("Portland, OR-WA").code == "38900"


def test_an_unknown_name_gets_close_names(index: PlaceIndex) -> None:
    with pytest.raises(NotFoundError) as caught:
        index.resolve("seatle")
    assert "seattle" in caught.value.suggestions
    with pytest.raises(NotFoundError) as caught:
        index.resolve("austn")
    assert "austin" in caught.value.suggestions


def test_an_area_code_that_does_not_exist(index: PlaceIndex) -> None:
    with pytest.raises(NotFoundError):
        index.resolve("99999")


def test_without_a_store_the_article_cities_still_resolve_by_metro() -> None:
    index = PlaceIndex(load().cities, ())
    place = index.resolve("42660")
    assert place.city is not None
    assert place.city.slug == "seattle"
    assert place.area is None
    assert place.title == "Seattle-Tacoma-Bellevue, WA"
    with pytest.raises(NotFoundError):
        index.resolve("austin")


def test_empty_name_is_refused(index: PlaceIndex) -> None:
    with pytest.raises(UsageError):
        index.resolve("  ")


def test_fold_drops_accents_and_punctuation() -> None:
    assert fold("Mayagüez, PR") == "mayaguez pr"
    assert fold("Austin-Round Rock") == "austin round rock"


@pytest.mark.parametrize(("text", "code"), [("tx", "TX"), ("Texas", "TX"), ("new york", "NY")])
def test_state_code(text: str, code: str) -> None:
    assert state_code(text) == code


def test_state_code_refuses_a_non_state() -> None:
    with pytest.raises(UsageError, match="not a US state"):
        state_code("Atlantis")
