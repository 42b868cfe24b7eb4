"""An import staged in the store's temporary tables, then committed in one transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.errors import UsageError
from mlcareers.interrupts import interruption
from mlcareers.official.errors import SpreadsheetError, StoreError
from mlcareers.official.models import (
    AREA_KINDS,
    FIGURE_VALUES,
    DatasetInfo,
)

if TYPE_CHECKING:
    import sqlite3

    from mlcareers.official.oews import ImportStats, SheetReader
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
    kinds: frozenset[str] = frozenset()
    """The kinds of places an OEWS file holds (AREA_KINDS: 'nation', 'state', ...): its level."""
    where: str = ""
    """How messages name it: its path, or its zip's path and its name inside."""
    archive_path: Path | None = None
    """The zip it came in, as given to this import (two zips may share a name)."""

    @property
    def year(self) -> int:
        """The survey year ('May 2024'), or a projection's base year ('2024–34')."""
        return int(self.period.split()[1]) if self.source == "oews" else int(self.period[:4])

    @property
    def identity(self) -> tuple[str, str, str]:
        """What the dataset is: a later one of the same identity replaces it. An OEWS file is
        known by what it holds, never by its name: its period and its level, the kinds of
        places in it (level()). Projections: one dataset a period, whatever its name. A parity
        table: its name and period (MARPP and SARPP cover the same years)."""
        if self.source == "oews":
            return (self.source, self.period, level(self.kinds))
        return (self.source, self.period, "" if self.source == "ep" else self.file)


def level(kinds: frozenset[str] | set[str]) -> str:
    """An OEWS dataset's level: the kinds of places it holds, in AREA_KINDS' order ('nation',
    'state territory' for BLS's state file, 'metro' for its MSA file and 'nonmetro' for the
    BOS file beside it in the same zip, all five for the all-data file)."""
    return " ".join(kind for kind in AREA_KINDS if kind in kinds)


PLACE_WORDS = {
    "nation": "the nation",
    "state": "states",
    "territory": "territories",
    "metro": "metropolitan areas",
    "nonmetro": "nonmetropolitan areas",
}


def places(kinds: frozenset[str] | set[str]) -> str:
    """A level in words: 'the nation, states and metropolitan areas'."""
    words = [PLACE_WORDS[kind] for kind in AREA_KINDS if kind in kinds]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


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
        from mlcareers.official.oews import caps  # noqa: PLC0415
        from mlcareers.official.sheets import ReadAgain, open_table  # noqa: PLC0415

        part = len(self.staged)
        try:
            reader = self._stage(spreadsheet, table, part, progress)
        except ReadAgain:
            # The streaming reader left the sheet to python-calamine partway: what was staged
            # of it is rolled back, and the sheet is read again, whole, from its start.
            table = open_table(spreadsheet.path, progress, spreadsheet.where, stream=False)
            reader = self._stage(spreadsheet, table, part, progress)
        stats = reader.stats()
        if stats.kept == 0:
            raise SpreadsheetError(
                f"{reader.where}: no cross-industry, all-owner occupation row among its "
                f"{stats.rows_read:,} rows ({stats.industry_rows:,} industry rows); nothing "
                "to import from it"
            )
        year = int(period.split()[1])
        annual, hourly = caps(table.all_notes(), year)
        staged = Staged(
            part,
            spreadsheet.name,
            spreadsheet.archive_name,
            period,
            annual,
            hourly,
            stats,
            frozenset(reader.occupations),
            kinds=frozenset(area.kind for area in reader.areas.values()),
            where=spreadsheet.where,
            archive_path=spreadsheet.archive,
        )
        self.staged.append(staged)
        return staged

    def _stage(
        self, spreadsheet: Spreadsheet, table: Table, part: int, progress: Progress | None
    ) -> SheetReader:
        """One data sheet's rows read, checked and staged as `part`, in one transaction on
        the staging tables; the reader, with what it found."""
        from mlcareers.official.oews import SheetReader  # noqa: PLC0415

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
        return reader

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
            where=spreadsheet.where,
            archive_path=spreadsheet.archive,
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
        from mlcareers.official.sheets import ReadAgain, open_table  # noqa: PLC0415

        part = len(self.staged)
        marks = ", ".join("?" * (len(PROJECTION_VALUES) + 3))
        insert = (
            f"INSERT INTO temp.stage_projections (part, soc, {', '.join(PROJECTION_VALUES)},"  # noqa: S608 -- our own column names and placeholders; values are bound
            f" median_wage_top_coded) VALUES ({marks})"
        )
        for again in (False, True):
            if again:  # as add does: the sheet again, whole, with python-calamine
                table = open_table(spreadsheet.path, progress, spreadsheet.where, stream=False)
            reader = ProjectionReader(table, spreadsheet.where)
            try:
                with self._staging(spreadsheet) as db:
                    db.executemany(insert, reader.rows(part, progress))
                    _stage_occupations(db, part, reader.occupations)
            except ReadAgain:
                if again:
                    raise
                continue
            break
        # A workbook read in one pass (a large .ods) is read to its end: what its later sheets
        # hold that is refused, or a damaged end, refuses the file before anything is stored.
        table.all_notes()
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
            where=spreadsheet.where,
            archive_path=spreadsheet.archive,
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
            if _code(error) == _INTERRUPT:  # Ctrl-C or SIGTERM, in the progress handler
                raise interruption() from None
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
        """Store every staged spreadsheet in one transaction, each replacing every stored
        dataset of its identity (Staged.identity), and saying so, naming what it replaced;
        what was stored, in order, with what reading it found.

        An OEWS dataset is replaced only by one of the same period whose level is the same:
        the same data under another name replaces it; a national and a metro file of one name
        are two datasets. Levels that only overlap (an all-data file after the metro file of
        its period) sit side by side: the views take each area's figure from the latest
        import that has it, so no place is counted twice. A file of the same name for another
        period (a generic name given --period) is another dataset.

        In one import, two spreadsheets of one identity are refused (one would replace the
        other), but for a zip and the spreadsheet taken out of it, one file (the later is
        kept), and for the OEWS spreadsheets of one zip, kept side by side (BLS split its
        metro file in parts by state until May 2013)."""
        kept = _kept(self.staged)
        # To the microsecond: the moment is what tells one import's files from another's
        # (official remove of a zip's name); lists show it to the second.
        moment = (now or dt.datetime.now(dt.UTC)).isoformat()
        old: dict[int, tuple[str, Staged]] = {}
        before = self.database.changes
        try:
            with self.database.changing(notify) as db:
                for staged in kept:  # what these files replace, all of it first
                    for ident, file in _replaced(db, staged):
                        old.setdefault(ident, (file, staged))
                _delete(db, sorted(old))
                ids = [_store(db, staged, moment) for staged in kept]
        finally:
            # Said once committed (also when Ctrl-C comes just after), never of a rollback.
            if notify is not None and self.database.changes > before:
                lines = (_replacing(file, staged, kept) for file, staged in old.values())
                for line in dict.fromkeys(lines):
                    notify(line)
        stored = {info.id: info for info in self.database.datasets()}
        return [(stored[dataset], staged) for dataset, staged in zip(ids, kept, strict=True)]


def _kept(staged: Sequence[Staged]) -> list[Staged]:
    """The spreadsheets of one import to store, in order: UsageError for two that would
    replace one another (see Import.commit)."""
    seen: dict[tuple[str, str, str], list[Staged]] = {}
    for entry in staged:
        group = seen.setdefault(entry.identity, [])
        same = next(
            (
                other
                for other in group
                if other.file == entry.file and (other.archive is None) != (entry.archive is None)
            ),
            None,
        )
        if same is not None:  # a zip and the spreadsheet taken out of it: the later is kept
            group.remove(same)
        else:
            clash = next((other for other in group if not _one_zip(other, entry)), None)
            if clash is not None:
                raise UsageError(_twins(clash, entry))
        group.append(entry)
    chosen = {id(entry) for group in seen.values() for entry in group}
    return [entry for entry in staged if id(entry) in chosen]


def _one_zip(first: Staged, second: Staged) -> bool:
    """Whether two OEWS spreadsheets came in one zip: parts of one publication (projections
    stay one dataset a period, a zip or not)."""
    return (
        first.source == "oews"
        and first.archive_path is not None
        and first.archive_path == second.archive_path
    )


def _twins(first: Staged, second: Staged) -> str:
    """Why two spreadsheets of one identity cannot be imported together."""
    if first.source == "ep":
        return (
            f"two projections workbooks for {first.period} in one import ({first.file} and "
            f"{second.file}): one would replace the other; import the one you want"
        )
    if first.source == "rpp":
        return (
            f"two files named {first.file} for {first.period} in one import ({first.where} and "
            f"{second.where}): the second would replace the first; import the one you want"
        )
    return (
        f"two files of {first.period} holding the same kinds of places ({places(first.kinds)}) "
        f"in one import, {first.where} and {second.where}: the second would replace the "
        "first; import the one you want (files of different years: one at a time, each with "
        "its own --period)"
    )


def _replaced(db: sqlite3.Connection, staged: Staged) -> list[tuple[int, str]]:
    """The stored datasets (id, file) that `staged` replaces: those of its identity."""
    if staged.source == "ep":
        rows = db.execute(
            "SELECT id, file FROM datasets WHERE source = 'ep' AND period = ?", (staged.period,)
        ).fetchall()
        return [(int(ident), str(file)) for ident, file in rows]
    if staged.source != "oews":
        rows = db.execute(
            "SELECT id, file FROM datasets WHERE source = ? AND (file = ? OR archive = ?)"
            " AND period = ?",
            (staged.source, staged.file, staged.archive, staged.period),
        ).fetchall()
        return [(int(ident), str(file)) for ident, file in rows]
    # An OEWS dataset's level is the kinds of its areas, as it was staged: no column of its own.
    stored: dict[int, tuple[str, set[str]]] = {}
    for ident, file, kind in db.execute(
        "SELECT DISTINCT d.id, d.file, a.kind FROM datasets d JOIN areas a ON a.dataset = d.id"
        " WHERE d.source = 'oews' AND d.period = ? ORDER BY d.id",
        (staged.period,),
    ):
        stored.setdefault(int(ident), (str(file), set()))[1].add(str(kind))
    wanted = level(staged.kinds)
    return [(ident, file) for ident, (file, kinds) in stored.items() if level(kinds) == wanted]


def _replacing(file: str, staged: Staged, kept: Sequence[Staged]) -> str:
    """The line that says a stored file was replaced: by which, and why, when the names
    differ (the same data under another name)."""
    line = f"replaced what {file} ({staged.period}) gave before"
    names = list(dict.fromkeys(e.file for e in kept if e.identity == staged.identity))
    if file in names:
        return line
    line += f" with {' and '.join(names)}"
    if staged.source == "oews":
        return f"{line}: the same period and kinds of places ({places(staged.kinds)})"
    if staged.source == "ep":
        return f"{line}: projections of the same period"
    return line


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
