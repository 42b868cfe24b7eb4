"""Open what BLS serves: an OEWS spreadsheet (XLSX, XLS, or CSV with the same header), or a
zip download holding some (oesm24ma.zip); find the sheet and row holding the header; yield rows.

The data sheet is the one whose header names OCC_CODE, wherever it sits in the workbook; the
text of the other sheets is kept, because BLS states the top-coded wage in its notes there.
A zip's declared sizes are checked before anything is decompressed (zip bombs). python-calamine
loads a sheet in Rust, for seconds, without returning to Python: it runs in a worker thread
that the main thread waits on in short slices, so that Ctrl-C ends an import at once.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import shutil
import tempfile
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from mlcareers.files import open_regular
from mlcareers.official import leftovers, projections, sheetscan
from mlcareers.official.delimited import delimited_table
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.paths import PROJECTIONS_PAGE
from mlcareers.official.table import (
    HEADER_SEARCH_ROWS,
    NoDataSheetError,
    NoProjectionsTableError,
    Progress,
    Table,
    fold_header,
    header_at,
    quoted,
    short,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from python_calamine import CalamineSheet, CalamineWorkbook

    from mlcareers.official.table import Cell

NOTES_ROWS = 200
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 2 * 1024**3
MAX_RATIO = 200
RATIO_FLOOR = 1024**2
"""Members smaller than this may compress as well as they like: the ratio is not checked."""

MAX_FILE_BYTES = 1024**3
"""A gibibyte: the largest OEWS file, the all-data one, is well under a tenth of that."""
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv", ".tsv")
WAIT_SLICE = 0.05
"""Seconds the main thread waits on the loader at a time: Ctrl-C is seen within this."""
LOADER_PASSES = 2
"""How many times python-calamine (0.9) reads a sheet's compressed bytes as it loads it: the
progress of a load is estimated from the bytes the process has read (Linux only)."""

T = TypeVar("T")


class Spreadsheet(NamedTuple):
    """One spreadsheet to read: a file given to import, or one a zip download holds."""

    name: str
    """Its own file name, as the store records it: MSA_M2024_dl.xlsx."""
    path: Path
    """Where it is on disk (extracted to a temporary directory when it came in a zip)."""
    archive: Path | None = None
    """The zip it came in, if any."""

    @property
    def named(self) -> str | Path:
        """The name as a person gave it: the path, or the name inside the zip."""
        return self.name if self.archive else self.path

    @property
    def archive_name(self) -> str | None:
        """The zip's own file name, as the store records it (oesm24ma.zip), if any."""
        return self.archive.name if self.archive is not None else None

    @property
    def where(self) -> str:
        """How messages name it: its path, or the zip's and its name inside."""
        return f"{self.archive}: {self.name}" if self.archive else str(self.path)


# ---------------------------------------------------------------- what a file holds


@contextlib.contextmanager
def spreadsheets(
    path: Path, notify: Callable[[str], None] | None = None
) -> Iterator[list[Spreadsheet]]:
    """The spreadsheets the file at `path` is or holds: itself, or each spreadsheet in a zip
    download (extracted to a temporary directory, removed on leaving; what killed imports
    left there is removed first, and `notify` told)."""
    if _magic(path) != ZIP_MAGIC:
        yield [Spreadsheet(path.name, path)]
        return
    members = check_zip(path, workbook=False)
    names = {member.filename for member in members}
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names or sheetscan.is_ods(path, members):
        yield [Spreadsheet(path.name, path)]
        return
    if path.suffix.lower() in (".xlsx", ".ods"):
        raise SpreadsheetError(f"{path}: a zip archive, but not an XLSX or ODS workbook")
    wanted = [member for member in members if _is_spreadsheet(member)]
    if not wanted:
        listed = ", ".join(sorted(PurePosixPath(m.filename).name for m in members)[:8]) or "none"
        raise SpreadsheetError(
            f"{path}: a zip archive with no OEWS spreadsheet (.xlsx, .xls, .ods, .csv or .tsv)"
            f" in it; it holds: {listed}"
        )
    leftovers.sweep_imports(notify)
    with tempfile.TemporaryDirectory(prefix=leftovers.owned(leftovers.IMPORT_PREFIX)) as folder:
        found: list[Spreadsheet] = []
        try:
            with zipfile.ZipFile(path) as archive:
                for index, member in enumerate(wanted):
                    name = PurePosixPath(member.filename).name
                    target = Path(folder) / str(index)
                    target.mkdir()
                    with archive.open(member) as source, (target / name).open("wb") as sink:
                        shutil.copyfileobj(source, sink, 1024**2)
                    found.append(Spreadsheet(name, target / name, path))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
            raise SpreadsheetError(f"{path}: the archive cannot be read ({short(error)})") from None
        yield found


def _is_spreadsheet(member: zipfile.ZipInfo) -> bool:
    name = PurePosixPath(member.filename)
    return (
        not member.is_dir()
        and "__MACOSX" not in name.parts
        and not name.name.startswith((".", "~$"))
        and name.suffix.lower() in SPREADSHEET_SUFFIXES
    )


def _magic(path: Path) -> bytes:
    """The first bytes of the file, opened then checked: a FIFO or a device is refused,
    never waited on."""
    descriptor = open_regular(path, "spreadsheet", MAX_FILE_BYTES)
    try:
        return os.read(descriptor, 8)[:4]
    except OSError as error:
        raise SpreadsheetError(f"{path}: cannot be read ({error.strerror or error})") from None
    finally:
        os.close(descriptor)


def check_zip(path: Path, *, workbook: bool = True) -> list[zipfile.ZipInfo]:
    """The members of a zip, refused if it would expand beyond reason; with `workbook`, also
    if it is not an XLSX workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SpreadsheetError(
            f"{path}: not an XLSX spreadsheet nor a zip download that can be read ({error})"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise SpreadsheetError(
            f"{path}: refused: the archive holds {len(members):,} files, more than an OEWS "
            f"download would ({MAX_MEMBERS:,} at most)"
        )
    names = {member.filename for member in members}
    twice = _named_twice(member.filename for member in members)
    if twice is not None:
        raise SpreadsheetError(
            f"{path}: refused: the archive holds two files named {quoted(twice)}; readers "
            "differ on which of them they read"
        )
    if workbook and "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise SpreadsheetError(f"{path}: a zip archive, but not an XLSX workbook")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise SpreadsheetError(
            f"{path}: refused: it would expand to {total / 1024**2:,.0f} MiB, more than the "
            f"{MAX_UNCOMPRESSED / 1024**2:,.0f} MiB limit (a zip bomb?)"
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and (
            member.compress_size == 0 or member.file_size / member.compress_size > MAX_RATIO
        ):
            ratio = member.file_size / max(member.compress_size, 1)
            raise SpreadsheetError(
                f"{path}: refused: {member.filename} is compressed {ratio:,.0f} to 1, more than "
                f"a spreadsheet ever is ({MAX_RATIO} to 1 at most; a zip bomb?)"
            )
    return members


def _named_twice(names: Iterable[str]) -> str | None:
    """The first name given more than once (a zip's members, a workbook's sheets), or None."""
    return next((name for name, count in Counter(names).items() if count > 1), None)


# ---------------------------------------------------------------- one spreadsheet


def open_table(
    path: Path, progress: Progress | None = None, where: str | None = None, *, stream: bool = True
) -> Table:
    """The data sheet of the spreadsheet at `path`; NoDataSheetError if it has none, and
    SpreadsheetError if it cannot be read. `where` names it in messages. A sheet larger than
    STREAM_BYTES is read as it streams unless `stream` is false; its rows may then raise
    ReadAgain, when the caller opens it again with `stream` false."""
    try:
        return _open_table(path, progress, where or str(path), stream=stream)
    except ReadAgain:  # met among the first rows, read here for the header
        return _open_table(path, progress, where or str(path), stream=False)


def _open_table(path: Path, progress: Progress | None, where: str, *, stream: bool) -> Table:
    magic = _magic(path)
    if magic == ZIP_MAGIC:
        members = check_zip(path, workbook=False)
        if sheetscan.is_ods(path, members):
            content = next(m for m in members if m.filename == "content.xml")
            if content.file_size > STREAM_BYTES:  # read as it streams, or refused: never whole
                return _streamed_ods_table(path, where, content.file_size)
            sheetscan.check_ods(path, where)
            return _workbook_table(path, where, progress, LOADER_PASSES * content.compress_size)
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names and "xl/workbook.bin" in names:
            # Its binary sheets could not be scanned for far cells before the reader runs.
            raise SpreadsheetError(
                f"{where}: an Excel binary workbook (.xlsb), which mlcareers does not read; "
                "save it as .xlsx (Excel: File > Save As) and import that"
            )
        if "xl/workbook.xml" not in names:
            raise SpreadsheetError(f"{path}: a zip archive, but not an XLSX or ODS workbook")
        sheetscan.check_dimensions(path, members, where)
        streamed = _streamed_sheets(path, members) if stream else {}
        loaded = [m for m in members if m not in streamed.values()]
        scan = Background(functools.partial(sheetscan.check_sheets, path, loaded, where))
        if sheetscan.worksheet_bytes(loaded) < SCAN_FIRST_BYTES:
            scan.finish()  # a small sheet loads in no time: scan it before the reader runs
        sheets = sum(m.compress_size for m in loaded if m.filename.startswith("xl/worksheets/"))
        strings = sum(m.compress_size for m in members if "sharedStrings" in m.filename)
        return _workbook_table(
            path, where, progress, LOADER_PASSES * sheets + strings, scan, streamed
        )
    if magic == OLE_MAGIC:
        from mlcareers.official.xls_scan import check_xls  # noqa: PLC0415 -- XLS only

        check_xls(path, where)
        return _workbook_table(path, where, progress, path.stat().st_size)
    return delimited_table(path, where, progress)


SCAN_FIRST_BYTES = 16 * 1024**2
"""Sheets smaller than this unpacked are scanned before the reader starts; larger ones while
it runs (the scan takes a fifth of its time, and on its own core none of the wall time): it
is done, and any refusal made, long before the reader has parsed enough to allocate."""


STREAM_BYTES = 160 * 1024**2
"""A sheet larger than this unpacked is read as it streams (xlsx_stream), not by
python-calamine, which would hold all of it: the metro file's sheet (about 120 MiB) loads
whole in about 330 MiB, the all-data file's (about 350 MiB) took 860 MiB. So is an .ods
whose content.xml (all its sheets) is larger (ods_stream): the all-data file as .ods, 1.4 GB
of XML, took 1.3 GiB."""


def _streamed_sheets(path: Path, members: Sequence[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The sheets, by name, to read as they stream: those larger than STREAM_BYTES unpacked."""
    if not any(m.file_size > STREAM_BYTES for m in members):
        return {}
    from mlcareers.official import xlsx_stream  # noqa: PLC0415 -- only large workbooks

    by_name = {m.filename: m for m in members}
    with zipfile.ZipFile(path) as archive:
        sheets = xlsx_stream.sheet_members(archive)
    return {
        name: by_name[member]
        for name, member in sheets.items()
        if member in by_name and by_name[member].file_size > STREAM_BYTES
    }


class ReadAgain(Exception):  # noqa: N818 -- a signal to read the sheet again, not a failure
    """The streaming reader met what it leaves to python-calamine (a formula, a date, rows out
    of order, an unusual form): the sheet is to be read again from its start, by
    python-calamine, and what was made of the rows given so far dropped (Import.add does)."""


def _streamed_rows(
    path: Path, member: zipfile.ZipInfo, where: str
) -> Iterator[tuple[int, Sequence[Cell]]]:
    """A large sheet's rows as they stream (xlsx_stream); ReadAgain from the first row the
    streaming reader leaves to python-calamine. Never a mix of the two readers: python-calamine
    starts a row at the sheet's first column with anything in it, the stream at column A."""
    from xml.etree.ElementTree import ParseError  # noqa: PLC0415

    from mlcareers.official import xlsx_stream  # noqa: PLC0415 -- only large workbooks

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            strings = xlsx_stream.shared_strings(archive, names)
            dates = xlsx_stream.date_styles(archive, names)
            yield from xlsx_stream.rows(archive, member.filename, strings, dates)
    except (xlsx_stream.Unsupported, ParseError):  # the reader is laxer than expat
        raise ReadAgain(where) from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({short(error)})") from None


def _workbook_table(
    path: Path,
    where: str,
    progress: Progress | None,
    expected: int,
    scan: Background | None = None,
    streamed: dict[str, zipfile.ZipInfo] | None = None,
) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook  # noqa: PLC0415

    errors = (CalamineError, OSError, ValueError, RuntimeError)
    loading = _LoadProgress(progress, expected, scan)
    try:
        workbook: CalamineWorkbook = in_worker(
            lambda: CalamineWorkbook.from_path(str(path)), loading.tick
        )
    except errors as error:
        raise SpreadsheetError(f"{where}: not a readable spreadsheet ({short(error)})") from None

    def load(name: str) -> CalamineSheet:
        try:
            return in_worker(functools.partial(workbook.get_sheet_by_name, name), loading.tick)
        except errors as error:
            raise SpreadsheetError(
                f"{where}: sheet {quoted(name)} cannot be read ({short(error)})"
            ) from None

    names = workbook.sheet_names
    twice = _named_twice(names)
    if twice is not None:
        raise sheetscan.sheet_named_twice(where, twice)

    def sheets() -> Iterator[_Sheet]:
        for name in names:
            member = (streamed or {}).get(name)
            if member is not None:
                declared = sheetscan.declared_rows(path, member)
                yield _Sheet(name, _streamed_rows(path, member, where), declared)
            else:
                sheet = load(name)
                # iter_rows numbers rows from the top of the sheet, as a person reading it would.
                last = sheet.end[0] + 1 if sheet.end else None
                yield _Sheet(name, enumerate(sheet.iter_rows(), start=1), last)
        if scan is not None:
            scan.finish()
        loading.done()

    return _data_table(where, sheets())


def _streamed_ods_table(path: Path, where: str, size: int) -> Table:
    """The data sheet of a large .ods, read as it streams (ods_stream), in one pass with the
    sheets after it."""
    from mlcareers.official import ods_stream  # noqa: PLC0415 -- only large .ods files

    sheets = (_Sheet(name, rows, None) for name, rows in ods_stream.sheets(path, where, size))
    return _data_table(where, sheets, one_pass=True)


class _Sheet(NamedTuple):
    name: str
    rows: Iterator[tuple[int, Sequence[Cell]]]
    last: int | None
    """The number of its last row, if known before its rows are read."""


def _data_table(where: str, sheets: Iterator[_Sheet], *, one_pass: bool = False) -> Table:
    """The data sheet among `sheets`, found by its header, with the text of the others as its
    notes. When the sheets are read in `one_pass`, the data sheet's rows must be read before
    the sheets after it, so their text is read then (Table.notes_after)."""
    found: Table | None = None
    notes: list[str] = []
    other_tables: list[str] = []
    """Sheets of a projections workbook that are not Table 1.2 (Table 1.3, ...)."""

    for name, rows, last in sheets:
        first = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        if found is None:
            found = _oews_table(name, first, rows, last)
            if found is None and (at := projections.header_at([r for _, r in first])) is not None:
                title = " ".join(str(cell) for _, row in first[:at] for cell in row if cell)
                if not projections.is_table_1_2(title, name):
                    other_tables.append(name)
                    continue
                labels = tuple("" if cell is None else str(cell) for cell in first[at][1])
                header = tuple(fold_header(cell) for cell in labels)
                body = itertools.chain(first[at + 1 :], rows)
                found = Table(header, body, _remaining(last, first[at][0]), "", name, "ep", labels)
            if found is not None and one_pass:
                later = functools.cache(lambda: "\n".join(_notes_after(sheets)))
                return found._replace(notes="\n".join(notes), notes_after=later)
            if found is not None:
                continue  # the sheets after it are read on, for their notes
        notes.extend(_sheet_notes(itertools.chain(first, rows)))
    if found is None and other_tables:
        raise NoProjectionsTableError(
            f"{where}: a BLS Employment Projections workbook, but none of its sheets is Table 1.2 "
            f"(it has {', '.join(other_tables[:6])}{', ...' if len(other_tables) > 6 else ''}); "
            f"Table 1.2 is in occupation.xlsx ({PROJECTIONS_PAGE}); nothing was imported"
        )
    if found is None:
        raise NoDataSheetError(
            f"{where}: no sheet has an OCC_CODE column in its first {HEADER_SEARCH_ROWS} rows, "
            "nor is Table 1.2 of BLS Employment Projections; is it an OEWS spreadsheet, or "
            "occupation.xlsx?"
        )
    return found._replace(notes="\n".join(notes))


def _oews_table(
    name: str,
    first: list[tuple[int, Sequence[Cell]]],
    rows: Iterator[tuple[int, Sequence[Cell]]],
    last: int | None,
) -> Table | None:
    """The sheet as an OEWS data sheet, if one of its `first` rows is an OEWS header."""
    at = header_at([row for _, row in first])
    if at is None:
        return None
    header = tuple(fold_header(cell) for cell in first[at][1])
    body = itertools.chain(first[at + 1 :], rows)
    return Table(header, body, _remaining(last, first[at][0]), "", name)


def _remaining(last: int | None, header: int) -> int | None:
    """How many rows follow the header, if the sheet's last row is known."""
    return max(last - header, 0) if last is not None else None


def _sheet_notes(rows: Iterator[tuple[int, Sequence[Cell]]]) -> list[str]:
    """A sheet that is not the data sheet, as text: its first NOTES_ROWS rows, a line each,
    each cut at NOTE_CHARS (a streamed sheet's row may hold megabytes of text, and its notes
    are kept to the end)."""
    return [" ".join(map(str, row))[:NOTE_CHARS] for _, row in itertools.islice(rows, NOTES_ROWS)]


NOTE_CHARS = 64 * 1024
"""BLS states its top-coded wage in a sentence; 200 rows of 16 MiB each held 3 GB."""


def _notes_after(sheets: Iterator[_Sheet]) -> Iterator[str]:
    for sheet in sheets:
        yield from _sheet_notes(sheet.rows)


def in_worker(call: Callable[[], T], tick: Callable[[], None] | None = None) -> T:
    """`call()` run in a daemon thread while this one waits in slices of WAIT_SLICE seconds,
    calling `tick` between them: a KeyboardInterrupt is raised here within a slice, even while
    the call runs in native code that never returns to Python. An interrupted call is left to
    finish, or to die with the process: the thread holds nothing the store needs."""
    outcome: list[T] = []
    Background(lambda: outcome.append(call()), "mlcareers-loader").finish(tick)
    return outcome[0]


class Background:
    """A call run in a daemon thread while this one goes on: `check` raises what it raised,
    `finish` waits for it (in slices, so Ctrl-C is seen, calling `tick` between them) and
    raises what it raised."""

    def __init__(self, call: Callable[[], None], name: str = "mlcareers-scan") -> None:
        self.failure: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(call,), name=name, daemon=True)
        self.thread.start()

    def _run(self, call: Callable[[], None]) -> None:
        try:
            call()
        except BaseException as error:  # handed to the waiting thread, whatever it is
            self.failure.append(error)

    def check(self) -> None:
        if self.failure:
            raise self.failure[0]

    def finish(self, tick: Callable[[], None] | None = None) -> None:
        while self.thread.is_alive():
            self.thread.join(WAIT_SLICE)
            if tick is not None:
                tick()
        self.check()


class _LoadProgress:
    """The progress of a workbook's load, estimated from the bytes the process has read; each
    tick also raises what the background scan has found, at once."""

    def __init__(self, progress: Progress | None, expected: int, scan: Background | None) -> None:
        self.progress = progress
        self.expected = max(expected, 1)
        self.scan = scan
        self.start = _bytes_read() if progress is not None else None

    def tick(self) -> None:
        if self.scan is not None:
            self.scan.check()
        if self.progress is None:
            return
        now = _bytes_read()
        if self.start is None or now is None:
            self.progress("load", 0, None)
            return
        self.progress("load", min(now - self.start, self.expected * 99 // 100), self.expected)

    def done(self) -> None:
        if self.progress is not None:
            self.progress("load", self.expected, self.expected)


def _bytes_read() -> int | None:
    """The bytes this process has read from files so far (Linux's /proc/self/io), or None."""
    try:
        with open("/proc/self/io", "rb") as stream:
            for line in stream:
                if line.startswith(b"rchar:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None
