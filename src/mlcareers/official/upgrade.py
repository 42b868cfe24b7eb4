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


def upgrade(db: sqlite3.Connection, version: int) -> None:
    """Migrate the store from schema `version` to SCHEMA_VERSION in the caller's transaction:
    on any error it is rolled back with the rest, and the store stays as it was."""
    if version < 2:
        _to_2(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _to_2(db: sqlite3.Connection) -> None:
    """Schema 2: datasets may be BLS Employment Projections ('ep'), with a target year, or
    BEA's price parities ('rpp'), and their figures are in tables of their own. SQLite
    cannot change a CHECK constraint in place: the datasets table is built again beside the
    old one, filled, and renamed (SQLite's documented way), keeping every id and the sequence
    past the last (ids are never reused)."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'datasets'").fetchone()
    sequence = int(row[0]) if row else 0
    for statement in statements(datasets_table("datasets_2")):
        db.execute(statement)
    db.execute(
        f"INSERT INTO datasets_2 ({_V1_COLUMNS}) SELECT {_V1_COLUMNS} FROM datasets"  # noqa: S608 -- our own column names
    )
    db.execute("DROP TABLE datasets")
    db.execute("ALTER TABLE datasets_2 RENAME TO datasets")
    db.execute("CREATE INDEX datasets_by_period ON datasets (period)")
    top = db.execute("SELECT coalesce(max(id), 0) FROM datasets").fetchone()[0]
    db.execute("DELETE FROM sqlite_sequence WHERE name IN ('datasets', 'datasets_2')")
    if max(sequence, top):
        db.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('datasets', ?)", (max(sequence, top),)
        )
    for statement in statements(PROJECTIONS + PARITIES):
        db.execute(statement)
