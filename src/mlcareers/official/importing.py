"""An import staged in the store's temporary tables, then committed in one transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.errors import UsageError
from mlcareers.official.errors import SpreadsheetError, StoreError
from mlcareers.official.models import (
    FIGURE_VALUES,
    DatasetInfo,
)

if TYPE_CHECKING:
    import sqlite3

    from mlcareers.official.oews import ImportStats
    from mlcareers.official.parities import ParityTable
    from mlcareers.official.sheets import Spreadsheet
    from mlcareers.official.table import Progress, Table
from mlcareers.official.connection import Database, _delete
from mlcareers.official.schema import (
    _FULL,
    _INTERRUPT,
    PROJECTION_VALUES,
    STAGE,
    STORED_SQL,
    VALUES_SQL,
    Notify,
    _code,
    _store_error,
)
from mlcareers.official.schema import statements as _statements


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
    source: str = "oews"
    """'oews', 'ep' for Table 1.2 of BLS Employment Projections, or 'rpp' for BEA's regional
    price parities (period 2008–2023, target_year its last year)."""
    target_year: int | None = None

    @property
    def year(self) -> int:
        """The survey year ('May 2024'), or a projection's base year ('2024–34')."""
        return int(self.period.split()[1]) if self.source == "oews" else int(self.period[:4])

    @property
    def key(self) -> tuple[str, str]:
        """What a later file of the same key replaces: an OEWS file's name and period; the
        period alone for projections (one projections dataset a period, whatever its name)."""
        return (self.file if self.source != "ep" else "", self.period)


class Import:
    """The spreadsheets of one import: each read into a temporary table as it comes (memory
    stays small whatever the file), then all stored in one transaction by `commit`. Nothing
    reaches the store before: a failure, or Ctrl-C, leaves it as it was."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.staged: list[Staged] = []
        db = database._db
        with database._reading():
            for table in (
                "stage_figures",
                "stage_areas",
                "stage_occupations",
                "stage_projections",
                "stage_parities",
            ):
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
        from mlcareers.official.oews import SheetReader, caps  # noqa: PLC0415

        part = len(self.staged)
        reader = SheetReader(table, spreadsheet.where)
        marks = ", ".join("?" * (len(FIGURE_VALUES) + 3))
        with self._staging(spreadsheet) as db:
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
            _stage_occupations(db, part, reader.occupations)
        stats = reader.stats()
        if stats.kept == 0:
            raise SpreadsheetError(
                f"{reader.where}: no cross-industry, all-owner occupation row among its "
                f"{stats.rows_read:,} rows ({stats.industry_rows:,} industry rows); nothing "
                "to import from it"
            )
        year = int(period.split()[1])
        annual, hourly = caps(table.notes, year)
        staged = Staged(
            part,
            spreadsheet.name,
            spreadsheet.archive_name,
            period,
            annual,
            hourly,
            stats,
            frozenset(reader.occupations),
        )
        self.staged.append(staged)
        return staged

    def add_parities(self, spreadsheet: Spreadsheet, table: ParityTable) -> Staged:
        """Stage the all-items parities of a BEA parity table (read by parities.py); its
        period is the span of its years (2008–2023)."""
        from mlcareers.official.oews import ImportStats  # noqa: PLC0415

        part = len(self.staged)
        years = [parity.year for parity in table.parities] or list(table.years)
        with self._staging(spreadsheet) as db:
            db.executemany(
                "INSERT INTO temp.stage_parities VALUES (?, ?, ?, ?)",
                ((part, p.code, p.year, p.value) for p in table.parities),
            )
        areas = len({parity.code for parity in table.parities})
        stats = ImportStats(table.rows_read, areas, len(table.parities), table.other_lines)
        staged = Staged(
            part,
            spreadsheet.name,
            spreadsheet.archive_name,
            f"{min(years)}–{max(years)}",
            None,
            None,
            stats,
            frozenset(),
            "rpp",
            max(years),
        )
        self.staged.append(staged)
        return staged

    def add_projections(
        self, spreadsheet: Spreadsheet, table: Table, progress: Progress | None = None
    ) -> Staged:
        """Read Table 1.2 of BLS Employment Projections into the staging tables; its period is
        its header's. SpreadsheetError if it is refused (a value that is not a number, a count
        no occupation reaches, two line items of one occupation) or has no line item."""
        from mlcareers.official.projections import ProjectionReader  # noqa: PLC0415

        part = len(self.staged)
        reader = ProjectionReader(table, spreadsheet.where)
        marks = ", ".join("?" * (len(PROJECTION_VALUES) + 3))
        with self._staging(spreadsheet) as db:
            db.executemany(
                f"INSERT INTO temp.stage_projections (part, soc, {', '.join(PROJECTION_VALUES)},"  # noqa: S608 -- our own column names and placeholders; values are bound
                f" median_wage_top_coded) VALUES ({marks})",
                reader.rows(part, progress),
            )
            _stage_occupations(db, part, reader.occupations)
        stats = reader.stats()
        if stats.kept == 0:
            raise SpreadsheetError(
                f"{reader.where}: no 'Line item' row (a detailed occupation) among its "
                f"{stats.rows_read:,} rows; nothing to import from it"
            )
        staged = Staged(
            part,
            spreadsheet.name,
            spreadsheet.archive_name,
            reader.period.text,
            reader.wage_cap,
            None,
            stats,
            frozenset(reader.occupations),
            "ep",
            reader.period.target,
        )
        self.staged.append(staged)
        return staged

    @contextlib.contextmanager
    def _staging(self, spreadsheet: Spreadsheet) -> Iterator[sqlite3.Connection]:
        """One transaction on the temporary tables only (no lock on the store), rolled back
        on any error; errors of SQLite said as a store's are."""
        import sqlite3  # noqa: PLC0415

        db = self.database._db
        try:
            db.execute("BEGIN")
            yield db
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
            key = staged.key
            twin = seen.get(key)
            # A zip and the spreadsheet taken out of it are one file: the later is kept.
            if twin is None or (twin.archive is None) != (staged.archive is None):
                seen.pop(key, None)
                seen[key] = staged
                continue
            if twin is not staged and staged.source == "ep":
                raise UsageError(
                    f"two projections workbooks for {staged.period} in one import ({twin.file} "
                    f"and {staged.file}): one would replace the other; import the one you want"
                )
            if twin is not staged:
                raise UsageError(
                    f"two files named {staged.file} for {staged.period} in one import: the "
                    "second would replace the first; import them one at a time, each with its "
                    "own --period, or rename one"
                )
        kept = list(seen.values())
        old: dict[int, tuple[str, str]] = {}
        before = self.database.changes
        try:
            with self.database.changing(notify) as db:
                old.update(_given_before(db, self.staged))  # all of it first
                _delete(db, sorted(old))
                ids = [_store(db, staged, moment) for staged in kept]
        finally:
            # Said once committed (also when Ctrl-C comes just after), never of a rollback.
            if notify is not None and self.database.changes > before:
                for file, period in dict.fromkeys(old.values()):
                    notify(f"replaced what {file} ({period}) gave before")
        stored = {info.id: info for info in self.database.datasets()}
        return [(stored[dataset], staged) for dataset, staged in zip(ids, kept, strict=True)]


def _given_before(db: sqlite3.Connection, staged: list[Staged]) -> dict[int, tuple[str, str]]:
    """The datasets these files replace (id: file, period): those of the same file (or zip)
    and period; for projections, those of the period, whatever their name."""
    old: dict[int, tuple[str, str]] = {}
    for entry in staged:
        same = "source = 'ep'" if entry.source == "ep" else "(file = ? OR archive = ?)"
        for ident, file, period in db.execute(
            f"SELECT id, file, period FROM datasets WHERE {same} AND period = ?",  # noqa: S608 -- our own SQL; values are bound
            (
                (entry.period,)
                if entry.source == "ep"
                else (entry.file, entry.archive, entry.period)
            ),
        ):
            old[ident] = (file, period)
    return old


def _store(db: sqlite3.Connection, staged: Staged, moment: str) -> int:
    """One staged file moved from the staging tables into the store; its dataset's id."""
    cursor = db.execute(
        "INSERT INTO datasets (file, archive, source, period, year, imported_at,"
        " annual_cap, hourly_cap, rows, target_year)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            staged.file,
            staged.archive,
            staged.source,
            staged.period,
            staged.year,
            moment,
            staged.annual_cap,
            staged.hourly_cap,
            staged.stats.kept,
            staged.target_year,
        ),
    )
    dataset = int(cursor.lastrowid or 0)
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
        "INSERT INTO parities (dataset, code, year, value)"
        " SELECT ?, code, year, value FROM temp.stage_parities WHERE part = ?",
        (dataset, staged.part),
    )
    db.execute(
        f"INSERT INTO projections (dataset, soc, {', '.join(PROJECTION_VALUES)},"  # noqa: S608 -- our own column names and placeholders; values are bound
        f" median_wage_top_coded) SELECT ?, soc, {', '.join(PROJECTION_VALUES)},"
        " median_wage_top_coded FROM temp.stage_projections WHERE part = ?",
        (dataset, staged.part),
    )
    db.execute(
        f"INSERT INTO figures (area, soc, dataset, {VALUES_SQL})"  # noqa: S608 -- our own column names and placeholders; values are bound
        f" SELECT area, soc, ?, {STORED_SQL} FROM temp.stage_figures"
        " WHERE part = ?",
        (dataset, staged.part),
    )
    return dataset


def _stage_occupations(db: sqlite3.Connection, part: int, occupations: dict[str, str]) -> None:
    """The titles of the occupations a staged file kept."""
    db.executemany(
        "INSERT INTO temp.stage_occupations VALUES (?, ?, ?)",
        ((part, code, title) for code, title in occupations.items()),
    )
