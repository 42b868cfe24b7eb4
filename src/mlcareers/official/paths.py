"""Where the store of official figures lives, and what to say when there is none.

Cheap to import (no pydantic, no sqlite3): `show` and `compare` ask whether a store exists
before they pay for opening one.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

HOME_VARIABLE = "MLCAREERS_HOME"
DATABASE_NAME = "official.sqlite3"
LEGACY_NAME = "official.json"
"""The JSON store of mlcareers 2.0: migrated into the database on first use."""
MIGRATED_SUFFIX = ".migrated"
"""Added to the JSON store's name once it is migrated: kept beside the database, never read."""
DOWNLOAD_PAGE = "https://www.bls.gov/oes/tables.htm"
HOW_TO_ADD = (
    "No official figures are stored: download an OEWS spreadsheet from "
    f"{DOWNLOAD_PAGE} and run 'mlcareers official import FILE' to add them."
)
HOW_TO_ADD_WAGES = (
    "No OEWS wage figures are stored (only projections): download an OEWS spreadsheet from "
    f"{DOWNLOAD_PAGE} and run 'mlcareers official import FILE' to add them."
)
"""HOW_TO_ADD, for a store that holds BLS employment projections and no wage survey."""
PROJECTIONS_PROGRAM = "BLS Employment Projections"
PROJECTIONS_TABLE = "Table 1.2"
PROJECTIONS_PAGE = "https://www.bls.gov/emp/data/occupational-data.htm"
"""Where BLS offers occupation.xlsx ("All occupational tables in a single file")."""
HOW_TO_ADD_PROJECTIONS = (
    "No employment projections are stored: download occupation.xlsx (all occupational tables "
    f"in one file) from {PROJECTIONS_PAGE} and run 'mlcareers official import occupation.xlsx'."
)


def data_home() -> Path:
    """Where mlcareers keeps its data: $MLCAREERS_HOME, else the platform's user data directory."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "mlcareers"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "mlcareers"
    xdg = os.environ.get("XDG_DATA_HOME")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base_dir / "mlcareers"


def database_path() -> Path:
    """The store: one SQLite database."""
    return data_home() / DATABASE_NAME


def legacy_path(database: Path | None = None) -> Path:
    """Where a 2.0 JSON store waiting to be migrated into `database` would be: beside it."""
    return (database or database_path()).with_name(LEGACY_NAME)


def store_path() -> Path:
    """The store's file as it stands: the database, or a 2.0 JSON store not yet migrated.

    For asking whether any store exists without opening one; the database's path when
    neither exists."""
    database = database_path()
    legacy = legacy_path(database)
    if not os.path.lexists(database) and os.path.lexists(legacy):
        return legacy
    return database


def present(path: Path) -> bool:
    """Whether something is at `path`: OSError (or ValueError, for a NUL byte) when that
    cannot be known, such as a folder on the way that cannot be read, so that a store that
    cannot be read is never taken for no store."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        if os.path.isfile(path.parent):  # MLCAREERS_HOME names a file: say so, never "none"
            raise NotADirectoryError(
                errno.ENOTDIR, f"{path.parent} is a file, not a folder", str(path.parent)
            ) from None
        return False
    return True
