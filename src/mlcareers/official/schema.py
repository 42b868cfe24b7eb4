"""The store's shape: its SQL schema and version, the tables an import stages its rows in, the
limits of a stored value and how a row read back is checked, and the errors a store gives."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mlcareers.official.errors import CorruptStoreError, StoreError
from mlcareers.official.models import (
    FIGURE_VALUES,
    HOURLY_FIELDS,
    MAX_COUNT,
    MAX_DOLLARS,
    MAX_HOURLY,
    MAX_RATIO,
    ONE_LINE,
    WAGE_FIELDS,
    StoredArea,
    area_kind,
    area_states,
)

if TYPE_CHECKING:
    from mlcareers.official.models import Occupation


Notify = Callable[[str], None]
"""Told one line a person should hear: a migration done, a wait for another import."""

SCHEMA_VERSION = 3
"""1: OEWS figures (3.0). 2: BLS employment projections beside them. 3: a file name may be
stored twice for one period, since a dataset is known by what it holds, not by its name
(upgrade.py)."""
UPGRADES = {
    2: "room for BLS employment projections",
    3: "files of one name kept apart when they hold different places",
}
"""What each schema brought, said when a store is upgraded to it."""
LOCK_VARIABLE = "MLCAREERS_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 60.0
"""Seconds a change waits for another one (an import) to finish before it gives up."""
LOCK_SLICE_MS = 100
"""How long one attempt at the lock waits: Ctrl-C is seen between attempts."""
PROGRESS_STEPS = 20_000
"""SQLite instructions between two checks for Ctrl-C during one long statement."""
RESET_HINT = "run 'mlcareers official clear' to empty it, then import again"
SQLITE_MAGIC = b"SQLite format 3\x00"

# Primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_BUSY, _LOCKED, _INTERRUPT, _FULL, _NOTADB, _CORRUPT = 5, 6, 9, 13, 26, 11
_READONLY, _CANTOPEN = 8, 14


def lock_timeout() -> float:
    """Seconds to wait for another import: $MLCAREERS_LOCK_TIMEOUT, else a minute."""
    text = os.environ.get(LOCK_VARIABLE, "").strip()
    try:
        value = float(text) if text else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if 0 <= value < 86_400 else DEFAULT_LOCK_TIMEOUT


VALUES_SQL = ", ".join(FIGURE_VALUES)
WHOLE = frozenset({"employment", "p10", "p25", "median", "p75", "p90", "mean"})
"""Values kept as whole numbers: a sheet gives 112590.0, the store keeps 112590."""
STORED_SQL = ", ".join(
    f"CASE typeof({name}) WHEN 'real' THEN CAST(round({name}) AS INTEGER) ELSE {name} END"
    if name in WHOLE
    else name
    for name in FIGURE_VALUES
)
"""The staged values as they are stored: whole numbers rounded (see WHOLE)."""
SOURCES = ("oews", "ep", "rpp")
"""What a dataset is: a BLS OEWS spreadsheet, BLS Employment Projections' Table 1.2, or a
table of BEA's regional price parities (MARPP, SARPP)."""


def datasets_table(name: str = "datasets") -> str:
    """The datasets table of the current schema, under `name` (a migration builds it aside)."""
    sources = ", ".join(f"'{source}'" for source in SOURCES)
    return f"""
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    archive TEXT,
    source TEXT NOT NULL CHECK (source IN ({sources})),
    period TEXT NOT NULL,
    year INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    annual_cap INTEGER,
    hourly_cap REAL,
    rows INTEGER NOT NULL,
    target_year INTEGER
);
"""


PROJECTION_VALUES = (
    "base_employment",
    "target_employment",
    "employment_change",
    "percent_change",
    "openings",
    "median_wage",
    "entry_education",
)
"""A projection's values, in the order the database keeps them."""
PROJECTIONS = f"""
CREATE TABLE projections (
    dataset INTEGER NOT NULL,
    soc TEXT NOT NULL,
    {", ".join(PROJECTION_VALUES)},
    median_wage_top_coded INTEGER NOT NULL DEFAULT 0 CHECK (median_wage_top_coded IN (0, 1)),
    PRIMARY KEY (dataset, soc)
) WITHOUT ROWID;
CREATE INDEX projections_by_occupation ON projections (soc, dataset);
"""
"""One detailed occupation's projection (a 'Line item' of Table 1.2) in one dataset: the
period, base and target years are the dataset's (period '2024–34', year 2024, target_year
2034), its title is in occupations. Employment, change and openings are counts (BLS publishes
thousands); the percent is as published; the median wage is whole dollars, or the top code
with median_wage_top_coded = 1 ('>=$239,200'). A value BLS gives as a dash is kept as '—'."""

PARITIES = """
CREATE TABLE parities (
    dataset INTEGER NOT NULL,
    code TEXT NOT NULL,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (code, year, dataset)
) WITHOUT ROWID;
"""
"""One area's all-items price parity (US = 100) in one year, by BEA's GeoFIPS code: a
metro's CBSA code (12420), a state's FIPS code and three zeros (48000), 00000 the nation.
A year BEA gives as "(NA)" has no row."""

SCHEMA = f"""
{datasets_table()}
CREATE INDEX datasets_by_period ON datasets (period);
CREATE TABLE areas (
    key TEXT NOT NULL,
    dataset INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('nation', 'state', 'territory', 'metro', 'nonmetro')),
    area_type INTEGER,
    prim_state TEXT,
    states TEXT NOT NULL,
    PRIMARY KEY (key, dataset)
) WITHOUT ROWID;
CREATE INDEX areas_by_dataset ON areas (dataset);
CREATE TABLE occupations (
    dataset INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (dataset, code)
) WITHOUT ROWID;
CREATE TABLE figures (
    area TEXT NOT NULL,
    soc TEXT NOT NULL,
    dataset INTEGER NOT NULL,
    {", ".join(FIGURE_VALUES)},
    PRIMARY KEY (area, soc, dataset)
) WITHOUT ROWID;
CREATE INDEX figures_by_occupation ON figures (soc, dataset);
{PROJECTIONS}
{PARITIES}
"""
"""Figures are kept by area key (the code without leading zeros), occupation and dataset:
one area's codes over every period is one range of the table; the index serves one
occupation in every area of a period (a ranking) and removing a dataset. A value is an
integer or a real, a BLS symbol as text ('*', '**', '#', '~'), or NULL when the file had none."""

STAGE = f"""
CREATE TEMP TABLE stage_figures (
    seq INTEGER PRIMARY KEY, part INTEGER NOT NULL, area TEXT NOT NULL, soc TEXT NOT NULL,
    {VALUES_SQL}
);
CREATE TEMP TABLE stage_areas (
    part INTEGER NOT NULL, key TEXT NOT NULL, code TEXT NOT NULL, title TEXT NOT NULL,
    kind TEXT NOT NULL, area_type INTEGER, prim_state TEXT, states TEXT NOT NULL
);
CREATE TEMP TABLE stage_occupations (
    part INTEGER NOT NULL, code TEXT NOT NULL, title TEXT NOT NULL
);
CREATE TEMP TABLE stage_parities (
    part INTEGER NOT NULL, code TEXT NOT NULL, year INTEGER NOT NULL, value REAL NOT NULL
);
CREATE TEMP TABLE stage_projections (
    part INTEGER NOT NULL, soc TEXT NOT NULL, {", ".join(PROJECTION_VALUES)},
    median_wage_top_coded INTEGER NOT NULL
);
"""


def statements(script: str) -> list[str]:
    """The statements of a script, to run one by one: executescript would commit first."""
    return [statement.strip() for statement in script.split(";") if statement.strip()]


def _corrupt(path: Path, detail: str) -> CorruptStoreError:
    return CorruptStoreError(
        f"the official statistics store {path} is unreadable ({detail}); {RESET_HINT}", detail
    )


def _store_error(path: Path, error: Exception) -> StoreError:
    """A SQLite error as one line that names the store and what to do."""
    code = _code(error)
    detail = " ".join(str(error).split()) or type(error).__name__
    if code in (_NOTADB, _CORRUPT):
        return _corrupt(path, detail)
    if code == _FULL:
        return StoreError(
            f"the disk holding the official statistics store {path} is full; nothing was "
            "changed: free some space and try again"
        )
    if code in (_BUSY, _LOCKED):
        return StoreError(
            f"the official statistics store {path} is locked by another mlcareers; "
            "try again when it has finished"
        )
    if code in (_READONLY, _CANTOPEN):
        return StoreError(
            f"the official statistics store {path} cannot be written ({detail}); check the "
            "permissions of the file and of its folder: nothing was changed"
        )
    return StoreError(f"the official statistics store {path} cannot be used ({detail})")


def _code(error: Exception) -> int:
    return int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


# ---------------------------------------------------------------- reading


_WHOLE = {"employment": MAX_COUNT, **dict.fromkeys(WAGE_FIELDS, MAX_DOLLARS)}
_LIMITS = {
    "jobs_per_1000": MAX_RATIO,
    "location_quotient": MAX_RATIO,
    **dict.fromkeys(HOURLY_FIELDS, MAX_HOURLY),
}
_ROW_LIMITS = tuple(
    (_WHOLE[name], True) if name in _WHOLE else (_LIMITS[name], False) for name in FIGURE_VALUES
)
"""Each stored value's largest and whether it is whole, in the order of FIGURE_VALUES."""
_STORED_CODE = re.compile(r"[0-9]{1,10}")
_STORED_SOC = re.compile(r"[0-9]{2}-[0-9]{4}")
_STORED_TEXT = re.compile(ONE_LINE)


def _named(code: object, pattern: re.Pattern[str], title: object, what: str) -> tuple[str, str]:
    """A stored code of its form and a stored title of one sane line; ValueError else."""
    if (
        isinstance(code, str)
        and pattern.fullmatch(code)
        and isinstance(title, str)
        and 0 < len(title) <= 300
        and _STORED_TEXT.fullmatch(title)
    ):
        return code, title
    raise ValueError(f"{what} {code!r} is not a stored {what}")


def _area(code: object, title: object, area_type: object, state: object) -> StoredArea:
    """A stored area, checked by hand as Area would check it (ValueError when damaged)."""
    code, title = _named(code, _STORED_CODE, title, "area")
    if not (
        (area_type is None or (type(area_type) is int and 1 <= area_type <= 9))
        and (state is None or (isinstance(state, str) and len(state) <= 10 and state.isprintable()))
    ):
        raise ValueError(f"area {code!r} is not an area")
    kind = area_kind(code, area_type)
    return StoredArea(code, title, kind, area_states(kind, title, state, code))


def _occupation(code: object, title: object) -> Occupation:
    """A stored occupation, checked by hand as Occupation would check it."""
    from mlcareers.official.models import Occupation  # noqa: PLC0415

    code, title = _named(code, _STORED_SOC, title, "occupation")
    return Occupation.model_construct(code=code, title=title)
