"""A store of schema 1, as mlcareers 3.0 wrote it (tests/data/store_v1.sql), read as it is and
upgraded to schema 2 by the first change, in that change's transaction."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.official.database import SCHEMA_VERSION, open_for_writing, open_store

from .fixtures_official import DS, official_cli, store_from
from .fixtures_projections import ep_rows, write_projections

V1_DUMP = Path(__file__).parent / "data" / "store_v1.sql"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MLCAREERS_HOME holding the schema 1 store."""
    path = tmp_path / "home"
    path.mkdir()
    with sqlite3.connect(path / "official.sqlite3") as db:
        db.executescript(V1_DUMP.read_text(encoding="utf-8"))
    db.close()
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(official_cli(), ["official", *args])  # type: ignore[arg-type]


def version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        found = int(db.execute("PRAGMA user_version").fetchone()[0])
    db.close()
    return found


def shape(path: Path) -> dict[str, object]:
    """Every table's columns (name, type, not null, default, key) and every index's columns."""
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
    db.close()
    return found


def test_the_dump_is_of_schema_1() -> None:
    assert "PRAGMA user_version = 1;" in V1_DUMP.read_text(encoding="utf-8")
    assert SCHEMA_VERSION == 2


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
    assert f"upgraded the official statistics store {path} from schema 1 to 2" in line
    assert version(path) == 2
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
        assert database.version == 2
        assert [info.id for info in database.datasets()] == [2, 3]
    assert len(told) == 1
    assert version(path) == 2
