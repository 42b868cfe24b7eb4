"""The store of official figures: where it lives, what it answers (the query API the views
use), and the 2.0 look-ups kept over it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlcareers.official import paths
from mlcareers.official.database import Database, open_store
from mlcareers.official.models import Marked, area_code, area_kind, area_states

from .fixtures_official import (
    CIRS,
    DEV,
    DS,
    OLD_DEV,
    OLD_DS,
    full_rows,
    store_from,
    write_history,
    write_xlsx,
)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A store of May 2020, May 2023 and May 2024 (every fixture place)."""
    files = [*write_history(tmp_path), write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows())]
    opened = open_store(store_from(tmp_path / "home", *files))
    assert opened is not None
    with opened:
        yield opened


# ---------------------------------------------------------------- where it lives


def test_home_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path))
    assert paths.database_path() == tmp_path / "official.sqlite3"
    assert paths.legacy_path() == tmp_path / "official.json"
    assert paths.store_path() == tmp_path / "official.sqlite3"
    (tmp_path / "official.json").write_text("{}", encoding="utf-8")
    assert paths.store_path() == tmp_path / "official.json"  # a 2.0 store, not yet moved
    (tmp_path / "official.sqlite3").touch()
    assert paths.store_path() == tmp_path / "official.sqlite3"


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


def test_no_store_is_none_and_creates_nothing(tmp_path: Path) -> None:
    assert open_store(tmp_path / "home" / "official.sqlite3") is None
    assert not (tmp_path / "home").exists()


def test_opening_the_store_never_imports_sqlite3_when_there_is_none(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys; from pathlib import Path; "
        "from mlcareers.official.database import open_store; "
        f"assert open_store(Path({str(tmp_path / 'none.sqlite3')!r})) is None; "
        "print('sqlite3' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# ---------------------------------------------------------------- areas


@pytest.mark.parametrize(
    ("code", "area_type", "kind"),
    [
        ("99", 1, "nation"),
        ("99", None, "nation"),
        ("06", None, "state"),
        ("6", None, "state"),
        ("72", None, "territory"),
        ("72", 3, "territory"),
        ("12420", None, "metro"),
        ("0100001", None, "nonmetro"),
        ("100001", 6, "nonmetro"),
    ],
)
def test_area_kind_from_type_or_code(code: str, area_type: int | None, kind: str) -> None:
    assert area_kind(code, area_type) == kind


def test_area_code_as_bls_writes_it() -> None:
    assert [area_code(code, area_kind(code)) for code in ("6", "06", "99", "100001", "12420")] == [
        "06",
        "06",
        "99",
        "0100001",
        "12420",
    ]


@pytest.mark.parametrize(
    ("title", "kind", "state", "code", "states"),
    [
        ("Portland-Vancouver-Hillsboro, OR-WA", "metro", "OR", "38900", ("OR", "WA")),
        ("Boston-Cambridge-Nashua, MA-NH NECTA", "metro", None, "71650", ("MA", "NH")),
        ("Mayagüez, PR", "metro", "PR", "32420", ("PR",)),
        ("Texas", "state", None, "48", ("TX",)),
        ("Texas", "state", "TX", "48", ("TX",)),
        ("Guam", "territory", None, "66", ("GU",)),
        ("Alabama nonmetropolitan area", "nonmetro", None, "0100001", ("AL",)),
        ("U.S.", "nation", "US", "99", ()),
    ],
)
def test_area_states(
    title: str, kind: str, state: str | None, code: str, states: tuple[str, ...]
) -> None:
    assert area_states(kind, title, state, code) == states  # type: ignore[arg-type]


def test_every_area_once_with_its_latest_title_and_periods(database: Database) -> None:
    areas = {area.code: area for area in database.areas()}
    assert len(areas) == len(database.areas())
    assert areas["99"].periods == ("May 2024", "May 2023", "May 2020")
    assert areas["42660"].periods == ("May 2024", "May 2023", "May 2020")
    assert areas["41940"].periods == ("May 2024",)
    assert (areas["41940"].kind, areas["41940"].states) == ("metro", ("CA",))
    assert (areas["35620"].title, areas["35620"].states) == (
        "New York-Newark-Jersey City, NY-NJ",
        ("NY", "NJ"),
    )
    assert (areas["4800003"].kind, areas["4800003"].states) == ("nonmetro", ("TX",))
    assert (areas["72"].kind, areas["53"].kind, areas["99"].kind) == (
        "territory",
        "state",
        "nation",
    )
    assert areas["99"].national
    assert [area.kind for area in database.areas()][:1] == ["nation"]


def test_periods_newest_first_and_datasets_oldest_first(database: Database) -> None:
    assert database.periods() == ["May 2024", "May 2023", "May 2020"]
    datasets = database.datasets()
    assert [info.period for info in datasets] == ["May 2020", "May 2023", "May 2024"]
    latest = datasets[-1]
    assert (latest.file, latest.year, latest.annual_cap) == ("MSA_M2024_dl.xlsx", 2024, 239_200)
    assert latest.imported_at.tzinfo is not None
    assert (latest.areas, latest.occupations, latest.rows) == (12, 5, 23)


# ---------------------------------------------------------------- figures


def test_figures_national_by_default_each_code_in_order(database: Database) -> None:
    found = database.figures([DEV, DS, "11-1011"])
    assert [(f.area.code, f.occupation.code) for f in found] == [("99", DEV), ("99", DS)]
    (ds,) = database.figures([DS])
    assert (ds.dataset.period, ds.dataset.file, ds.figure.median) == (
        "May 2024",
        "MSA_M2024_dl.xlsx",
        112_590,
    )
    assert (ds.area.title, ds.area.national, ds.area.kind) == ("U.S.", True, "nation")
    assert ds.occupation.title == "Data Scientists"
    assert ds.figure.wage("median") == 112_590


def test_figures_in_an_area_by_any_spelling_of_its_code(database: Database) -> None:
    for code in ("12420", "012420"):
        (found,) = database.figures([DS], code)
        assert (found.area.title, found.figure.median) == (
            "Austin-Round Rock-San Marcos, TX",
            121_000,
        )
    (texas,) = database.figures([DS], "048")
    assert texas.area.code == "48"


def test_figures_of_a_period_or_the_latest_that_has_one(database: Database) -> None:
    (older,) = database.figures([DS], "42660", "May 2023")
    assert (older.dataset.period, older.figure.median) == ("May 2023", 142_000)
    assert database.figures([DS], "42660", "May 2020") == []  # coded 15-2098 then
    (old,) = database.figures([OLD_DS], "42660")
    assert old.dataset.period == "May 2020"  # the latest period that has the code
    (wa,) = database.figures([DS], "53")
    assert wa.dataset.period == "May 2024"


def test_marks_come_back_as_marks(database: Database) -> None:
    (found,) = database.figures([CIRS], "12420")
    assert found.figure.median == Marked(marker="*")
    assert found.figure.employment == Marked(marker="**")
    assert isinstance(found.figure.p10, Marked)
    (san_jose,) = database.figures([DEV], "41940")
    assert san_jose.figure.p90 == Marked(marker="#")
    assert san_jose.figure.location_quotient == 10.9


def test_ranked_is_every_area_of_one_period(database: Database) -> None:
    ranked = database.ranked(DS, "May 2024")
    assert len({found.area.code for found in ranked}) == len(ranked) == 12
    assert {found.dataset.period for found in ranked} == {"May 2024"}
    best = max(ranked, key=lambda found: found.figure.median)  # type: ignore[arg-type,return-value]
    assert (best.area.code, best.figure.median) == ("41940", 190_000)
    assert {found.area.code for found in database.ranked(DS, "May 2023")} == {
        "99",
        "12420",
        "42660",
        "53",
    }
    assert database.ranked(DS, "May 1999") == []


def test_history_is_every_period_oldest_first(database: Database) -> None:
    history = database.history([OLD_DS, DS], "42660")
    assert [(f.dataset.period, f.occupation.code, f.figure.median) for f in history] == [
        ("May 2020", OLD_DS, 120_000),
        ("May 2023", DS, 142_000),
        ("May 2024", DS, 150_000),
    ]
    national = database.history([DEV, OLD_DEV])
    assert [(f.dataset.year, f.occupation.code) for f in national] == [
        (2020, OLD_DEV),
        (2023, DEV),
        (2024, DEV),
    ]


def test_socs_by_area(database: Database) -> None:
    found = database.socs_by_area([DS, DEV])
    assert found["41940"] == {DS, DEV}
    assert found["38860"] == {DS}
    assert found["4800003"] == {DS}
    assert set(found) == {area.code for area in database.areas() if area.code in found}
    in_2023 = database.socs_by_area([DS, DEV], "May 2023")
    assert in_2023 == {"99": {DS, DEV}, "12420": {DS}, "42660": {DS}, "53": {DS}}
    assert database.socs_by_area([]) == {}


def test_an_empty_store_answers_nothing(tmp_path: Path) -> None:
    path = tmp_path / "official.sqlite3"
    path.touch()  # an empty file is an empty SQLite database
    database = open_store(path)
    assert database is not None
    with database:
        assert database.datasets() == []
        assert database.areas() == []
        assert database.periods() == []
        assert database.figures([DS]) == []
        assert database.ranked(DS, "May 2024") == []
