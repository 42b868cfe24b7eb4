"""The store of official figures: one SQLite database in the user's data directory.

Each import is one transaction: readers see the store as it was or as it is after, never
half. A file replaces what is stored of the same identity (importing.Staged.identity): for
an OEWS file, its period and the kinds of places it holds, whatever its name. The schema's
version is the database's user_version; a store written by a newer mlcareers is read if it
can be, never written. The JSON store of 2.0 is migrated on first use, and kept beside it,
renamed.

sqlite3 is imported only when a store is opened: commands that need no official figure never
come here, and those that do pay nothing for it when no store exists. Nothing here prints:
what a person should hear (a migration, a wait for a lock) goes to the `notify` callback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mlcareers.files import FileAccessError, FileError, open_regular
from mlcareers.official import paths
from mlcareers.official.errors import StoreError, access_refused
from mlcareers.official.lookup import Found
from mlcareers.official.models import (
    AreaInfo,
    DatasetInfo,
)

if TYPE_CHECKING:
    import sqlite3


__all__ = [
    "SCHEMA_VERSION",
    "AreaInfo",
    "Database",
    "DatasetInfo",
    "Found",
    "Import",
    "Notify",
    "Staged",
    "discard",
    "open_for_writing",
    "open_store",
]

from mlcareers.official.connection import Database
from mlcareers.official.importing import Import, Staged
from mlcareers.official.schema import (
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    Notify,
    _corrupt,
    _store_error,
    lock_timeout,
)

# ---------------------------------------------------------------- opening


def open_store(path: Path | None = None, *, notify: Notify | None = None) -> Database | None:
    """The store at `path` (the user's by default) opened for reading; None when there is
    none (neither the database nor a 2.0 JSON store to migrate, which is migrated here).

    StoreError when it cannot be read: a corrupt file, or not a database at all."""
    path = path or paths.database_path()
    if not _exists(path):
        legacy = paths.legacy_path(path)
        if not _exists(legacy):
            return None
        from mlcareers.official.migration import migrate  # noqa: PLC0415 -- once, ever

        migrate(legacy, path, notify)
    return _open(path, create=False)


def _exists(path: Path) -> bool:
    """Whether something is at `path`; StoreError when that cannot be known (a folder on the
    way that cannot be read), so that an unreadable store is never taken for no store."""
    try:
        return paths.present(path)
    except NotADirectoryError as error:
        raise StoreError(
            f"the official statistics store {path} cannot be read ({error.strerror or error}); "
            "set MLCAREERS_HOME to a folder (or unset it)"
        ) from None
    except OSError as error:
        raise StoreError(
            f"the official statistics store {path} cannot be read "
            f"({error.strerror or error}); check the permissions of its folder"
        ) from None
    except ValueError:  # a NUL byte in MLCAREERS_HOME
        raise StoreError(
            f"{str(path)!r} is not a usable store path; check MLCAREERS_HOME"
        ) from None


def open_for_writing(path: Path | None = None, *, notify: Notify | None = None) -> Database:
    """The store at `path` opened to be changed, created when there is none (a 2.0 JSON store
    is migrated first); what interrupted runs left beside it is removed (see leftovers).
    StoreError when it cannot be read, or was written by a newer mlcareers (it is never
    written then)."""
    path = path or paths.database_path()
    if not _exists(path) and _exists(paths.legacy_path(path)):
        from mlcareers.official.migration import migrate  # noqa: PLC0415 -- once, ever

        migrate(paths.legacy_path(path), path, notify)
    database = _open(path, create=True)
    try:
        database.check_writable()
        from mlcareers.official import leftovers  # noqa: PLC0415 -- writers only
        from mlcareers.official.download_cache import FOLDER  # noqa: PLC0415

        # Beside the store, a killed zip import's spreadsheets whatever this run imports, and
        # a killed download's unfinished file: never a live run's (see leftovers.py).
        leftovers.sweep_all(path, path.parent / FOLDER, notify)
    except BaseException:
        database.close()
        raise
    return database


def _open(path: Path, *, create: bool) -> Database:
    import sqlite3  # noqa: PLC0415 -- only when a store is opened: see the module's docstring

    if os.path.lexists(path):
        _check_file(path)
    elif create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the official statistics store {path} ({error.strerror or error})"
            ) from None
    # An import that fails on the first file leaves an empty store behind: removing it could
    # lose a second import that opened the same new file meanwhile.
    mode = "rwc" if create else "rw"
    try:
        connection = _connect(path, mode)
    except sqlite3.Error as error:
        raise _store_error(path, error) from None
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:  # a newer mlcareers wrote it: read it, never write it
            connection.close()
            connection = _connect(path, "ro")
        elif version == 0:
            tables = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
            if tables:
                raise _corrupt(path, "it is a database, but not an mlcareers store")
        if 0 < version <= SCHEMA_VERSION:
            # The schema and the list of datasets, read once now: a damaged file is said
            # here, where commands that can go on without the store expect it.
            connection.execute("SELECT count(*) FROM datasets").fetchone()
    except BaseException as error:
        connection.close()
        if isinstance(error, sqlite3.Error):
            raise _store_error(path, error) from None
        raise
    return Database(path, connection, version)


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    import sqlite3  # noqa: PLC0415

    uri = f"{path.absolute().as_uri()}?mode={mode}"
    connection = sqlite3.connect(
        uri, uri=True, timeout=lock_timeout(), isolation_level=None, check_same_thread=True
    )
    _configure(connection)
    return connection


def _configure(connection: sqlite3.Connection) -> None:
    """The connection's settings: page caches large enough for an import's transaction."""
    connection.execute("PRAGMA cache_size = -32768")
    connection.execute("PRAGMA temp.cache_size = -32768")


def _check_file(path: Path) -> None:
    """Refuse, before SQLite opens it, what would hang it (a FIFO) or what is no database."""
    if path.is_dir():  # clear cannot help there: say what can
        raise StoreError(
            f"the official statistics store {path} is a directory, not a store file; move it "
            "away or remove it by hand, then import again"
        )
    try:
        descriptor = open_regular(path, "store", 1 << 62)
    except FileAccessError as error:
        raise access_refused(path, str(error).removeprefix(f"{path}: cannot read it ")) from None
    except FileError as error:
        raise _corrupt(path, str(error).removeprefix(f"{path}: ")) from None
    try:
        head = os.read(descriptor, len(SQLITE_MAGIC))
    except OSError as error:
        raise access_refused(path, f"({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if head and head != SQLITE_MAGIC:
        raise _corrupt(path, "not an SQLite database")


def discard(path: Path) -> None:
    """Remove a store that cannot be read, with SQLite's journal beside it."""
    for file in (path, *(path.with_name(path.name + end) for end in ("-journal", "-wal", "-shm"))):
        try:
            file.unlink(missing_ok=True)
        except IsADirectoryError:
            raise StoreError(f"{file} is a directory, not a store; remove it by hand") from None
        except OSError as error:
            raise StoreError(
                f"cannot remove the official statistics store {file} ({error.strerror or error})"
            ) from None
