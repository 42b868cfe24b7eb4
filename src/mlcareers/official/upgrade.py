"""A store of an older schema brought up to this one, inside the first transaction that
changes it: reading never writes, so a store of schema 1 is read as it is until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlcareers.official.schema import (
    PARITIES,
    PROJECTIONS,
    SCHEMA_VERSION,
    datasets_table,
    statements,
)

if TYPE_CHECKING:
    import sqlite3

_V1_COLUMNS = "id, file, archive, source, period, year, imported_at, annual_cap, hourly_cap, rows"
_V2_COLUMNS = f"{_V1_COLUMNS}, target_year"


def upgrade(db: sqlite3.Connection, version: int) -> None:
    """Migrate the store from schema `version` to SCHEMA_VERSION in the caller's transaction:
    on any error it is rolled back with the rest, and the store stays as it was."""
    if version < 2:
        _to_2(db)  # builds the datasets table as it is now: schema 3's too
    elif version < 3:
        _rebuild_datasets(db, _V2_COLUMNS)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _to_2(db: sqlite3.Connection) -> None:
    """Schema 2: datasets may be BLS Employment Projections ('ep'), with a target year, or
    BEA's price parities ('rpp'), and their figures are in tables of their own."""
    _rebuild_datasets(db, _V1_COLUMNS)
    for statement in statements(PROJECTIONS + PARITIES):
        db.execute(statement)


def _rebuild_datasets(db: sqlite3.Connection, columns: str) -> None:
    """The datasets table made as it is now, from the old one's `columns`. SQLite cannot change
    a constraint in place (schema 2 widened a CHECK; schema 3 dropped UNIQUE (file, period),
    since two files of one name may hold different places of one period): the table is built
    again beside the old one, filled, and renamed (SQLite's documented way), keeping every id
    and the sequence past the last (ids are never reused)."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'datasets'").fetchone()
    sequence = int(row[0]) if row else 0
    for statement in statements(datasets_table("datasets_new")):
        db.execute(statement)
    db.execute(
        f"INSERT INTO datasets_new ({columns}) SELECT {columns} FROM datasets"  # noqa: S608 -- our own column names
    )
    db.execute("DROP TABLE datasets")
    db.execute("ALTER TABLE datasets_new RENAME TO datasets")
    db.execute("CREATE INDEX datasets_by_period ON datasets (period)")
    top = db.execute("SELECT coalesce(max(id), 0) FROM datasets").fetchone()[0]
    db.execute("DELETE FROM sqlite_sequence WHERE name IN ('datasets', 'datasets_new')")
    if max(sequence, top):
        db.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('datasets', ?)", (max(sequence, top),)
        )
