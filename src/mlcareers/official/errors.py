"""Errors of the official statistics: a spreadsheet that cannot be read, a store that cannot,
a download that failed."""

from mlcareers.errors import MlcareersError


class OfficialError(MlcareersError):
    """Something about official statistics went wrong at run time (exit 1)."""


class SpreadsheetError(OfficialError):
    """A file given to import is not an OEWS spreadsheet we can read; says where, when known."""


class StoreError(OfficialError):
    """The local store of official figures cannot be read or written."""


class CorruptStoreError(StoreError):
    """The store's file is not a store we can read (corrupt, not a database, not a regular
    file): `official clear` may discard it, which it never does to a store that is merely busy."""


class DownloadError(OfficialError):
    """A file could not be downloaded: one line naming the URL and what the server or the
    network said (exit 1). Nothing of it was kept."""
