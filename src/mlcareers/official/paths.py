"""Where the store of official figures lives, and what to say when there is none.

Cheap to import (no pydantic): `show` and `compare` ask whether a store exists before they
pay for reading one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HOME_VARIABLE = "MLCAREERS_HOME"
STORE_NAME = "official.json"
DOWNLOAD_PAGE = "https://www.bls.gov/oes/tables.htm"
HOW_TO_ADD = (
    "No official figures are stored: download an OEWS spreadsheet from "
    f"{DOWNLOAD_PAGE} and run 'mlcareers official import FILE' to add them."
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


def store_path() -> Path:
    """The store's file."""
    return data_home() / STORE_NAME
