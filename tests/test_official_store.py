"""The store of official figures: where it lives, atomic writes, corrupt files, lookups."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from mlcareers.errors import NotFoundError
from mlcareers.official import lookup, oews, paths, store
from mlcareers.official.errors import AreaError, StoreError
from mlcareers.official.models import Store

from .fixtures_official import CODES, DEV, DS, write_xlsx


@pytest.fixture
def imported(tmp_path: Path) -> Store:
    dataset, _ = oews.read_file(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"), CODES)
    return Store(datasets=(dataset,))


def test_home_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path))
    assert paths.store_path() == tmp_path / "official.json"


@pytest.mark.parametrize(
    ("platform", "variables", "expected"),
    [
        ("linux", {"XDG_DATA_HOME": "/data"}, Path("/data/mlcareers")),
        ("linux", {"XDG_DATA_HOME": "relative"}, Path.home() / ".local/share/mlcareers"),
        ("linux", {}, Path.home() / ".local/share/mlcareers"),
        ("darwin", {}, Path.home() / "Library/Application Support/mlcareers"),
        ("win32", {"LOCALAPPDATA": "/appdata"}, Path("/appdata/mlcareers")),
    ],
)
def test_platform_data_home(
    monkeypatch: pytest.MonkeyPatch, platform: str, variables: dict[str, str], expected: Path
) -> None:
    for name in ("MLCAREERS_HOME", "XDG_DATA_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert paths.data_home() == expected


def test_round_trip_through_the_models(tmp_path: Path, imported: Store) -> None:
    path = store.save(imported, tmp_path / "home" / "official.json")
    assert store.load(path) == imported


def test_missing_store_is_empty(tmp_path: Path) -> None:
    assert store.load(tmp_path / "official.json") == Store()


def test_failed_write_leaves_the_previous_store(
    tmp_path: Path, imported: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save(Store(), tmp_path / "home" / "official.json")
    before = path.read_bytes()

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save(imported, path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["official.json"]  # no temporary left


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"version": 1, "datasets": [{"file": 3}]}', b'{"version": 7}', b"\xff\xfe"],
)
def test_corrupt_store_says_which_file_and_how_to_reset(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "official.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        store.load(path)
    message = str(caught.value)
    assert str(path) in message
    assert "mlcareers official clear" in message
    assert "\n" not in message


def test_clear_empties_even_a_corrupt_store(tmp_path: Path) -> None:
    path = tmp_path / "official.json"
    path.write_text("{corrupt", encoding="utf-8")
    store.clear(path)
    assert not path.exists()
    assert store.clear(path) == 0


def test_importing_a_file_again_replaces_it(imported: Store) -> None:
    (dataset,) = imported.datasets
    again = dataset.model_copy(update={"imported_at": dataset.imported_at + dt.timedelta(days=1)})
    merged = store.merge(imported, (again,))
    assert merged.datasets == (again,)


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    "name", ["austin", "AUSTIN", "Austin-Round Rock", "austin round rock san marcos tx", "12420"]
)
def test_area_by_code_name_or_prefix(imported: Store, name: str) -> None:
    assert lookup.find_area(imported, name).code == "12420"


@pytest.mark.parametrize(
    ("name", "code"), [("tacoma", "42660"), ("Seattle", "42660"), ("us", "99"), ("texas", "48")]
)
def test_area_by_a_place_in_its_title(imported: Store, name: str, code: str) -> None:
    assert lookup.find_area(imported, name).code == code


def test_ambiguous_area_lists_the_candidates(imported: Store) -> None:
    with pytest.raises(AreaError) as caught:
        lookup.find_area(imported, "portland")
    assert "Portland-Vancouver-Hillsboro" in str(caught.value)
    assert "Portland-South Portland" in str(caught.value)
    assert caught.value.exit_code == 2


def test_unknown_area_suggests(imported: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        lookup.find_area(imported, "Austen-Round Rock-San Marcos, TX")
    assert caught.value.suggestions == ("Austin-Round Rock-San Marcos, TX",)


def test_empty_store_says_how_to_import() -> None:
    with pytest.raises(AreaError, match="official import"):
        lookup.find_area(Store(), "austin")


def test_figures_national_and_in_an_area(imported: Store) -> None:
    national = lookup.figures(imported, [DS, DEV])
    assert [(f.area.code, f.occupation.code) for f in national] == [("99", DS), ("99", DEV)]
    austin = lookup.find_area(imported, "austin")
    found = lookup.figures(imported, [DS, "11-1011"], austin)
    assert [(f.area.title, f.figure.median) for f in found] == [
        ("Austin-Round Rock-San Marcos, TX", 121_000)
    ]


def test_latest_period_wins(imported: Store) -> None:
    (dataset,) = imported.datasets
    older = dataset.model_copy(
        update={
            "file": "MSA_M2023_dl.xlsx",
            "period": "May 2023",
            "imported_at": dataset.imported_at + dt.timedelta(days=1),
        }
    )
    both = Store(datasets=(dataset, older))
    (found,) = lookup.figures(both, [DS])
    assert found.dataset.period == "May 2024"
