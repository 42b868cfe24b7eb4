"""Errors of the official statistics: a spreadsheet that cannot be read, a store that cannot,
a download that failed."""

from pathlib import Path

from mlcareers.errors import MlcareersError


class OfficialError(MlcareersError):
    """Something about official statistics went wrong at run time (exit 1)."""


class SpreadsheetError(OfficialError):
    """A file given to import is not an OEWS spreadsheet we can read; says where, when known."""


class StoreError(OfficialError):
    """The local store of official figures cannot be read or written."""


class CorruptStoreError(StoreError):
    """The store's file is not a store we can read (corrupt, not a database, not a regular
    file): `official clear` may discard it, which it never does to a store that is merely busy
    or that the system will not let it read. `detail` says what is wrong, without the fix."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


class DownloadError(OfficialError):
    """A file could not be downloaded: one line naming the URL and what the server or the
    network said (exit 1). Nothing of it was kept."""


def access_refused(path: Path, reason: str) -> StoreError:
    """The system would not let the store at `path` be read (`reason`, in brackets): what is
    in it is unknown and may be intact, so the fix is its permissions or its disk, never
    `official clear`, which would delete it."""
    return StoreError(
        f"the official statistics store {path} cannot be read {reason}; check the file's "
        "permissions (or its disk): it may be intact, so nothing was changed"
    )
