"""The local store of official figures: one JSON file in the user's data directory.

It is written atomically (a temporary file beside it, then a rename), so that a failed or
interrupted import leaves the previous store as it was, and read back through the same models.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from mlcareers.files import FileError, read_bytes
from mlcareers.official.errors import StoreError
from mlcareers.official.models import Dataset, Store
from mlcareers.official.paths import store_path

MAX_STORE_BYTES = 256 * 1024**2
RESET_HINT = "run 'mlcareers official clear' to empty it, then import again"


def load(path: Path | None = None) -> Store:
    """The store at `path` (the user's by default); empty if none was ever written.

    Opened first and checked after, as catalogues are: a FIFO or a device in its place is
    refused at once instead of blocking the command.
    """
    path = path or store_path()
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
    """The store, or an empty one and the reason when it cannot be read: for commands such as
    `show`, whose other output must not depend on the store."""
    try:
        return load(path), None
    except StoreError as error:
        return Store(), f"{error}; official figures are left out"


def save(store: Store, path: Path | None = None) -> Path:
    """Write the store atomically: whole or not at all; returns where it went."""
    path = path or store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".official-", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise StoreError(f"cannot write the official statistics store {path} ({error})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(store.model_dump_json())
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise StoreError(
                f"cannot write the official statistics store {path} ({error})"
            ) from None
        raise
    return path


def merge(store: Store, datasets: tuple[Dataset, ...]) -> Store:
    """The store with `datasets` added; a file imported again replaces what it gave before."""
    names = {dataset.file for dataset in datasets}
    kept = tuple(dataset for dataset in store.datasets if dataset.file not in names)
    return Store(datasets=kept + datasets)


@contextlib.contextmanager
def locked(path: Path | None = None) -> Iterator[None]:
    """Hold the store's lock: two imports at once would otherwise each write the store as it
    was before the other, and one would silently lose its files. No lock where the platform
    has no flock (Windows)."""
    path = path or store_path()
    try:
        import fcntl  # noqa: PLC0415 -- POSIX only
    except ImportError:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise StoreError(f"cannot lock the official statistics store {path} ({error})") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def clear(path: Path | None = None) -> int:
    """Empty the store, even a corrupt one; returns how many imported files it held."""
    path = path or store_path()
    try:
        count = len(load(path).datasets)
    except StoreError:
        count = 0
    try:
        path.unlink(missing_ok=True)
    except IsADirectoryError:
        raise StoreError(f"{path} is a directory, not a store; remove it by hand") from None
    except OSError as error:
        raise StoreError(f"cannot remove the official statistics store {path} ({error})") from None
    return count


def _corrupt(path: Path, detail: str) -> StoreError:
    return StoreError(
        f"the official statistics store {path} is unreadable ({detail}); {RESET_HINT}"
    )
