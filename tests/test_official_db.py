"""The SQLite store: migration from 2.0's JSON, one transaction an import, replacing and
removing files, a newer schema, a lock held by another import, a full disk, a corrupt file,
and Ctrl-C, each leaving the store whole."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlcareers import interrupts
from mlcareers.official import connection as connection_module
from mlcareers.official import database as db_module
from mlcareers.official import migration
from mlcareers.official.database import SCHEMA_VERSION, Database, open_for_writing, open_store
from mlcareers.official.errors import CorruptStoreError, StoreError
from mlcareers.official.models import Marked

from .fixtures_official import (
    CIRS,
    DS,
    NURSE,
    full_rows,
    row,
    sample_rows,
    store_from,
    write_store_2_0,
    write_xlsx,
    write_zip,
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def first(tmp_path: Path, home: Path) -> Path:
    """A store holding MSA_M2024_dl.xlsx; its path."""
    return store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"))


def opened(path: Path) -> Database:
    database = open_store(path)
    assert database is not None
    return database


def files_in(path: Path) -> list[tuple[str, int]]:
    """The store's file, as datasets and rows: what a reader would see."""
    with opened(path) as database:
        return [(info.file, info.rows) for info in database.datasets()]


# ---------------------------------------------------------------- 2.0's JSON store


def test_a_2_0_store_is_migrated_once_with_one_line(home: Path) -> None:
    legacy = write_store_2_0(home)
    said: list[str] = []
    database = open_store(home / "official.sqlite3", notify=said.append)
    assert database is not None
    with database:
        (line,) = said
        assert str(legacy) in line
        assert "official.json.migrated" in line
        assert "1 imported file" in line
        (info,) = database.datasets()
        assert (info.file, info.period, info.annual_cap, info.rows) == (
            "MSA_M2024_dl.xlsx",
            "May 2024",
            239_200,
            11,
        )
        (national,) = database.figures([DS])
        assert (national.figure.median, national.figure.employment) == (112_590, 202_900)
        assert national.figure.h_median is None  # 2.0 kept no hourly wage: none is made up
        (austin,) = database.figures([CIRS], "12420")
        assert austin.figure.employment == Marked(marker="**")
        assert austin.figure.median == Marked(marker="*")
        kinds = {area.code: (area.kind, area.states) for area in database.areas()}
        assert kinds["38900"] == ("metro", ("OR", "WA"))
        assert kinds["48"] == ("state", ("TX",))
    assert not legacy.exists()
    assert (home / "official.json.migrated").read_text(encoding="utf-8").startswith('{"version"')
    again: list[str] = []
    with opened(home / "official.sqlite3") as database:
        assert len(database.datasets()) == 1
    assert again == []


def test_a_2_0_store_is_migrated_by_an_import_too(home: Path, tmp_path: Path) -> None:
    write_store_2_0(home)
    said: list[str] = []
    with open_for_writing(home / "official.sqlite3", notify=said.append) as database:
        job = database.begin_import()
        from mlcareers.official import sheets

        path = write_xlsx(tmp_path / "MSA_M2023_dl.xlsx")
        job.add(sheets.Spreadsheet(path.name, path), "May 2023", sheets.open_table(path))
        job.commit()
        assert [info.file for info in database.datasets()] == [
            "MSA_M2023_dl.xlsx",
            "MSA_M2024_dl.xlsx",
        ]
    assert len(said) == 1


@pytest.mark.parametrize("content", [b"{not json", b'{"version": 7}', b"\xff\xfe"])
def test_a_corrupt_2_0_store_is_one_line_and_nothing_is_made(home: Path, content: bytes) -> None:
    (home / "official.json").write_bytes(content)
    with pytest.raises(CorruptStoreError) as caught:
        open_store(home / "official.sqlite3")
    message = str(caught.value)
    assert str(home / "official.json") in message
    assert "mlcareers official clear" in message
    assert "\n" not in message
    assert sorted(p.name for p in home.iterdir()) == ["official.json"]


def test_a_migration_that_fails_leaves_the_json_alone(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy = write_store_2_0(home)

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(migration, "_write_store", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_store(home / "official.sqlite3")
    assert sorted(p.name for p in home.iterdir()) == ["official.json"]  # no temporary left
    assert legacy.exists()


def test_another_process_migrating_first_wins(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_store_2_0(home)
    real = migration._write_store

    def racing(db: sqlite3.Connection, store: object) -> None:
        real(db, store)  # type: ignore[arg-type]
        # Meanwhile, another process has made the database (empty, as after a clear).
        with db_module._open(home / "official.sqlite3", create=True) as theirs, theirs.changing():
            pass

    monkeypatch.setattr(migration, "_write_store", racing)
    with opened(home / "official.sqlite3") as database:
        assert database.datasets() == []  # theirs, not a second migration over it


# ---------------------------------------------------------------- transactions


def test_the_schema_is_versioned(first: Path) -> None:
    with sqlite3.connect(first) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_an_import_is_one_transaction(first: Path, tmp_path: Path) -> None:
    """A failure in the middle of storing (after the old rows are deleted and some new ones
    written) leaves the store exactly as it was."""
    with sqlite3.connect(first) as connection:
        connection.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON occupations WHEN NEW.code = '29-1141'"
            " BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
    connection.close()
    before = first.read_bytes()
    (tmp_path / "again").mkdir()
    again = write_xlsx(tmp_path / "again" / "MSA_M2024_dl.xlsx", full_rows())
    with pytest.raises(StoreError, match="boom"):
        store_from(first.parent, again)
    assert first.read_bytes() == before
    assert files_in(first) == [("MSA_M2024_dl.xlsx", 13)]


def test_importing_a_file_again_replaces_what_it_gave(first: Path, tmp_path: Path) -> None:
    (tmp_path / "later").mkdir()
    # The same kinds of places as the first (the nation, a state, metros): the same dataset.
    rows = [row("99", DS, mean=1), row("48", DS), row("12420", DS)]
    store_from(first.parent, write_xlsx(tmp_path / "later" / "MSA_M2024_dl.xlsx", rows))
    with opened(first) as database:
        (info,) = database.datasets()
        assert info.rows == 3
        assert [area.code for area in database.areas()] == ["99", "48", "12420"]  # Seattle & co.
        (found,) = database.figures([DS])  # are gone
        assert found.figure.mean == 1


def test_a_zip_imported_again_replaces_each_kind_of_place_it_holds(
    home: Path, tmp_path: Path
) -> None:
    """A zip is not a dataset: each spreadsheet in it replaces what holds the same places. A
    newer zip without the nonmetropolitan file leaves the one stored before."""
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    bos = write_xlsx(tmp_path / "BOS_M2024_dl.xlsx", [row("4800003", NURSE)])
    path = store_from(home, write_zip(tmp_path / "oesm24ma.zip", [msa, bos]))
    with opened(path) as database:
        before = {info.file: info.id for info in database.datasets()}
    assert sorted(before) == ["BOS_M2024_dl.xlsx", "MSA_M2024_dl.xlsx"]
    (tmp_path / "new").mkdir()
    smaller = write_zip(tmp_path / "new" / "oesm24ma.zip", [msa])
    store_from(home, smaller)
    with opened(path) as database:
        after = {info.file: info.id for info in database.datasets()}
    assert after["BOS_M2024_dl.xlsx"] == before["BOS_M2024_dl.xlsx"]
    assert after["MSA_M2024_dl.xlsx"] > before["MSA_M2024_dl.xlsx"]


def test_a_spreadsheet_twice_in_one_import_is_stored_once(home: Path, tmp_path: Path) -> None:
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    archive = write_zip(tmp_path / "oesm24ma.zip", [msa])
    path = store_from(home, msa, archive)
    with opened(path) as database:
        (info,) = database.datasets()
        assert info.archive == "oesm24ma.zip"  # the later one


def test_remove_drops_one_dataset_in_one_transaction(home: Path, tmp_path: Path) -> None:
    path = store_from(
        home,
        write_xlsx(tmp_path / "MSA_M2023_dl.xlsx"),
        write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", full_rows()),
    )
    with opened(path) as database:
        older = database.datasets()[0]
        database.remove([older.id])
        assert [info.period for info in database.datasets()] == ["May 2024"]
        assert database.periods() == ["May 2024"]
        assert {found.dataset.period for found in database.history([DS])} == {"May 2024"}
    with sqlite3.connect(path) as connection:  # no figure left behind
        assert connection.execute(
            "SELECT count(*) FROM figures WHERE dataset = ?", (older.id,)
        ).fetchone() == (0,)
    connection.close()


def test_clear_drops_everything(first: Path) -> None:
    with opened(first) as database:
        assert database.clear() == 1
        assert database.datasets() == []
        assert database.areas() == []


# ---------------------------------------------------------------- a newer schema


@pytest.fixture
def newer(first: Path) -> Path:
    with sqlite3.connect(first) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    return first


def test_a_newer_store_is_read(newer: Path) -> None:
    with opened(newer) as database:
        assert database.read_only
        assert [info.file for info in database.datasets()] == ["MSA_M2024_dl.xlsx"]
        (found,) = database.figures([DS])
        assert found.figure.median == 112_590


def test_a_newer_store_is_never_written(newer: Path, tmp_path: Path) -> None:
    before = newer.read_bytes()
    with pytest.raises(StoreError) as caught:
        store_from(newer.parent, write_xlsx(tmp_path / "MSA_M2023_dl.xlsx"))
    message = str(caught.value)
    assert "written by a newer mlcareers" in message
    assert f"schema {SCHEMA_VERSION + 1}" in message
    assert "\n" not in message
    with opened(newer) as database, pytest.raises(StoreError, match="newer"):
        database.remove([1])
    with opened(newer) as database, pytest.raises(StoreError, match="newer"):
        database.clear()
    assert newer.read_bytes() == before


def test_a_newer_store_this_one_cannot_read_says_so(newer: Path) -> None:
    with sqlite3.connect(newer) as connection:
        connection.execute("ALTER TABLE figures RENAME TO figures_v2")
    connection.close()
    with opened(newer) as database, pytest.raises(StoreError) as caught:
        database.figures([DS])
    assert "newer mlcareers" in str(caught.value)
    assert "upgrade" in str(caught.value)


# ---------------------------------------------------------------- another import


@pytest.fixture
def held(first: Path) -> Iterator[sqlite3.Connection]:
    """The store's write lock, held as another import holds it."""
    connection = sqlite3.connect(first, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    yield connection
    connection.close()


def test_a_locked_store_is_waited_for_then_refused(
    first: Path, held: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLCAREERS_LOCK_TIMEOUT", "0.5")
    said: list[str] = []
    started = time.monotonic()
    with opened(first) as database, pytest.raises(StoreError) as caught:
        database.remove([1], notify=said.append)
    assert 0.5 <= time.monotonic() - started < 10
    (line,) = said  # said once, however many attempts
    assert "waiting" in line
    assert "still being changed by another mlcareers after 0.5 s" in str(caught.value)
    assert "MLCAREERS_LOCK_TIMEOUT" in str(caught.value)
    held.execute("ROLLBACK")
    assert files_in(first) == [("MSA_M2024_dl.xlsx", 13)]


def test_a_locked_store_is_written_once_the_other_import_ends(
    first: Path, held: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLCAREERS_LOCK_TIMEOUT", "30")
    threading.Timer(0.4, lambda: held.execute("COMMIT")).start()
    said: list[str] = []
    with opened(first) as database:
        database.remove([database.datasets()[0].id], notify=said.append)
        assert database.datasets() == []
    assert len(said) == 1


def test_readers_are_not_held_by_an_import_staging(first: Path, tmp_path: Path) -> None:
    """Reading a file takes no lock on the store: another import, or `show`, goes on."""
    from mlcareers.official import sheets

    with open_for_writing(first) as database:
        job = database.begin_import()
        path = write_xlsx(tmp_path / "MSA_M2023_dl.xlsx")
        job.add(sheets.Spreadsheet(path.name, path), "May 2023", sheets.open_table(path))
        store_from(first.parent, write_xlsx(tmp_path / "MSA_M2022_dl.xlsx"))  # not blocked
        job.commit()
    assert sorted(file for file, _ in files_in(first)) == [
        "MSA_M2022_dl.xlsx",
        "MSA_M2023_dl.xlsx",
        "MSA_M2024_dl.xlsx",
    ]


# ---------------------------------------------------------------- a full disk


def test_a_disk_that_fills_during_an_import_leaves_the_old_store(
    first: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = first.read_bytes()
    with sqlite3.connect(first) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.close()
    real = db_module._configure

    def small_disk(connection: sqlite3.Connection) -> None:
        real(connection)
        connection.execute(f"PRAGMA max_page_count = {pages + 1}")  # SQLITE_FULL, on purpose

    monkeypatch.setattr(db_module, "_configure", small_disk)
    many = [row(area, code) for area in ("48", "53", "12420", "42660") for code in (DS, NURSE)]
    many += [
        row(area, occ, mean=mean)
        for area in ("35620", "41940", "38900", "38860", "32420", "72", "4800003")
        for occ in (DS, CIRS, NURSE, "00-0000")
        for mean in (124_590,)
    ]
    with pytest.raises(StoreError) as caught:
        store_from(first.parent, write_xlsx(tmp_path / "MSA_M2023_dl.xlsx", many))
    assert "is full; nothing was changed" in str(caught.value)
    assert first.read_bytes() == before


# ---------------------------------------------------------------- a file that is no store


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"not a database at all" * 20, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "unreadable"),
    ],
)
def test_a_corrupt_database_is_one_line(home: Path, content: bytes, detail: str) -> None:
    path = home / "official.sqlite3"
    path.write_bytes(content)

    def read() -> None:
        database = open_store(path)
        assert database is not None
        database.datasets()

    with pytest.raises(CorruptStoreError) as caught:
        read()
    message = str(caught.value)
    assert str(path) in message
    assert detail in message
    assert "mlcareers official clear" in message
    assert "\n" not in message


def test_a_damaged_store_is_said_when_opened_and_show_still_answers(
    first: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from mlcareers.cli import app

    damaged = bytearray(first.read_bytes())
    damaged[4096:] = b"\x5a" * (len(damaged) - 4096)  # every page but the first
    first.write_bytes(bytes(damaged))
    with pytest.raises(CorruptStoreError, match="malformed"):
        open_store(first)
    monkeypatch.setenv("MLCAREERS_HOME", str(first.parent))
    shown = CliRunner().invoke(app, ["show", "ds", "--json"])
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["slug"] == "data-scientist"
    (line,) = shown.stderr.splitlines()
    assert "official figures are left out" in line


def test_someone_elses_database_is_not_taken_for_a_store(home: Path) -> None:
    path = home / "official.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    with pytest.raises(CorruptStoreError, match="not an mlcareers store"):
        open_store(path)
    with pytest.raises(CorruptStoreError, match="not an mlcareers store"):
        open_for_writing(path)


def test_a_fifo_in_place_of_the_database_never_hangs(home: Path) -> None:
    os.mkfifo(home / "official.sqlite3")
    with pytest.raises(CorruptStoreError, match="is not a regular file"):
        open_store(home / "official.sqlite3")


def test_a_directory_in_place_of_the_database(home: Path) -> None:
    (home / "official.sqlite3").mkdir()
    # Not "corrupt": clear could not remove it either, so the hint says what can.
    with pytest.raises(StoreError, match="is a directory, not a store file; move it") as caught:
        open_store(home / "official.sqlite3")
    assert not isinstance(caught.value, CorruptStoreError)
    assert "official clear" not in str(caught.value)


# ---------------------------------------------------------------- Ctrl-C


def endless_change(database: Database) -> None:
    """A change whose last statement never ends on its own: only a signal stops it."""
    with database.changing() as connection:
        connection.execute("DELETE FROM figures")
        connection.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        ).fetchone()


def test_ctrl_c_during_a_long_statement_rolls_back(first: Path) -> None:
    """SQLite checks for Ctrl-C during a statement of its own: the transaction is undone."""
    before = first.read_bytes()
    main = threading.get_ident()
    with opened(first) as database:
        threading.Timer(0.3, lambda: signal.pthread_kill(main, signal.SIGINT)).start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            endless_change(database)
        assert time.monotonic() - started < 5
    assert first.read_bytes() == before


def test_sigterm_during_a_long_statement_rolls_back_and_says_it_was_sigterm(
    first: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's progress handler runs SIGTERM's handler, whose exception SQLite swallows: the
    statement ends "interrupted", which was taken for Ctrl-C (exit 130, "interrupted")."""
    monkeypatch.setattr(interrupts, "_received", [])
    before = first.read_bytes()
    main = threading.get_ident()
    handler = signal.signal(signal.SIGTERM, interrupts.terminated)
    try:
        with opened(first) as database:
            threading.Timer(0.3, lambda: signal.pthread_kill(main, signal.SIGTERM)).start()
            with pytest.raises(interrupts.Terminated) as ended:
                endless_change(database)
            assert database.changes == 0
    finally:
        signal.signal(signal.SIGTERM, handler)
    assert ended.value.code == 143
    assert first.read_bytes() == before


def test_sigterm_during_a_commit_is_raised_once_the_change_is_counted(
    first: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Ctrl-C is: held back while the commit and its count happen. Python runs a handler
    only between its own steps: a SIGTERM that came while SQLite committed was raised just
    after, before the change was counted, and the line said the store was as it was. Sent
    here as the held part begins, it stands for one that comes during the COMMIT."""
    monkeypatch.setattr(interrupts, "_received", [])
    handler = signal.signal(signal.SIGTERM, interrupts.terminated)
    real = interrupts.held

    @contextlib.contextmanager
    def signalled() -> Iterator[None]:
        with real():
            os.kill(os.getpid(), signal.SIGTERM)  # arrives as the commit starts
            yield

    monkeypatch.setattr(connection_module, "held", signalled)
    try:
        with opened(first) as database:
            with pytest.raises(interrupts.Terminated), database.changing() as connection:
                connection.execute("DELETE FROM figures")
            assert database.changes == 1
    finally:
        signal.signal(signal.SIGTERM, handler)


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_another_thread_takes_during_a_commit_waits_for_its_record(
    monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    """On a terminal a spinner's thread runs beside the commit. A signal the main thread
    blocked went to that thread, and Python ran its handler in the main thread at once,
    between the commit and its record: the line then said the store was as it was."""
    monkeypatch.setattr(interrupts, "_received", [])
    handler = signal.signal(signal.SIGTERM, interrupts.terminated)
    go = threading.Event()

    def send() -> None:  # a thread started before the commit, as the spinner is
        go.wait()
        os.kill(os.getpid(), number)

    sender = threading.Thread(target=send)
    sender.start()
    recorded: list[bool] = []

    def commit() -> None:
        with interrupts.held():
            go.set()
            sender.join()
            time.sleep(0.05)  # Python's own steps, where a handler would run
            recorded.append(True)

    try:
        with pytest.raises((KeyboardInterrupt, interrupts.Terminated)):
            commit()
    finally:
        signal.signal(signal.SIGTERM, handler)
    assert recorded == [True]


SLOW_IMPORT = """
import sys, time
import python_calamine
from pathlib import Path

real = python_calamine.CalamineWorkbook
loading = Path(sys.argv[1])

class Slow:
    '''python-calamine taking a minute to load, in code that never returns to Python.'''

    @staticmethod
    def from_path(path, *args, **kwargs):
        loading.touch()
        time.sleep(60)  # holds no GIL, as a sheet's load in Rust does not
        return real.from_path(path, *args, **kwargs)

python_calamine.CalamineWorkbook = Slow
sys.argv = ["mlcareers", "official", "import", sys.argv[2]]
from mlcareers.entry import main
main()
"""


@pytest.mark.parametrize(
    ("number", "code", "ended"),
    [
        (signal.SIGINT, 130, "interrupted"),
        # SIGTERM ended the import with 143 and said nothing: now it says what Ctrl-C says.
        (signal.SIGTERM, 143, "terminated (SIGTERM)"),
    ],
)
def test_ctrl_c_or_sigterm_while_a_workbook_loads_ends_the_import_at_once(
    first: Path, tmp_path: Path, number: int, code: int, ended: str
) -> None:
    before = first.read_bytes()
    loading = tmp_path / "loading"
    script = tmp_path / "slow_import.py"
    script.write_text(SLOW_IMPORT, encoding="utf-8")
    spreadsheet = write_xlsx(tmp_path / "MSA_M2023_dl.xlsx", sample_rows())
    process = subprocess.Popen(
        [sys.executable, str(script), str(loading), str(spreadsheet)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "MLCAREERS_HOME": str(first.parent)},
    )
    try:
        deadline = time.monotonic() + 60
        while not loading.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.1)
        interrupted = time.monotonic()
        process.send_signal(number)
        out, err = process.communicate(timeout=30)
        took = time.monotonic() - interrupted
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == code, err
    assert out == b""
    (line,) = err.decode().splitlines()
    assert line == f"mlcareers: import {ended}: the official statistics store is as it was"
    assert took < 5  # the loader would have taken a minute
    assert first.read_bytes() == before


def test_a_2_0_store_past_its_old_limit_is_migrated(home: Path) -> None:
    # 2.0 refused to read a store over 256 MiB but went on writing one: the migration reads
    # it (padding with spaces keeps the JSON and passes 256 MiB without writing 256 MiB of
    # figures), and nothing is offered to `official clear`.
    legacy = write_store_2_0(home)
    with legacy.open("ab") as handle:
        handle.truncate(legacy.stat().st_size + 257 * 1024**2)  # sparse: zero bytes
    with legacy.open("r+b") as handle:  # zeros are not JSON: make the tail spaces
        handle.seek(-(257 * 1024**2), os.SEEK_END)
        block = b" " * (16 * 1024**2)
        for _ in range(257 // 16 + 1):
            handle.write(block)
        handle.truncate(legacy.stat().st_size)
    database = open_store(home / "official.sqlite3")
    assert database is not None
    with database:
        assert [info.file for info in database.datasets()] == ["MSA_M2024_dl.xlsx"]
    legacy.unlink(missing_ok=True)  # 257 MiB: not left for pytest to keep


def test_a_2_0_store_too_large_to_migrate_is_never_offered_to_clear(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlcareers.official import store

    legacy = write_store_2_0(home)
    monkeypatch.setattr(store, "MAX_STORE_BYTES", 100)
    with pytest.raises(StoreError) as caught:
        open_store(home / "official.sqlite3")
    assert not isinstance(caught.value, CorruptStoreError)  # clear would delete it
    said = str(caught.value)
    assert "is larger than" in said
    assert "move it away" in said
    assert "official clear" not in said
    assert legacy.exists()
