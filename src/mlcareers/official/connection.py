"""An open store (its reads are StoreQueries') and one write transaction at a time: waiting
for another import, rolled back on any error or Ctrl-C, upgrading an older schema inside it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from mlcareers.interrupts import held, interruption
from mlcareers.official.errors import StoreError
from mlcareers.official.queries import StoreQueries
from mlcareers.official.schema import (
    _BUSY,
    _INTERRUPT,
    _LOCKED,
    LOCK_SLICE_MS,
    LOCK_VARIABLE,
    PROGRESS_STEPS,
    SCHEMA,
    SCHEMA_VERSION,
    UPGRADES,
    Notify,
    _code,
    _store_error,
    lock_timeout,
)
from mlcareers.official.schema import statements as _statements

if TYPE_CHECKING:
    import sqlite3

    from mlcareers.official.importing import Import


class Database(StoreQueries):
    """An open store: what it holds and an occupation's figures (StoreQueries), and changes
    to it, one transaction at a time."""

    @contextlib.contextmanager
    def changing(self, notify: Notify | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on leaving, rolled back on any error or Ctrl-C.

        Waits for another import holding the store (saying so once through `notify`), up to
        lock_timeout() seconds; StoreError after. A full disk is a StoreError too, and the
        store is left as it was. A store of an older schema is upgraded in the same
        transaction (and `notify` told once it is committed)."""
        import sqlite3  # noqa: PLC0415

        self.check_writable()
        db, path = self._db, self.path
        self._begin(notify)
        db.set_progress_handler(_no_op, PROGRESS_STEPS)  # lets Ctrl-C stop a long statement
        committed = False
        upgraded = 0
        try:
            upgraded = self._schema()
            yield db
            with held():  # so that `changes` says whether the store changed
                db.execute("COMMIT")
                committed = True
                self.changes += 1
        except BaseException as error:
            if committed:
                raise
            if upgraded:
                self.version = upgraded  # rolled back with the rest
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                if _code(error) == _INTERRUPT:  # Ctrl-C or SIGTERM, in the progress handler
                    raise interruption() from None
                raise _store_error(path, error) from None
            raise
        finally:
            # A second signal may have closed the connection while the first was handled.
            with contextlib.suppress(sqlite3.ProgrammingError):
                db.set_progress_handler(None, 0)
            self._datasets = None
        self.version = max(self.version, SCHEMA_VERSION)
        if upgraded and notify is not None:
            brought = "; ".join(UPGRADES[v] for v in range(upgraded + 1, SCHEMA_VERSION + 1))
            notify(
                f"upgraded the official statistics store {path} from schema {upgraded} to "
                f"{SCHEMA_VERSION} ({brought})"
            )

    def _begin(self, notify: Notify | None) -> None:
        """BEGIN IMMEDIATE, waiting for another mlcareers that holds the store (see changing)."""
        import sqlite3  # noqa: PLC0415

        db, path = self._db, self.path
        timeout = lock_timeout()
        deadline = time.monotonic() + timeout
        told = False
        db.execute(f"PRAGMA busy_timeout = {LOCK_SLICE_MS}")
        while True:
            try:
                db.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as error:
                if _code(error) not in (_BUSY, _LOCKED):
                    raise _store_error(path, error) from None
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the official statistics store {path} is still being changed by "
                        f"another mlcareers after {timeout:g} s; try again when it has finished "
                        f"({LOCK_VARIABLE} sets how long to wait)"
                    ) from None
                if not told and notify is not None:
                    notify(
                        f"the official statistics store {path} is being changed by another "
                        f"mlcareers (an import?): waiting for it, up to {timeout:g} s"
                    )
                    told = True
        remaining = max(deadline - time.monotonic(), LOCK_SLICE_MS / 1000)
        db.execute(f"PRAGMA busy_timeout = {int(remaining * 1000)}")

    def _schema(self) -> int:
        """The schema made (a new store) or upgraded (an older one), under the lock; the
        version it was upgraded from, or 0."""
        db = self._db
        # Read again under the lock: another import may have made the schema while this
        # one waited, and making it twice fails ("table datasets already exists").
        self.version = int(db.execute("PRAGMA user_version").fetchone()[0])
        self.check_writable()
        if self.empty:
            for statement in _statements(SCHEMA):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return 0
        if self.version >= SCHEMA_VERSION:
            return 0
        from mlcareers.official.upgrade import upgrade  # noqa: PLC0415 -- once a store

        before = self.version
        upgrade(db, before)
        self.version = SCHEMA_VERSION
        return before

    def remove(self, datasets: Collection[int], notify: Notify | None = None) -> None:
        """Drop the datasets with these ids, in one transaction."""
        with self.changing(notify) as db:
            _delete(db, list(datasets))

    def clear(self, notify: Notify | None = None) -> int:
        """Drop every dataset, in one transaction; returns how many there were."""
        count = len(self.datasets())
        with self.changing(notify) as db:
            for table in ("figures", "projections", "areas", "occupations", "datasets"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 -- our own table names
        with contextlib.suppress(Exception):  # give the space back; another reader may hold it
            self._db.execute("VACUUM")
        return count

    def begin_import(self) -> Import:
        """An import: files staged one by one, then stored at once (see Import)."""
        from mlcareers.official.importing import Import  # noqa: PLC0415 -- imports only

        self.check_writable()
        return Import(self)


def _no_op() -> int:
    return 0


def _delete(db: sqlite3.Connection, ids: list[int]) -> None:
    for dataset in ids:
        # Every figure's occupation is listed with its dataset: the index finds them all.
        db.execute(
            "DELETE FROM figures WHERE soc IN (SELECT code FROM occupations WHERE dataset = ?)"
            " AND dataset = ?",
            (dataset, dataset),
        )
        db.execute("DELETE FROM projections WHERE dataset = ?", (dataset,))
        db.execute("DELETE FROM parities WHERE dataset = ?", (dataset,))
        db.execute("DELETE FROM areas WHERE dataset = ?", (dataset,))
        db.execute("DELETE FROM occupations WHERE dataset = ?", (dataset,))
        db.execute("DELETE FROM datasets WHERE id = ?", (dataset,))
