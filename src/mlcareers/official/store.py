"""The JSON store of mlcareers 2.0 (official.json), read once to migrate it into the database,
and the error of a store that cannot be read at all."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from mlcareers.files import FileAccessError, FileError, FileTooLargeError, read_bytes
from mlcareers.official.errors import CorruptStoreError, StoreError, access_refused
from mlcareers.official.models import Store

MAX_STORE_BYTES = 1024**3
"""2.0 refused to read a store over 256 MiB but went on writing one (issue 19, item 4): a
store it broke that way is read here, once, to be migrated; only a larger one is refused."""
RESET_HINT = "run 'mlcareers official clear' to empty it, then import again"


def load_legacy(path: Path) -> Store:
    """The 2.0 JSON store at `path`; StoreError naming it when it cannot be read.

    Opened first and checked after, as catalogues are: a FIFO or a device in its place is
    refused at once instead of blocking the command."""
    try:
        data = read_bytes(path, "store", MAX_STORE_BYTES)
    except FileError as error:
        if not os.path.lexists(path):
            return Store()
        if isinstance(error, FileAccessError):
            raise access_refused(
                path, str(error).removeprefix(f"{path}: cannot read it ")
            ) from None
        if isinstance(error, FileTooLargeError):  # intact, perhaps: never offered to clear
            raise StoreError(
                f"the official statistics store of mlcareers 2.0, {path}, "
                f"{str(error).removeprefix(f'{path}: ')}, so it cannot be moved into this "
                "version's store; move it away and import your files again (nothing was "
                "changed)"
            ) from None
        raise _corrupt(path, str(error).removeprefix(f"{path}: ")) from None
    try:
        return Store.model_validate_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        detail = " ".join(str(first["msg"]).split())
        raise _corrupt(path, f"{where}: {detail}" if where else detail) from None


def _corrupt(path: Path, detail: str) -> CorruptStoreError:
    return CorruptStoreError(
        f"the official statistics store {path} is unreadable ({detail}); {RESET_HINT}", detail
    )
