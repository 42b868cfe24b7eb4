"""An import staged in the store's temporary tables, then committed in one transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.errors import UsageError
from mlcareers.official.errors import SpreadsheetError, StoreError
from mlcareers.official.models import (
    FIGURE_VALUES,
    DatasetInfo,
)

if TYPE_CHECKING:
    from mlcareers.official.oews import ImportStats
    from mlcareers.official.sheets import Spreadsheet
    from mlcareers.official.table import Progress, Table
from mlcareers.official.connection import Database, _delete, _statements
from mlcareers.official.schema import (
    _FULL,
    _INTERRUPT,
    STAGE,
    STORED_SQL,
    VALUES_SQL,
    Notify,
    _code,
    _store_error,
)


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
