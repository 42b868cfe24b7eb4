"""What runs killed where they stood leave behind (a migration's database and journal, 2.0's
unfinished JSON saves, a zip import's extracted spreadsheets) goes with the next run that
writes, or with `official clear`, never while the run that made it lives."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.official import leftovers

from .fixtures_official import (
    DS,
    official_cli,
    row,
    store_from,
    write_csv,
    write_store_2_0,
    write_xlsx,
    write_zip,
)

MIB = 1024**2
HOUR = 3600
OTHER_MACHINE = "000000" if leftovers.machine() != "000000" else "ffffff"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory, this test's own."""
    path = tmp_path / "tmp"
    path.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    return path


@pytest.fixture
def dead() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def alive() -> Iterator[int]:
    """The id of another process, running while the test runs."""
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as process:
        yield process.pid
        process.kill()


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(official_cli(), ["official", *args])  # type: ignore[arg-type]


def owned(prefix: str, pid: int, machine: str | None = None) -> str:
    """The prefix a process of id `pid` names its temporary files and folders with."""
    return f"{prefix}{pid}-{machine or leftovers.machine()}-"


def put(path: Path, size: int = 0, age: float = 0) -> Path:
    """A file of `size` bytes (sparse) last written `age` seconds ago."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        stream.truncate(size)
    return aged(path, age)


def aged(path: Path, age: float) -> Path:
    moment = time.time() - age
    os.utime(path, (moment, moment))
    return path


def folder(path: Path, size: int = 0, age: float = 0) -> Path:
    """A folder as an import extracts a zip into: a spreadsheet in a numbered folder."""
    put(path / "0" / "MSA_M2024_dl.xlsx", size, age)
    aged(path / "0", age)
    return aged(path, age)


def names(where: Path) -> list[str]:
    return sorted(path.name for path in where.iterdir())


def killed(script: str, *args: str, **env: str) -> int:
    """Run mlcareers with `args` in a new process, after `script` (which makes it kill itself
    with SIGKILL somewhere); the process's id."""
    code = f"import os, signal, sys\n{script}\nsys.argv = ['mlcareers', *sys.argv[1:]]\n"
    code += "from mlcareers.entry import main\nmain()\n"
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as process:
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, stderr
    return process.pid


# ---------------------------------------------------------------- beside the store


def test_a_killed_migrations_database_goes_with_the_next_migration(
    runner: CliRunner, home: Path
) -> None:
    write_store_2_0(home)
    pid = killed(
        "from mlcareers.official import migration\n"
        "real = migration._write_store\n"
        "def write(db, store):\n"
        "    real(db, store)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "migration._write_store = write\n",
        "official",
        "list",
        MLCAREERS_HOME=str(home),
    )
    left = [name for name in names(home) if name.startswith(".")]
    assert len(left) == 2  # the database and its journal, named with the killed process's id
    assert all(name.startswith(owned(".official-", pid)) for name in left)
    assert {name.removeprefix(left[0]) for name in left} == {"", "-journal"}
    result = run(runner, "list", "--json")
    assert result.exit_code == 0, result.stderr
    removed, moved = result.stderr.splitlines()
    assert removed.startswith("mlcareers: removed 2 leftover temporary files (")
    assert removed.endswith(f") of an interrupted run in {home}")
    assert "moved the official statistics store" in moved
    assert names(home) == ["official.json.migrated", "official.sqlite3"]
    assert len(json.loads(result.stdout)["files"]) == 1


def test_a_live_runs_migration_database_is_kept(
    runner: CliRunner, home: Path, dead: int, alive: int
) -> None:
    write_store_2_0(home)
    gone = owned(".official-", dead) + "abcd_123.sqlite3.tmp"
    put(home / gone, 3 * MIB)
    put(home / f"{gone}-journal", 512)
    living = put(home / (owned(".official-", alive) + "efgh_456.sqlite3.tmp"), MIB)
    # A process of the same id on another machine (or in another container) is not this one's:
    # its file is kept until it has been quiet for an hour.
    elsewhere = put(home / (owned(".official-", dead, OTHER_MACHINE) + "ijkl_789.sqlite3.tmp"))
    result = run(runner, "list")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"mlcareers: removed 2 leftover temporary files (3.0 MiB) of an interrupted run in {home}"
    )
    assert living.exists()
    assert elsewhere.exists()
    assert not (home / gone).exists()
    assert not (home / f"{gone}-journal").exists()


def test_2_0_saves_and_older_leftovers_go_with_the_next_import_once_an_hour_old(
    runner: CliRunner, home: Path, tmp_path: Path
) -> None:
    store_from(home, write_xlsx(tmp_path / "MSA_M2023_dl.xlsx"))
    put(home / ".official-k2x9_abc.tmp", 2 * MIB, 2 * HOUR)  # 2.0's unfinished JSON save
    put(home / ".official-7fq1w0zz.sqlite3.tmp", MIB, 2 * HOUR)  # 4.1's killed migration
    put(home / ".official-7fq1w0zz.sqlite3.tmp-journal", 0, 2 * HOUR)
    recent = put(home / ".official-m3n4b5v6.tmp", MIB, 60)  # may be another run's, writing
    other = [put(home / name, 1, 2 * HOUR) for name in (".official-abc.tmp", "notes.tmp")]
    listed = run(runner, "list")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stderr == ""  # commands that only read remove nothing
    assert len(names(home)) == 7
    result = run(runner, "import", str(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"mlcareers: removed 3 leftover temporary files (3.0 MiB) of interrupted runs in {home}\n"
    )
    assert names(home) == sorted(["official.sqlite3", recent.name, *(p.name for p in other)])


def test_an_old_leftover_is_kept_while_another_run_holds_the_stores_lock(
    home: Path, tmp_path: Path
) -> None:
    store = store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"))
    old = put(home / ".official-k2x9_abc.tmp", 10, 2 * HOUR)
    held = sqlite3.connect(store, isolation_level=None)
    try:
        held.execute("BEGIN IMMEDIATE")
        assert not leftovers.sweep_store_folder(store)
        assert old.exists()
    finally:
        held.close()
    said: list[str] = []
    assert leftovers.sweep_store_folder(store, said.append).files == 1
    assert not old.exists()
    assert said == [f"removed 1 leftover temporary file (10 bytes) of an interrupted run in {home}"]


def test_commands_that_only_read_remove_nothing(
    runner: CliRunner, home: Path, tmp_path: Path, scratch: Path, dead: int
) -> None:
    from mlcareers.cli import app

    store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"))
    left = [
        put(home / (owned(".official-", dead) + "abcd_123.sqlite3.tmp"), MIB),
        put(home / ".official-k2x9_abc.tmp", MIB, 2 * HOUR),
        folder(scratch / (owned("mlcareers-import-", dead) + "abcd_123"), MIB),
    ]
    for args in (["official", "list"], ["show", "ds"], ["where", "ds"], ["rank", "--json"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "removed" not in result.stderr
    assert all(path.exists() for path in left)


# ---------------------------------------------------------------- the rules


def test_a_process_is_asked_after_only_where_that_is_harmless(
    dead: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert leftovers.process_alive(dead) is False
    assert leftovers.process_alive(os.getpid()) is True
    assert leftovers.process_alive(0) is None  # 0 would be this process's group
    assert leftovers.owned("x-") == owned("x-", os.getpid())

    def kill(pid: int, number: int) -> None:
        raise AssertionError("on Windows os.kill(pid, 0) ends the process")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "kill", kill)
    assert leftovers.process_alive(dead) is None


def test_on_windows_a_dead_runs_file_goes_only_once_an_hour_old(
    home: Path, dead: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    recent = put(home / (owned(".official-", dead) + "abcd_123.sqlite3.tmp"), 10)
    old = put(home / (owned(".official-", dead) + "efgh_456.sqlite3.tmp"), 10, 2 * HOUR)
    assert leftovers.sweep_store_folder(home / "official.sqlite3").files == 1
    assert recent.exists()
    assert not old.exists()


@pytest.mark.parametrize(
    ("size", "shown"),
    [(1, "1 byte"), (512, "512 bytes"), (2048, "2.0 KiB"), (59 * MIB + 1, "59 MiB")],
)
def test_sizes_are_said_as_people_read_them(size: int, shown: str) -> None:
    assert leftovers.size_text(size) == shown


# ---------------------------------------------------------------- a zip's extracted files


def test_a_killed_zip_imports_spreadsheets_go_with_the_next_zip_import(
    runner: CliRunner, home: Path, tmp_path: Path, scratch: Path
) -> None:
    download = write_zip(tmp_path / "oesm24ma.zip", [write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")])
    pid = killed(
        "from mlcareers.official import sheets\n"
        "sheets.open_table = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)\n",
        "official",
        "import",
        str(download),
        MLCAREERS_HOME=str(home),
        TMPDIR=str(scratch),
    )
    (left,) = scratch.iterdir()
    assert left.name.startswith(owned("mlcareers-import-", pid))
    assert any(path.name == "MSA_M2024_dl.xlsx" for path in left.rglob("*"))
    result = run(runner, "import", str(download))
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("mlcareers: removed 1 leftover temporary folder (")
    assert line.endswith(f") of an interrupted run in {scratch}")
    assert list(scratch.iterdir()) == []


def test_a_killed_zip_imports_spreadsheets_go_with_the_next_import_of_any_file(
    runner: CliRunner, home: Path, tmp_path: Path, scratch: Path
) -> None:
    # A probe on the final main: a plain .xlsx import left a killed zip import's 18.8 MB.
    download = write_zip(tmp_path / "oesm24ma.zip", [write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")])
    killed(
        "from mlcareers.official import sheets\n"
        "sheets.open_table = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)\n",
        "official",
        "import",
        str(download),
        MLCAREERS_HOME=str(home),
        TMPDIR=str(scratch),
    )
    assert list(scratch.iterdir())
    plain = write_csv(tmp_path / "x_M2024_dl.csv", [row("99", DS)])
    result = run(runner, "import", str(plain))
    assert result.exit_code == 0, result.stderr
    assert "removed 1 leftover temporary folder" in result.stderr
    assert list(scratch.iterdir()) == []


def test_import_folders_of_live_runs_and_recent_unknown_ones_are_kept(
    runner: CliRunner, home: Path, tmp_path: Path, scratch: Path, dead: int, alive: int
) -> None:
    gone = folder(scratch / (owned("mlcareers-import-", dead) + "abcd_123"), 2 * MIB)
    old = folder(scratch / "mlcareers-import-q8w7e6r5", MIB, 2 * HOUR)  # before ids were in names
    living = folder(scratch / (owned("mlcareers-import-", alive) + "efgh_456"), MIB)
    recent = folder(scratch / "mlcareers-import-z1x2c3v4", MIB, 60)
    # Quiet for an hour, but a spreadsheet in it was written a minute ago: still in use.
    busy = folder(scratch / "mlcareers-import-busy_123", MIB, 2 * HOUR)
    put(busy / "1" / "national_M2024_dl.xlsx", 10, 60)
    target = folder(tmp_path / "elsewhere", 10)
    (scratch / (owned("mlcareers-import-", dead) + "link_123")).symlink_to(target)
    spreadsheet = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    result = run(runner, "import", str(spreadsheet))  # any import looks, a zip or not
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"mlcareers: removed 2 leftover temporary folders (3.0 MiB) of interrupted runs in "
        f"{scratch}",
    ]
    result = run(runner, "import", str(write_zip(tmp_path / "oesm24ma.zip", [spreadsheet])))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "mlcareers: replaced what MSA_M2024_dl.xlsx (May 2024) gave before",
    ]
    assert not gone.exists()
    assert not old.exists()
    assert living.exists()
    assert recent.exists()
    assert busy.exists()
    assert names(target) == ["0"]


# ---------------------------------------------------------------- a download's unfinished file


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The URL of an OEWS zip, served by a local server while the test runs."""
    import functools
    import http.server
    import threading

    folder = tmp_path / "served"
    folder.mkdir()
    write_zip(folder / "oesm24ma.zip", [write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")])

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Nothing on the test's stderr."""

    handler = functools.partial(Quiet, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/oesm24ma.zip"
        server.shutdown()
        thread.join(5)


@pytest.mark.parametrize(
    ("where", "part", "kept"),
    [
        # Killed once the body was written, before it was renamed into place.
        ("download.os.fsync", ".oesm24ma.zip.", []),
        # Killed writing the sidecar: the download is whole and placed, and stays.
        ("download_cache.json.dump", ".oesm24ma.zip.json.", ["oesm24ma.zip"]),
    ],
)
def test_a_killed_downloads_unfinished_file_goes_with_the_next_import(
    runner: CliRunner,
    home: Path,
    tmp_path: Path,
    served: str,
    where: str,
    part: str,
    kept: list[str],
) -> None:
    from mlcareers.official import download_cache

    module, _, name = where.partition(".")
    pid = killed(
        f"from mlcareers.official import {module}\n"
        f"{module}.{name} = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)\n",
        "official",
        "import",
        served,
        MLCAREERS_HOME=str(home),
        no_proxy="*",
        NO_PROXY="*",
    )
    folder = download_cache.entry_of(home / "downloads", served)
    (left,) = [path for path in folder.iterdir() if path.name.endswith(".part")]
    assert left.name.startswith(owned(part, pid))
    size = left.stat().st_size
    listed = run(runner, "list")
    assert listed.exit_code == 0, listed.stderr
    assert left.exists()  # commands that only read remove nothing
    result = run(runner, "import", str(write_xlsx(tmp_path / "national_M2024_dl.xlsx")))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"mlcareers: removed 1 leftover temporary file ({leftovers.size_text(size)}) of an "
        f"interrupted run in {home / 'downloads'}\n"
    )
    assert names(folder) == kept


def test_download_files_of_live_runs_recent_unknown_ones_and_kept_downloads_stay(
    runner: CliRunner, home: Path, tmp_path: Path, dead: int, alive: int
) -> None:
    downloads = home / "downloads"
    folder = downloads / "0123456789abcdef"
    whole = put(folder / "oesm24ma.zip", MIB, 2 * HOUR)  # a kept download and its sidecar
    sidecar = put(folder / ".oesm24ma.zip.json", 10, 2 * HOUR)
    gone = [
        put(folder / (owned(".oesm24ma.zip.", dead) + "abcd_123.part"), 2 * MIB),
        put(folder / (owned(".oesm24ma.zip.json.", dead) + "efgh_456.part"), 10),
        # An older mlcareers's, named without its owner: once an hour quiet.
        put(folder / ".oesm24nat.zip.q8w7e6r5.part", MIB, 2 * HOUR),
        put(downloads / ".occupation.xlsx.z1x2c3v4.part", MIB, 2 * HOUR),
    ]
    stay = [
        put(folder / (owned(".oesm24st.zip.", alive) + "ijkl_789.part"), MIB),
        put(folder / (owned(".oesm24all.zip.", dead, OTHER_MACHINE) + "mnop_012.part"), MIB),
        put(folder / ".MARPP.zip.m3n4b5v6.part", MIB, 60),  # may be another run's, writing
        put(folder / ".oesm24ma.zip.notes.part", 1, 2 * HOUR),  # not a name mlcareers makes
        put(downloads / "elsewhere" / ".x.zip.abcd_123.part", 1, 60),
    ]
    target = put(tmp_path / "elsewhere" / (owned(".x.zip.", dead) + "abcd_123.part"), 1)
    (downloads / "linked").symlink_to(target.parent)  # never followed
    result = run(runner, "import", str(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "mlcareers: removed 4 leftover temporary files (4.0 MiB) of interrupted runs in "
        f"{downloads}\n"
    )
    assert not any(path.exists() for path in gone)
    assert all(path.exists() for path in [whole, sidecar, *stay, target])


def test_clear_removes_a_killed_downloads_file_where_no_download_is_kept(
    runner: CliRunner, home: Path, dead: int
) -> None:
    left = put(home / "downloads" / "0123456789abcdef" / (owned(".x.zip.", dead) + "ab_12345.part"))
    result = run(runner, "clear", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"mlcareers: the official statistics store {home / 'official.sqlite3'} is already "
        "empty; removed 1 leftover temporary file (0 bytes) of an interrupted run\n"
    )
    assert not left.exists()


def test_clear_leaves_a_live_runs_download_where_downloads_are_kept(
    runner: CliRunner, home: Path, dead: int, alive: int
) -> None:
    # clear removed the whole downloads folder, a running import's unfinished file with it;
    # that import then failed with "cannot write ... (No such file or directory)".
    url = home / "downloads" / "0123456789abcdef"
    kept = put(url / "MSA_M2024_dl.xlsx", 10)
    put(url / "MSA_M2024_dl.xlsx.json", 10)
    live = put(
        home / "downloads" / "fedcba9876543210" / (owned(".y.zip.", alive) + "ab_12345.part")
    )
    gone = put(url / (owned(".x.zip.", dead) + "cd_12345.part"))
    result = run(runner, "clear", "--yes")
    assert result.exit_code == 0, result.stderr
    assert live.exists()
    assert not kept.exists()
    assert not gone.exists()
    assert not url.exists()


def test_a_killed_download_of_a_device_name_is_swept(home: Path, dead: int) -> None:
    # A URL ending in nul.xlsx is saved as _nul.xlsx: its unfinished file was never swept.
    left = put(
        home / "downloads" / "0123456789abcdef" / (owned("._nul.xlsx.", dead) + "ab_12345.part")
    )
    assert leftovers.sweep_downloads(home / "downloads")
    assert not left.exists()


# ---------------------------------------------------------------- official clear


def test_clear_removes_leftovers_and_says_how_much_it_freed(
    runner: CliRunner, home: Path, tmp_path: Path, scratch: Path, dead: int, alive: int
) -> None:
    store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"))
    gone = owned(".official-", dead) + "abcd_123.sqlite3.tmp"
    put(home / gone, 3 * MIB)
    put(home / f"{gone}-journal", 0)
    folder(scratch / (owned("mlcareers-import-", dead) + "abcd_123"), MIB)
    living = put(home / (owned(".official-", alive) + "efgh_456.sqlite3.tmp"), MIB)
    result = run(runner, "clear", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"mlcareers: cleared the official statistics store {home / 'official.sqlite3'} (1 "
        "imported file); removed 2 leftover temporary files and 1 leftover temporary folder "
        "(4.0 MiB) of interrupted runs\n"
    )
    assert names(home) == sorted(["official.sqlite3", living.name])
    assert list(scratch.iterdir()) == []
    put(home / ".official-k2x9_abc.tmp", 5 * MIB, 2 * HOUR)
    again = run(runner, "clear")  # an empty store: nothing to ask
    assert again.exit_code == 0, again.stderr
    assert again.stderr == (
        f"mlcareers: the official statistics store {home / 'official.sqlite3'} is already "
        "empty; removed 1 leftover temporary file (5.0 MiB) of an interrupted run\n"
    )
