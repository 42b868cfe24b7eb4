"""The store of official figures: one SQLite database in the user's data directory.

Each import is one transaction: readers see the store as it was or as it is after, never
half. A file imported again replaces what it gave. The schema's version is the database's
user_version; a store written by a newer mlcareers is read if it can be, never written. The
JSON store of 2.0 is migrated on first use, and kept beside it, renamed.

sqlite3 is imported only when a store is opened: commands that need no official figure never
come here, and those that do pay nothing for it when no store exists. Nothing here prints:
what a person should hear (a migration, a wait for a lock) goes to the `notify` callback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from pydantic import ValidationError

from mlcareers.errors import UsageError
from mlcareers.files import FileError, open_regular
from mlcareers.official import paths
from mlcareers.official.errors import CorruptStoreError, SpreadsheetError, StoreError
from mlcareers.official.lookup import Found
from mlcareers.official.models import (
    FIGURE_VALUES,
    HOURLY_FIELDS,
    MARKERS,
    MAX_COUNT,
    MAX_DOLLARS,
    MAX_HOURLY,
    MAX_RATIO,
    NATIONAL_CODE,
    ONE_LINE,
    WAGE_FIELDS,
    AreaInfo,
    DatasetInfo,
    Marked,
    StoredArea,
    StoredFigure,
    area_code,
    area_kind,
    area_states,
    code_key,
)

if TYPE_CHECKING:
    import sqlite3

    from mlcareers.official.models import AreaKind, Figure, Occupation, Store
    from mlcareers.official.oews import ImportStats
    from mlcareers.official.sheets import Progress, Spreadsheet, Table

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

Notify = Callable[[str], None]
"""Told one line a person should hear: a migration done, a wait for another import."""

SCHEMA_VERSION = 1
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
SCHEMA = f"""
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    archive TEXT,
    source TEXT NOT NULL CHECK (source IN ('oews')),
    period TEXT NOT NULL,
    year INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    annual_cap INTEGER,
    hourly_cap REAL,
    rows INTEGER NOT NULL,
    UNIQUE (file, period)
);
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
"""


def lock_timeout() -> float:
    """Seconds to wait for another import: $MLCAREERS_LOCK_TIMEOUT, else a minute."""
    text = os.environ.get(LOCK_VARIABLE, "").strip()
    try:
        value = float(text) if text else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if 0 <= value < 86_400 else DEFAULT_LOCK_TIMEOUT


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
        _migrate(legacy, path, notify)
    return _open(path, create=False)


def _exists(path: Path) -> bool:
    """Whether something is at `path`; StoreError when that cannot be known (a folder on the
    way that cannot be read), so that an unreadable store is never taken for no store."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise StoreError(
            f"the official statistics store {path} cannot be read "
            f"({error.strerror or error}); check the permissions of its folder"
        ) from None
    except ValueError:  # a NUL byte in MLCAREERS_HOME
        raise StoreError(
            f"{str(path)!r} is not a usable store path; check MLCAREERS_HOME"
        ) from None
    return True


def open_for_writing(path: Path | None = None, *, notify: Notify | None = None) -> Database:
    """The store at `path` opened to be changed, created when there is none (a 2.0 JSON store
    is migrated first). StoreError when it cannot be read, or was written by a newer
    mlcareers (it is never written then)."""
    path = path or paths.database_path()
    if not _exists(path) and _exists(paths.legacy_path(path)):
        _migrate(paths.legacy_path(path), path, notify)
    database = _open(path, create=True)
    try:
        database.check_writable()
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
    try:
        descriptor = open_regular(path, "store", 1 << 62)
    except FileError as error:
        raise _corrupt(path, str(error).removeprefix(f"{path}: ")) from None
    try:
        head = os.read(descriptor, len(SQLITE_MAGIC))
    except OSError as error:
        raise _corrupt(path, error.strerror or str(error)) from None
    finally:
        os.close(descriptor)
    if head and head != SQLITE_MAGIC:
        raise _corrupt(path, "not an SQLite database")


def _corrupt(path: Path, detail: str) -> CorruptStoreError:
    return CorruptStoreError(
        f"the official statistics store {path} is unreadable ({detail}); {RESET_HINT}"
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


def _area(code: object, title: object, area_type: object, state: object) -> StoredArea:
    """A stored area, checked by hand as Area would check it (ValueError when damaged)."""
    if not (
        isinstance(code, str)
        and _STORED_CODE.fullmatch(code)
        and isinstance(title, str)
        and 0 < len(title) <= 300
        and _STORED_TEXT.fullmatch(title)
        and (area_type is None or (type(area_type) is int and 1 <= area_type <= 9))
        and (state is None or (isinstance(state, str) and len(state) <= 10 and state.isprintable()))
    ):
        raise ValueError(f"area {code!r} is not an area")
    kind = area_kind(code, area_type)
    return StoredArea(code, title, kind, area_states(kind, title, state, code))


def _occupation(code: object, title: object) -> Occupation:
    """A stored occupation, checked by hand as Occupation would check it."""
    from mlcareers.official.models import Occupation  # noqa: PLC0415

    if not (
        isinstance(code, str)
        and _STORED_SOC.fullmatch(code)
        and isinstance(title, str)
        and 0 < len(title) <= 300
        and _STORED_TEXT.fullmatch(title)
    ):
        raise ValueError(f"occupation {code!r} is not an occupation")
    return Occupation.model_construct(code=code, title=title)


class Database:
    """An open store: what it holds, and an occupation's figures where and when asked.

    Area codes are compared without leading zeros ('06' is '6'), here as in the store."""

    def __init__(self, path: Path, connection: sqlite3.Connection, version: int) -> None:
        self.path = path
        self.version = version
        self._db = connection
        self._datasets: dict[int, DatasetInfo] | None = None
        self._marks: dict[str, Marked] = {}
        self.changes = 0
        """How many changes (transactions) this connection has committed."""

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the object is of no use after."""
        self._db.close()

    @property
    def read_only(self) -> bool:
        """Whether a newer mlcareers wrote the store: then it is read, never written."""
        return self.version > SCHEMA_VERSION

    @property
    def empty(self) -> bool:
        """Whether the store has no schema yet: a new file."""
        return self.version == 0

    def check_writable(self) -> None:
        """StoreError when this store must not be changed: a newer mlcareers wrote it."""
        if self.read_only:
            raise StoreError(
                f"the official statistics store {self.path} was written by a newer mlcareers "
                f"(schema {self.version}; this one knows {SCHEMA_VERSION}): it is read, never "
                "changed; upgrade mlcareers to change it"
            )

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        import sqlite3  # noqa: PLC0415

        try:
            yield
        except sqlite3.Error as error:
            if self.read_only and _code(error) not in (_NOTADB, _CORRUPT, _BUSY, _LOCKED):
                raise StoreError(
                    f"the official statistics store {self.path} was written by a newer "
                    f"mlcareers (schema {self.version}) and this one cannot read it "
                    f"({' '.join(str(error).split())}); upgrade mlcareers"
                ) from None
            raise _store_error(self.path, error) from None
        except (ValueError, TypeError) as error:
            if isinstance(error, ValidationError):
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"])
                detail = f"{where}: {first['msg']}" if where else str(first["msg"])
            else:
                detail = " ".join(str(error).split())[:160]
            raise _corrupt(self.path, f"a stored value is damaged: {detail}") from None

    def _query(self, sql: str, parameters: Sequence[object] = ()) -> list[Any]:
        if self.empty:
            return []
        with self._reading():
            return self._db.execute(sql, parameters).fetchall()

    def datasets(self) -> list[DatasetInfo]:
        """Every imported spreadsheet, oldest first (by period, then by import)."""
        if self._datasets is None:
            rows = self._query(
                "SELECT d.id, d.file, d.period, d.year, d.imported_at, d.annual_cap,"
                " (SELECT count(*) FROM areas a WHERE a.dataset = d.id),"
                " (SELECT count(*) FROM occupations o WHERE o.dataset = d.id),"
                " d.rows, d.hourly_cap, d.archive, d.source"
                " FROM datasets d ORDER BY d.year, d.imported_at, d.id"
            )
            with self._reading():
                self._datasets = {
                    ident: DatasetInfo(
                        id=ident,
                        file=file,
                        period=period,
                        year=year,
                        imported_at=_time(imported_at),
                        annual_cap=annual_cap,
                        areas=areas,
                        occupations=occupations,
                        rows=count,
                        hourly_cap=hourly_cap,
                        archive=archive,
                        source=source,
                    )
                    for (
                        ident,
                        file,
                        period,
                        year,
                        imported_at,
                        annual_cap,
                        areas,
                        occupations,
                        count,
                        hourly_cap,
                        archive,
                        source,
                    ) in rows
                }
        return list(self._datasets.values())

    def periods(self) -> list[str]:
        """The survey periods stored, 'May 2024' ..., newest first."""
        years = {info.period: info.year for info in self.datasets()}
        return sorted(years, key=years.__getitem__, reverse=True)

    def areas(self) -> list[AreaInfo]:
        """Every stored area once, with the latest import's title and the periods that have
        it (newest first); the nation first, then states, territories, metros, nonmetros."""
        rows = self._query(
            "SELECT a.key, a.code, a.title, a.kind, a.states, d.period, d.year"
            " FROM areas a JOIN datasets d ON d.id = a.dataset"
            " ORDER BY a.key, d.imported_at, d.id"
        )
        latest: dict[str, tuple[str, str, str, str]] = {}
        periods: dict[str, dict[str, int]] = {}
        for key, code, title, kind, states, period, year in rows:
            latest[key] = (code, title, kind, states)
            periods.setdefault(key, {})[period] = year
        found = [
            AreaInfo(
                code,
                title,
                cast("AreaKind", kind),
                tuple(states.split()),
                tuple(sorted(periods[key], key=periods[key].__getitem__, reverse=True)),
            )
            for key, (code, title, kind, states) in latest.items()
        ]
        order = {"nation": 0, "state": 1, "territory": 2, "metro": 3, "nonmetro": 4}
        return sorted(found, key=lambda area: (order.get(area.kind, 9), area.title, area.code))

    def socs_by_area(
        self, codes: Collection[str], period: str | None = None
    ) -> dict[str, set[str]]:
        """Which of `codes` have a figure in each area (in any period, or in `period`), by
        the area's code as areas() gives it."""
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        where = " AND d.period = ?" if period is not None else ""
        rows = self._query(
            "SELECT DISTINCT f.area, f.soc FROM figures f JOIN datasets d ON d.id = f.dataset"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" WHERE f.soc IN ({marks}){where}",
            [*wanted, *([period] if period is not None else [])],
        )
        shown = {key: code for code, key in self._area_codes()}
        found: dict[str, set[str]] = {}
        for key, soc in rows:
            found.setdefault(shown.get(key, key), set()).add(soc)
        return found

    def _area_codes(self) -> list[tuple[str, str]]:
        return [(area.code, code_key(area.code)) for area in self.areas()]

    def figures(
        self, codes: Sequence[str], area: str | None = None, period: str | None = None
    ) -> list[Found]:
        """For each of `codes` in order, its figure in the area `area` names (the nation when
        None), from `period`, else from the latest period that has one. A code with no figure
        there is left out: the caller says the gap, it is never filled."""
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return []
        key = code_key(area) if area is not None else NATIONAL_CODE
        where = f"f.area = ? AND f.soc IN ({', '.join('?' * len(wanted))})"
        parameters: list[object] = [key, *wanted]
        if period is not None:
            where += " AND d.period = ?"
            parameters.append(period)
        latest: dict[str, Found] = {}
        for found in self._found(where, parameters, newest_first=True):
            latest.setdefault(found.occupation.code, found)
        return [latest[code] for code in wanted if code in latest]

    def ranked(self, code: str, period: str) -> list[Found]:
        """Every area's figure of one occupation in one period (the latest import of an area
        stored twice in the period); in no particular order."""
        latest: dict[str, Found] = {}
        ids = [info.id for info in self.datasets() if info.period == period]
        # The datasets of the period by id: the index on (soc, dataset) then reads only them.
        marks = ", ".join("?" * len(ids)) or "NULL"
        for found in self._found(
            f"f.soc = ? AND f.dataset IN ({marks})", [code, *ids], newest_first=True
        ):
            latest.setdefault(code_key(found.area.code), found)
        return list(latest.values())

    def history(self, codes: Sequence[str], area: str | None = None) -> list[Found]:
        """Every period's figure of each of `codes` in the area (the nation when None), oldest
        period first, codes in the order given within a period."""
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return []
        key = code_key(area) if area is not None else NATIONAL_CODE
        where = f"f.area = ? AND f.soc IN ({', '.join('?' * len(wanted))})"
        latest: dict[tuple[str, str], Found] = {}
        for found in self._found(where, [key, *wanted], newest_first=True):
            latest.setdefault((found.dataset.period, found.occupation.code), found)
        order = {code: index for index, code in enumerate(wanted)}
        return sorted(
            latest.values(),
            key=lambda found: (found.dataset.year, order[found.occupation.code]),
        )

    def _found(
        self, where: str, parameters: Sequence[object], *, newest_first: bool
    ) -> list[Found]:

        direction = "DESC" if newest_first else ""
        rows = self._query(
            "SELECT f.dataset, a.code, a.title, a.area_type, a.prim_state, f.soc, o.title,"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" {', '.join('f.' + name for name in FIGURE_VALUES)}"
            " FROM figures f"
            " JOIN datasets d ON d.id = f.dataset"
            " JOIN areas a ON a.key = f.area AND a.dataset = f.dataset"
            " JOIN occupations o ON o.dataset = f.dataset AND o.code = f.soc"
            f" WHERE {where}"
            f" ORDER BY d.year {direction}, d.imported_at {direction}, d.id {direction}",
            parameters,
        )
        datasets = {info.id: info for info in self.datasets()}
        areas: dict[tuple[int, str], StoredArea] = {}
        occupations: dict[tuple[int, str], Occupation] = {}
        found: list[Found] = []
        with self._reading():
            for dataset, code, title, area_type, state, soc, soc_title, *values in rows:
                place = areas.get((dataset, code))
                if place is None:
                    place = areas[dataset, code] = _area(code, title, area_type, state)
                occupation = occupations.get((dataset, soc))
                if occupation is None:
                    occupation = occupations[dataset, soc] = _occupation(soc, soc_title)
                figure = self._figure(values)
                found.append(Found(datasets[dataset], place, occupation, figure))
        return found

    def _figure(self, values: Sequence[object]) -> StoredFigure:
        """A stored figure, each value checked as the models would check it, at a fraction
        of the cost (hundreds of figures a query): a mark, nothing, or a number in its range
        (a whole one where the value is whole). ValueError (a damaged store) else."""
        checked: list[object] = []
        for value, (limit, whole) in zip(values, _ROW_LIMITS, strict=True):
            kind = value.__class__
            if value is None:
                checked.append(None)
            elif (kind is int or (kind is float and not whole)) and 0 <= value <= limit:  # type: ignore[operator]
                checked.append(value)
            elif kind is str:
                checked.append(self._mark(value))  # type: ignore[arg-type]
            else:
                raise ValueError(f"{value!r} is not a figure")
        return StoredFigure._make(checked)

    def _mark(self, text: str) -> Marked:
        mark = self._marks.get(text)
        if mark is None:
            if text not in MARKERS:
                raise ValueError(f"{text!r} is not a BLS mark")
            mark = self._marks[text] = Marked.model_construct(marker=text)  # type: ignore[arg-type]
        return mark

    # ------------------------------------------------------------ changing

    @contextlib.contextmanager
    def changing(self, notify: Notify | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on leaving, rolled back on any error or Ctrl-C.

        Waits for another import holding the store (saying so once through `notify`), up to
        lock_timeout() seconds; StoreError after. A full disk is a StoreError too, and the
        store is left as it was."""
        import sqlite3  # noqa: PLC0415

        self.check_writable()
        db, path = self._db, self.path
        timeout = lock_timeout()
        deadline = time.monotonic() + timeout
        told = False
        db.execute(f"PRAGMA busy_timeout = {LOCK_SLICE_MS}")
        while True:
            try:
                db.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as error:
                if _code(error) not in (_BUSY, _LOCKED):
                    raise _store_error(path, error) from None
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the official statistics store {path} is still being changed by "
                        f"another mlcareers after {timeout:g} s; try again when it has finished "
                        f"({LOCK_VARIABLE} sets how long to wait)"
                    ) from None
                if not told and notify is not None:
                    notify(
                        f"the official statistics store {path} is being changed by another "
                        f"mlcareers (an import?): waiting for it, up to {timeout:g} s"
                    )
                    told = True
        remaining = max(deadline - time.monotonic(), LOCK_SLICE_MS / 1000)
        db.execute(f"PRAGMA busy_timeout = {int(remaining * 1000)}")
        db.set_progress_handler(_no_op, PROGRESS_STEPS)  # lets Ctrl-C stop a long statement
        committed = False
        try:
            # Read again under the lock: another import may have made the schema while this
            # one waited, and making it twice fails ("table datasets already exists").
            self.version = int(db.execute("PRAGMA user_version").fetchone()[0])
            self.check_writable()
            if self.empty:
                for statement in _statements(SCHEMA):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            yield db
            with _no_interrupt():  # so that `changes` says whether the store changed
                db.execute("COMMIT")
                committed = True
                self.changes += 1
        except BaseException as error:
            if committed:
                raise
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                if _code(error) == _INTERRUPT:
                    raise KeyboardInterrupt from None
                raise _store_error(path, error) from None
            raise
        finally:
            db.set_progress_handler(None, 0)
            self._datasets = None
        self.version = max(self.version, SCHEMA_VERSION)

    def remove(self, datasets: Collection[int], notify: Notify | None = None) -> None:
        """Drop the datasets with these ids, in one transaction."""
        with self.changing(notify) as db:
            _delete(db, list(datasets))

    def clear(self, notify: Notify | None = None) -> int:
        """Drop every dataset, in one transaction; returns how many there were."""
        count = len(self.datasets())
        with self.changing(notify) as db:
            for table in ("figures", "areas", "occupations", "datasets"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 -- our own table names
        with contextlib.suppress(Exception):  # give the space back; another reader may hold it
            self._db.execute("VACUUM")
        return count

    def occupations(self, dataset: int) -> list[Occupation]:
        """The occupations one dataset has figures of, by code."""
        from mlcareers.official.models import Occupation  # noqa: PLC0415

        rows = self._query(
            "SELECT code, title FROM occupations WHERE dataset = ? ORDER BY code", (dataset,)
        )
        with self._reading():
            return [Occupation(code=code, title=title) for code, title in rows]

    def begin_import(self) -> Import:
        """An import: files staged one by one, then stored at once (see Import)."""
        self.check_writable()
        return Import(self)


def _no_op() -> int:
    return 0


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """Ctrl-C held back (POSIX, main thread) while a commit and its record happen: it is
    raised just after, when whether the store changed is known."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = block(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, before)


def _statements(script: str) -> list[str]:
    """The statements of a script, to run one by one: executescript would commit first."""
    return [statement.strip() for statement in script.split(";") if statement.strip()]


def _time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _delete(db: sqlite3.Connection, ids: list[int]) -> None:
    for dataset in ids:
        # Every figure's occupation is listed with its dataset: the index finds them all.
        db.execute(
            "DELETE FROM figures WHERE soc IN (SELECT code FROM occupations WHERE dataset = ?)"
            " AND dataset = ?",
            (dataset, dataset),
        )
        db.execute("DELETE FROM areas WHERE dataset = ?", (dataset,))
        db.execute("DELETE FROM occupations WHERE dataset = ?", (dataset,))
        db.execute("DELETE FROM datasets WHERE id = ?", (dataset,))


# ---------------------------------------------------------------- importing


class Staged(NamedTuple):
    """One spreadsheet read and staged, waiting to be stored."""

    part: int
    file: str
    archive: str | None
    period: str
    annual_cap: int | None
    hourly_cap: float | None
    stats: ImportStats
    occupations: frozenset[str]


class Import:
    """The spreadsheets of one import: each read into a temporary table as it comes (memory
    stays small whatever the file), then all stored in one transaction by `commit`. Nothing
    reaches the store before: a failure, or Ctrl-C, leaves it as it was."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.staged: list[Staged] = []
        db = database._db
        with database._reading():
            for table in ("stage_figures", "stage_areas", "stage_occupations"):
                db.execute(f"DROP TABLE IF EXISTS temp.{table}")
            for statement in _statements(STAGE):
                db.execute(statement)

    def add(
        self,
        spreadsheet: Spreadsheet,
        period: str,
        table: Table,
        progress: Progress | None = None,
    ) -> Staged:
        """Read one data sheet into the staging tables; SpreadsheetError if it is refused
        (a bad cell, percentiles that go down, two detailed rows of one occupation) or has
        no figure to keep."""
        import sqlite3  # noqa: PLC0415

        from mlcareers.official.oews import SheetReader, caps  # noqa: PLC0415

        part = len(self.staged)
        reader = SheetReader(table, spreadsheet.where)
        db = self.database._db
        marks = ", ".join("?" * (len(FIGURE_VALUES) + 3))
        try:
            db.execute("BEGIN")  # staging writes only the temporary tables: no lock on the store
            db.executemany(
                f"INSERT INTO temp.stage_figures (part, area, soc, {VALUES_SQL}) VALUES ({marks})",  # noqa: S608 -- our own column names and placeholders; values are bound
                reader.rows(part, progress),
            )
            if reader.replaced:
                # A detailed row that came after a broad one of the same area and occupation
                # replaces it: the last row of each is kept.
                db.execute(
                    "DELETE FROM temp.stage_figures WHERE part = ? AND seq NOT IN"
                    " (SELECT max(seq) FROM temp.stage_figures WHERE part = ?"
                    " GROUP BY area, soc)",
                    (part, part),
                )
            db.executemany(
                "INSERT INTO temp.stage_areas VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (part, a.key, a.code, a.title, a.kind, a.area_type, a.prim_state,
                     " ".join(a.states))
                    for a in reader.areas.values()
                ),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO temp.stage_occupations VALUES (?, ?, ?)",
                ((part, code, title) for code, title in reader.occupations.items()),
            )
            db.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if _code(error) == _INTERRUPT:
                raise KeyboardInterrupt from None
            if _code(error) == _FULL:
                raise StoreError(
                    f"the disk holding temporary files ({tempfile.gettempdir()}) is full while "
                    f"reading {spreadsheet.where}; nothing was imported"
                ) from None
            raise _store_error(self.database.path, error) from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        stats = reader.stats()
        if stats.kept == 0:
            raise SpreadsheetError(
                f"{reader.where}: no cross-industry, all-owner occupation row among its "
                f"{stats.rows_read:,} rows ({stats.industry_rows:,} industry rows); nothing "
                "to import from it"
            )
        year = int(period.split()[1])
        annual, hourly = caps(table.notes, year)
        archive = spreadsheet.archive.name if spreadsheet.archive is not None else None
        staged = Staged(
            part,
            spreadsheet.name,
            archive,
            period,
            annual,
            hourly,
            stats,
            frozenset(reader.occupations),
        )
        self.staged.append(staged)
        return staged

    def commit(
        self, notify: Notify | None = None, now: dt.datetime | None = None
    ) -> list[tuple[DatasetInfo, Staged]]:
        """Store every staged spreadsheet in one transaction, each replacing what a file of
        the same name (or the same zip) gave before for the same period, and saying so; what
        was stored, in order, with what reading it found. Of two spreadsheets of one name and
        period in one import, the later is kept. A file of the same name for another period
        (a generic name given --period) is another dataset: nothing of it is replaced."""
        moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
        seen: dict[tuple[str, str], Staged] = {}
        for staged in self.staged:
            key = (staged.file, staged.period)
            twin = seen.get(key)
            # A zip and the spreadsheet taken out of it are one file: the later is kept.
            if twin is None or (twin.archive is None) != (staged.archive is None):
                seen.pop(key, None)
                seen[key] = staged
                continue
            if twin is not staged:
                raise UsageError(
                    f"two files named {staged.file} for {staged.period} in one import: the "
                    "second would replace the first; import them one at a time, each with its "
                    "own --period, or rename one"
                )
        kept = list(seen.values())
        ids: list[int] = []
        with self.database.changing(notify) as db:
            old: dict[int, tuple[str, str]] = {}
            for staged in self.staged:  # what these files gave before, all of it first
                for ident, file, period in db.execute(
                    "SELECT id, file, period FROM datasets"
                    " WHERE (file = ? OR archive = ?) AND period = ?",
                    (staged.file, staged.archive, staged.period),
                ):
                    old[ident] = (file, period)
            _delete(db, sorted(old))
            if notify is not None:
                for file, period in dict.fromkeys(old.values()):
                    notify(f"replaced what {file} ({period}) gave before")
            for staged in kept:
                cursor = db.execute(
                    "INSERT INTO datasets (file, archive, source, period, year, imported_at,"
                    " annual_cap, hourly_cap, rows) VALUES (?, ?, 'oews', ?, ?, ?, ?, ?, ?)",
                    (
                        staged.file,
                        staged.archive,
                        staged.period,
                        int(staged.period.split()[1]),
                        moment,
                        staged.annual_cap,
                        staged.hourly_cap,
                        staged.stats.kept,
                    ),
                )
                dataset = int(cursor.lastrowid or 0)
                ids.append(dataset)
                db.execute(
                    "INSERT INTO areas (key, dataset, code, title, kind, area_type, prim_state,"
                    " states) SELECT key, ?, code, title, kind, area_type, prim_state, states"
                    " FROM temp.stage_areas WHERE part = ?",
                    (dataset, staged.part),
                )
                db.execute(
                    "INSERT INTO occupations (dataset, code, title)"
                    " SELECT ?, code, title FROM temp.stage_occupations WHERE part = ?",
                    (dataset, staged.part),
                )
                db.execute(
                    f"INSERT INTO figures (area, soc, dataset, {VALUES_SQL})"  # noqa: S608 -- our own column names and placeholders; values are bound
                    f" SELECT area, soc, ?, {STORED_SQL} FROM temp.stage_figures"
                    " WHERE part = ?",
                    (dataset, staged.part),
                )
        stored = {info.id: info for info in self.database.datasets()}
        return [(stored[dataset], staged) for dataset, staged in zip(ids, kept, strict=True)]


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


# ---------------------------------------------------------------- the JSON store of 2.0


def _migrate(legacy: Path, path: Path, notify: Notify | None) -> None:
    """Move a 2.0 JSON store into a new database at `path`, in one step: the database appears
    whole or not at all; the JSON is kept, renamed, beside it."""
    from mlcareers.official.store import load_legacy  # noqa: PLC0415

    store = load_legacy(legacy)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=".official-", suffix=".sqlite3.tmp", dir=path.parent
        )
        os.close(handle)
    except OSError as error:
        raise StoreError(
            f"cannot migrate the official statistics store {legacy} to {path} "
            f"({error.strerror or error})"
        ) from None
    scratch = Path(temporary)
    try:
        with _open(scratch, create=True) as database, database.changing() as db:
            _write_store(db, store)
        try:
            os.link(scratch, path)  # fails if another process migrated first: keep theirs
        except FileExistsError:
            return
        except OSError:
            if os.path.lexists(path):
                return
            os.replace(scratch, path)
    except OSError as error:
        raise StoreError(
            f"cannot migrate the official statistics store {legacy} to {path} "
            f"({error.strerror or error})"
        ) from None
    finally:
        scratch.unlink(missing_ok=True)
    kept = legacy.with_name(legacy.name + paths.MIGRATED_SUFFIX)
    with contextlib.suppress(OSError):
        os.replace(legacy, kept)
    count = len(store.datasets)
    if notify is not None:
        notify(
            f"moved the official statistics store {legacy} into {path.name} ({count} imported "
            f"file{'' if count == 1 else 's'}); the old file is kept as {kept.name}"
        )


def _write_store(db: sqlite3.Connection, store: Store) -> None:
    """Every dataset of a 2.0 store into the database, as an import would have stored it."""
    for dataset in store.datasets:
        cursor = db.execute(
            "INSERT INTO datasets (file, archive, source, period, year, imported_at,"
            " annual_cap, hourly_cap, rows) VALUES (?, NULL, 'oews', ?, ?, ?, ?, NULL, ?)",
            (
                dataset.file,
                dataset.period,
                dataset.year,
                dataset.imported_at.astimezone(dt.UTC).isoformat(),
                dataset.annual_cap,
                len(dataset.figures),
            ),
        )
        ident = int(cursor.lastrowid or 0)
        for area in dataset.areas:
            kind: AreaKind = area_kind(area.code, area.type)
            db.execute(
                "INSERT OR REPLACE INTO areas VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code_key(area.code),
                    ident,
                    area_code(area.code, kind),
                    area.title,
                    kind,
                    area.type,
                    area.state,
                    " ".join(area_states(kind, area.title, area.state, area.code)),
                ),
            )
        db.executemany(
            "INSERT OR REPLACE INTO occupations VALUES (?, ?, ?)",
            [(ident, occupation.code, occupation.title) for occupation in dataset.occupations],
        )
        db.executemany(
            f"INSERT OR REPLACE INTO figures (area, soc, dataset, {VALUES_SQL})"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" VALUES ({', '.join('?' * (len(FIGURE_VALUES) + 3))})",
            [(code_key(f.area), f.soc, ident, *_values(f)) for f in dataset.figures],
        )


def _values(figure: Figure) -> list[object]:
    return [
        value.marker if isinstance(value, Marked) else value
        for value in (getattr(figure, name) for name in FIGURE_VALUES)
    ]
