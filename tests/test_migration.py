"""Stores of older schemas, as mlcareers wrote them: schema 1 by 3.0 (tests/data/store_v1.sql),
schema 2 by 4.1 (store_v2.sql); each read as it is and upgraded to this schema by the first
change, in that change's transaction."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.official.database import SCHEMA_VERSION, open_for_writing, open_store

from .fixtures_official import DS, official_cli, row, store_from, write_csv
from .fixtures_projections import ep_rows, write_projections

V1_DUMP = Path(__file__).parent / "data" / "store_v1.sql"
V2_DUMP = Path(__file__).parent / "data" / "store_v2.sql"


def home_of(dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MLCAREERS_HOME holding the store `dump` made."""
    path = tmp_path / "home"
    path.mkdir()
    with sqlite3.connect(path / "official.sqlite3") as db:
        db.executescript(dump.read_text(encoding="utf-8"))
    db.close()
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MLCAREERS_HOME holding the schema 1 store."""
    return home_of(V1_DUMP, tmp_path, monkeypatch)


@pytest.fixture
def home_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MLCAREERS_HOME holding the schema 2 store."""
    return home_of(V2_DUMP, tmp_path, monkeypatch)


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(official_cli(), ["official", *args])  # type: ignore[arg-type]


def version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        found = int(db.execute("PRAGMA user_version").fetchone()[0])
    db.close()
    return found


def shape(path: Path) -> dict[str, object]:
    """Every table's columns (name, type, not null, default, key) and every index's columns,
    with each table's indexes as SQLite lists them (unique or not, and made by what: a
    UNIQUE constraint makes one that the names above leave out)."""
    with sqlite3.connect(path) as db:
        names = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found: dict[str, object] = {}
        for name in names:
            columns = db.execute(f"PRAGMA table_info({name})").fetchall()
            found[name] = columns or db.execute(f"PRAGMA index_info({name})").fetchall()
            if columns:
                found[f"{name} indexes"] = sorted(
                    (
                        unique,
                        origin,
                        [info[2] for info in db.execute(f"PRAGMA index_info({index})")],
                    )
                    for _, index, unique, origin, _ in db.execute(f"PRAGMA index_list({name})")
                )
    db.close()
    return found


def test_the_dumps_are_of_schemas_1_and_2() -> None:
    assert "PRAGMA user_version = 1;" in V1_DUMP.read_text(encoding="utf-8")
    assert "PRAGMA user_version = 2;" in V2_DUMP.read_text(encoding="utf-8")
    assert SCHEMA_VERSION == 3


def test_a_schema_1_store_is_read_as_it_is(home: Path) -> None:
    path = home / "official.sqlite3"
    before = path.read_bytes()
    database = open_store(path)
    assert database is not None
    with database:
        assert database.version == 1
        infos = database.datasets()
        assert [(info.id, info.source, info.target_year) for info in infos] == [
            (1, "oews", None),
            (2, "oews", None),
            (3, "oews", None),
        ]
        assert database.periods() == ["May 2024", "May 2023", "May 2020"]
        assert database.projections([DS]) == []
        (found,) = database.figures([DS])
        assert found.figure.median == 112_590
    assert path.read_bytes() == before  # reading never writes


def test_the_first_import_upgrades_it_in_its_transaction(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    path = home / "official.sqlite3"
    result = run(runner, "import", str(write_projections(tmp_path / "occupation.xlsx")))
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert f"upgraded the official statistics store {path} from schema 1 to 3" in line
    assert "(room for BLS employment projections; files of one name kept apart" in line
    assert version(path) == 3
    listed = json.loads(run(runner, "list", "--json").stdout)["files"]
    # every file kept, with its id; the new one after the sequence, never a removed one's id
    with sqlite3.connect(path) as db:
        ids = db.execute("SELECT id, file, source FROM datasets ORDER BY id").fetchall()
        sequence = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'datasets'").fetchone()
    db.close()
    assert ids == [
        (1, "MSA_M2020_dl.xlsx", "oews"),
        (2, "MSA_M2023_dl.xlsx", "oews"),
        (3, "MSA_M2024_dl.xlsx", "oews"),
        (5, "occupation.xlsx", "ep"),
    ]
    assert sequence == (5,)
    assert [entry["period"] for entry in listed] == ["May 2020", "May 2023", "May 2024", "2024–34"]
    database = open_store(path)
    assert database is not None
    with database:
        assert database.figures([DS])[0].figure.median == 112_590
        assert database.projections([DS])[0].projection.base_employment == 245_900
    assert run(runner, "list").stderr == ""  # said once


def test_the_upgraded_schema_is_the_schema_of_a_new_store(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    workbook = write_projections(tmp_path / "occupation.xlsx")
    assert run(runner, "import", str(workbook)).exit_code == 0
    fresh = store_from(tmp_path / "fresh", workbook)
    assert shape(home / "official.sqlite3") == shape(fresh)


def test_a_failed_import_leaves_the_schema_1_store_as_it_was(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    path = home / "official.sqlite3"
    before = path.read_bytes()
    rows = ep_rows()
    rows[5][8] = "n/a"
    result = run(runner, "import", str(write_projections(tmp_path / "occupation.xlsx", rows)))
    assert result.exit_code == 1
    assert "upgraded" not in result.stderr
    assert path.read_bytes() == before
    assert version(path) == 1


def test_removing_a_file_upgrades_it_too(home: Path) -> None:
    path = home / "official.sqlite3"
    told: list[str] = []
    with open_for_writing(path) as database:
        database.remove([1], notify=told.append)
        assert database.version == 3
        assert [info.id for info in database.datasets()] == [2, 3]
    assert len(told) == 1
    assert version(path) == 3


# ---------------------------------------------------------------- schema 2 (4.1)


def test_a_schema_2_store_is_read_as_it_is(home_2: Path) -> None:
    path = home_2 / "official.sqlite3"
    before = path.read_bytes()
    database = open_store(path)
    assert database is not None
    with database:
        assert database.version == 2
        assert [(info.id, info.file, info.source) for info in database.datasets()] == [
            (4, "MARPP_MSA_2021_2023.csv", "rpp"),
            (1, "MSA_M2023_dl.xlsx", "oews"),
            (2, "oews.csv", "oews"),
            (3, "occupation.xlsx", "ep"),
        ]
        (found,) = database.figures([DS])
        assert (found.dataset.file, found.figure.median) == ("oews.csv", 112_590)
        assert database.projections([DS])[0].projection.base_employment == 245_900
    assert path.read_bytes() == before  # reading never writes


def test_the_first_import_upgrades_a_schema_2_store_in_its_transaction(
    runner: CliRunner, tmp_path: Path, home_2: Path
) -> None:
    path = home_2 / "official.sqlite3"
    metro = write_csv(tmp_path / "metro.csv", [row("12420", DS, mean=1)])
    result = run(runner, "import", str(metro), "--period", "May 2024")
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert f"upgraded the official statistics store {path} from schema 2 to 3 (files of" in line
    assert version(path) == 3
    with sqlite3.connect(path) as db:
        ids = db.execute("SELECT id, file, source FROM datasets ORDER BY id").fetchall()
        sequence = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'datasets'").fetchone()
    db.close()
    # every file kept, with its id; the new one after the sequence, never a removed one's id
    assert ids == [
        (1, "MSA_M2023_dl.xlsx", "oews"),
        (2, "oews.csv", "oews"),
        (3, "occupation.xlsx", "ep"),
        (4, "MARPP_MSA_2021_2023.csv", "rpp"),
        (6, "metro.csv", "oews"),
    ]
    assert sequence == (6,)
    database = open_store(path)
    assert database is not None
    with database:
        assert database.figures([DS])[0].figure.median == 112_590
        assert database.figures([DS], "12420")[0].figure.mean == 1
        assert database.parities(["12420"])["12420"][2023][0] == 103.1
    assert run(runner, "list").stderr == ""  # said once


def test_the_schema_2_store_upgraded_is_the_schema_of_a_new_store(
    runner: CliRunner, tmp_path: Path, home_2: Path
) -> None:
    workbook = write_projections(tmp_path / "occupation.xlsx")
    assert run(runner, "import", str(workbook)).exit_code == 0
    fresh = store_from(tmp_path / "fresh", workbook)
    assert shape(home_2 / "official.sqlite3") == shape(fresh)
    with sqlite3.connect(home_2 / "official.sqlite3") as db:  # no UNIQUE (file, period) left
        db.execute(
            "INSERT INTO datasets (file, source, period, year, imported_at, rows)"
            " VALUES ('oews.csv', 'oews', 'May 2024', 2024, '2026-01-01T00:00:00+00:00', 1)"
        )
        db.rollback()
    db.close()


def test_a_failed_import_leaves_the_schema_2_store_as_it_was(
    runner: CliRunner, tmp_path: Path, home_2: Path
) -> None:
    path = home_2 / "official.sqlite3"
    before = path.read_bytes()
    rows = ep_rows()
    rows[5][8] = "n/a"
    result = run(runner, "import", str(write_projections(tmp_path / "occupation.xlsx", rows)))
    assert result.exit_code == 1
    assert "upgraded" not in result.stderr
    assert path.read_bytes() == before
    assert version(path) == 2
