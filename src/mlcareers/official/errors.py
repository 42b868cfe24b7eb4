"""Errors of the official statistics: a spreadsheet that cannot be read, a store that cannot."""

from mlcareers.errors import MlcareersError, UsageError


class OfficialError(MlcareersError):
    """Something about official statistics went wrong at run time (exit 1)."""


class SpreadsheetError(OfficialError):
    """A file given to import is not an OEWS spreadsheet we can read; says where, when known."""


class StoreError(OfficialError):
    """The local store of official figures cannot be read or written."""


class AreaError(UsageError):
    """An area name matched several areas, or none while the store is empty (exit 2)."""
