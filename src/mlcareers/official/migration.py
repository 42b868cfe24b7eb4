"""The JSON store of mlcareers 2.0, moved into the database on first use."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mlcareers.official import leftovers, paths
from mlcareers.official.errors import StoreError
from mlcareers.official.models import (
    FIGURE_VALUES,
    Marked,
    area_code,
    area_kind,
    area_states,
    code_key,
)

if TYPE_CHECKING:
    import sqlite3

    from mlcareers.official.models import AreaKind, Figure, Store
from mlcareers.official.database import _open
from mlcareers.official.schema import (
    VALUES_SQL,
    Notify,
)


def migrate(legacy: Path, path: Path, notify: Notify | None) -> None:
    """Move a 2.0 JSON store into a new database at `path`, in one step: the database appears
    whole or not at all; the JSON is kept, renamed, beside it."""
    from mlcareers.official.store import load_legacy  # noqa: PLC0415

    store = load_legacy(legacy)
    # A migration killed halfway left its database of the store's size: this one is about to
    # write another, so the dead one goes first.
    leftovers.sweep_store_folder(path, notify)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=leftovers.owned(leftovers.STORE_PREFIX), suffix=".sqlite3.tmp", dir=path.parent
        )
        os.close(handle)
    except OSError as error:
        raise StoreError(
            f"cannot migrate the official statistics store {legacy} to {path} "
            f"({error.strerror or error})"
        ) from None
    scratch = Path(temporary)
    try:
        with _open(scratch, create=True) as database, database.changing() as db:
            _write_store(db, store)
        try:
            os.link(scratch, path)  # fails if another process migrated first: keep theirs
        except FileExistsError:
            return
        except OSError:
            if os.path.lexists(path):
                return
            os.replace(scratch, path)
    except OSError as error:
        raise StoreError(
            f"cannot migrate the official statistics store {legacy} to {path} "
            f"({error.strerror or error})"
        ) from None
    finally:
        scratch.unlink(missing_ok=True)
    kept = legacy.with_name(legacy.name + paths.MIGRATED_SUFFIX)
    with contextlib.suppress(OSError):
        os.replace(legacy, kept)
    count = len(store.datasets)
    if notify is not None:
        notify(
            f"moved the official statistics store {legacy} into {path.name} ({count} imported "
            f"file{'' if count == 1 else 's'}); the old file is kept as {kept.name}"
        )


def _write_store(db: sqlite3.Connection, store: Store) -> None:
    """Every dataset of a 2.0 store into the database, as an import would have stored it."""
    for dataset in store.datasets:
        cursor = db.execute(
            "INSERT INTO datasets (file, archive, source, period, year, imported_at,"
            " annual_cap, hourly_cap, rows) VALUES (?, NULL, 'oews', ?, ?, ?, ?, NULL, ?)",
            (
                dataset.file,
                dataset.period,
                dataset.year,
                dataset.imported_at.astimezone(dt.UTC).isoformat(),
                dataset.annual_cap,
                len(dataset.figures),
            ),
        )
        ident = int(cursor.lastrowid or 0)
        for area in dataset.areas:
            kind: AreaKind = area_kind(area.code, area.type)
            db.execute(
                "INSERT OR REPLACE INTO areas VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code_key(area.code),
                    ident,
                    area_code(area.code, kind),
                    area.title,
                    kind,
                    area.type,
                    area.state,
                    " ".join(area_states(kind, area.title, area.state, area.code)),
                ),
            )
        db.executemany(
            "INSERT OR REPLACE INTO occupations VALUES (?, ?, ?)",
            [(ident, occupation.code, occupation.title) for occupation in dataset.occupations],
        )
        db.executemany(
            f"INSERT OR REPLACE INTO figures (area, soc, dataset, {VALUES_SQL})"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" VALUES ({', '.join('?' * (len(FIGURE_VALUES) + 3))})",
            [(code_key(f.area), f.soc, ident, *_values(f)) for f in dataset.figures],
        )


def _values(figure: Figure) -> list[object]:
    return [
        value.marker if isinstance(value, Marked) else value
        for value in (getattr(figure, name) for name in FIGURE_VALUES)
    ]
