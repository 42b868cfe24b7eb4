"""The JSON store of mlcareers 2.0 (official.json), read once to migrate it into the database;
and `load_or_warning`, the 2.0 way of reading the store, kept over the database until every
command opens the database itself (database.open_store)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from mlcareers.files import FileError, read_bytes
from mlcareers.official.errors import StoreError
from mlcareers.official.models import Dataset, Store

MAX_STORE_BYTES = 256 * 1024**2
RESET_HINT = "run 'mlcareers official clear' to empty it, then import again"


class CorruptStoreError(StoreError):
    """The store's file is not a store we can read (corrupt, not a database, not a regular
    file): `official clear` may discard it, which it never does to a store that is merely busy."""


def load_legacy(path: Path) -> Store:
    """The 2.0 JSON store at `path`; StoreError naming it when it cannot be read.

    Opened first and checked after, as catalogues are: a FIFO or a device in its place is
    refused at once instead of blocking the command."""
    try:
        data = read_bytes(path, "store", MAX_STORE_BYTES)
    except FileError as error:
        if not os.path.lexists(path):
            return Store()
        raise _corrupt(path, str(error).removeprefix(f"{path}: ")) from None
    try:
        return Store.model_validate_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        detail = " ".join(str(first["msg"]).split())
        raise _corrupt(path, f"{where}: {detail}" if where else detail) from None


def load_or_warning(path: Path | None = None) -> tuple[Store, str | None]:
    """The store as 2.0 callers read it, or an empty one and the reason when it cannot be
    read: for commands such as `show`, whose other output must not depend on the store.

    Transitional: the Store holds each dataset's file and period only, and the open database
    behind it (lookup.figures and lookup.find_area query that)."""
    import sys  # noqa: PLC0415

    from mlcareers.clean import clean  # noqa: PLC0415
    from mlcareers.official.database import open_store  # noqa: PLC0415

    def notify(line: str) -> None:
        sys.stderr.write(f"mlcareers: {clean(line)}\n")

    try:
        database = open_store(path, notify=notify)
    except StoreError as error:
        return Store(), f"{error}; official figures are left out"
    if database is None:
        return Store(), None
    try:
        datasets = tuple(
            Dataset(
                file=info.file,
                period=info.period,
                imported_at=info.imported_at,
                annual_cap=info.annual_cap,
            )
            for info in database.datasets()
        )
    except StoreError as error:
        database.close()
        return Store(), f"{error}; official figures are left out"
    stored = Store(datasets=datasets)
    stored._database = database  # the transitional link, see above
    return stored, None


def _corrupt(path: Path, detail: str) -> CorruptStoreError:
    return CorruptStoreError(
        f"the official statistics store {path} is unreadable ({detail}); {RESET_HINT}"
    )
