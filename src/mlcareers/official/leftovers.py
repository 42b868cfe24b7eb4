"""Temporary files and folders that a run killed where it stood (SIGKILL, a power cut) left
behind: beside the store, a migration's unfinished database (and 2.0's unfinished JSON saves);
in the temporary directory, a zip import's extracted spreadsheets; in the downloads folder, a
download's unfinished file (and its sidecar's). Each is named with the id of the process that
made it and a tag of the machine it runs on, so that a later run can tell one whose maker is
gone from one still being written; they are removed where mlcareers writes anyway (an import,
a migration, `official clear`), never by a command that only reads.

A leftover is removed when its maker is known to be gone (its process id, on this machine, is
no process's). One whose maker cannot be known (named by an mlcareers before process ids were
in names, 2.0's JSON saves among them; made on another machine or in another container
sharing the folder; on Windows, where a process cannot be asked after without risk) is
removed only once nothing has written it for STALE_SECONDS and, beside the store, only while
no one holds the store's write lock."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import shutil
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

STORE_PREFIX = ".official-"
IMPORT_PREFIX = "mlcareers-import-"
STALE_SECONDS = 3600
"""How long nothing must have written a leftover whose maker cannot be known: an hour, far
longer than a migration writes or an import reads its extracted spreadsheet."""

_RANDOM = r"[a-z0-9_]{8}"
"""What tempfile adds to a name: eight of its letters, digits and underscores."""
_OWNER = r"(?P<pid>\d{1,10})-(?P<machine>[0-9a-f]{6})-"
_STORE_FILES = (
    # A migration's unfinished database, and SQLite's journal beside it.
    re.compile(
        rf"\.official-(?:{_OWNER})?(?P<stem>{_RANDOM})\.sqlite3\.tmp(?:-journal|-wal|-shm)?"
    ),
    # mlcareers 2.0's unfinished save of the JSON store (official.json).
    re.compile(rf"\.official-(?P<stem>{_RANDOM})\.tmp"),
)
_IMPORT_FOLDER = re.compile(rf"mlcareers-import-(?:{_OWNER})?(?P<stem>{_RANDOM})")
_DOWNLOAD_PART = re.compile(
    rf"\.[A-Za-z0-9_][A-Za-z0-9._-]*\.(?:{_OWNER})?(?P<stem>{_RANDOM})\.part"
)
"""A download's unfinished file, `.<name>.<owner><random>.part`, and its sidecar's,
`.<name>.json.<owner><random>.part` (download, download_cache); an older mlcareers named
them without their owner. A name may start with '_' (a Windows device's name, `_nul.xlsx`)."""

Notify = Callable[[str], None]


@dataclasses.dataclass
class Freed:
    """What sweeps removed."""

    files: int = 0
    folders: int = 0
    size: int = 0
    """Bytes: the sum of the removed files' sizes."""
    runs: set[str] = dataclasses.field(default_factory=set)
    """The runs they were left by (a migration's database and its journal are one run's)."""

    def add(self, other: Freed) -> Freed:
        """This and `other`, together."""
        return Freed(
            self.files + other.files,
            self.folders + other.folders,
            self.size + other.size,
            self.runs | other.runs,
        )

    def __bool__(self) -> bool:
        return bool(self.files or self.folders)

    def said(self) -> str:
        """'removed 2 leftover temporary files (59 MiB) of an interrupted run'."""
        parts = [
            f"{count} leftover temporary {what}{'' if count == 1 else 's'}"
            for count, what in ((self.files, "file"), (self.folders, "folder"))
            if count
        ]
        runs = "an interrupted run" if len(self.runs) <= 1 else "interrupted runs"
        return f"removed {' and '.join(parts)} ({size_text(self.size)}) of {runs}"


def owned(prefix: str) -> str:
    """`prefix` followed by this process's id and machine tag: the prefix of a temporary
    file or folder this process makes, so that a sweep knows whose it is."""
    return f"{prefix}{os.getpid()}-{machine()}-"


@functools.cache
def machine() -> str:
    """Six hex digits naming this machine and its process-id namespace: a process id means
    something only where it was given (two containers, or two computers sharing a folder,
    have processes of the same id)."""
    import hashlib  # noqa: PLC0415 -- only where a temporary file is named
    import platform  # noqa: PLC0415

    try:
        namespace = os.readlink("/proc/self/ns/pid")  # Linux: this process's pid namespace
    except (OSError, AttributeError):
        namespace = ""
    seed = f"{platform.node()}\0{namespace}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(seed).hexdigest()[:6]


def sweep_all(database: Path, downloads: Path, notify: Notify | None = None) -> Freed:
    """Every kind of leftover removed: beside the store at `database`, in the temporary
    directory, and in the downloads folder `downloads`; `notify` is told each kind's in a
    line. What an import sweeps first and clear sweeps last."""
    freed = sweep_store_folder(database, notify).add(sweep_imports(notify))
    return freed.add(sweep_downloads(downloads, notify))


def sweep_store_folder(database: Path, notify: Notify | None = None) -> Freed:
    """Remove the leftovers beside the store at `database` (see the module's docstring);
    `notify` is told what was removed, in one line."""
    freed = _sweep(
        database.parent,
        lambda name: next((m for p in _STORE_FILES if (m := p.fullmatch(name))), None),
        folders=False,
        idle=lambda: store_idle(database),
    )
    if freed and notify is not None:
        notify(f"{freed.said()} in {database.parent}")
    return freed


def sweep_imports(notify: Notify | None = None, folder: Path | None = None) -> Freed:
    """Remove the folders zip imports extracted spreadsheets into and never removed, in the
    temporary directory (`folder`); `notify` is told what was removed, in one line.

    The store's lock says nothing of these: an import extracts its files before it takes the
    lock, and the import may be into another store (another MLCAREERS_HOME). One whose maker
    cannot be known is removed once nothing in it has been written for STALE_SECONDS."""
    import tempfile  # noqa: PLC0415

    where = folder or Path(tempfile.gettempdir())
    freed = _sweep(where, _IMPORT_FOLDER.fullmatch, folders=True, idle=lambda: True)
    if freed and notify is not None:
        notify(f"{freed.said()} in {where}")
    return freed


def sweep_downloads(folder: Path, notify: Notify | None = None) -> Freed:
    """Remove the unfinished downloads killed imports left in the downloads folder `folder`
    and in its URLs' folders; `notify` is told what was removed, in one line.

    The store's lock says nothing of these (a download happens before an import takes it).
    One whose maker cannot be known is removed once nothing has written it for STALE_SECONDS:
    a live download writes what it receives, and waits for the server an hour at most
    (MLCAREERS_HTTP_TIMEOUT). A kept download, never hidden, and its sidecar are never one."""
    freed = Freed()
    for where in [folder, *_subfolders(folder)]:
        freed = freed.add(_sweep(where, _DOWNLOAD_PART.fullmatch, folders=False, idle=lambda: True))
    if freed and notify is not None:
        notify(f"{freed.said()} in {folder}")
    return freed


def _subfolders(folder: Path) -> list[Path]:
    """The folders in `folder` (never through a link); none when it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _sweep(
    folder: Path,
    match: Callable[[str], re.Match[str] | None],
    *,
    folders: bool,
    idle: Callable[[], bool],
) -> Freed:
    """Remove what in `folder` `match`es, is a folder (`folders`) or a regular file, is this
    user's, and whose maker is gone, or unknown and gone quiet while `idle()` (asked once,
    and only if needed)."""
    freed = Freed()
    quiet: list[tuple[Path, re.Match[str], int]] = []
    now = time.time()
    for path, found in _candidates(folder, match):
        try:
            info = path.lstat()
        except OSError:
            continue
        if not _ours(info) or stat.S_ISDIR(info.st_mode) != folders:
            continue
        if not (folders or stat.S_ISREG(info.st_mode)):
            continue
        size, newest = _measure(path, info) if folders else (info.st_size, info.st_mtime)
        alive = _maker_alive(found)
        if alive is False:
            freed = freed.add(_remove(path, found, size, folders=folders))
        elif alive is None and now - newest > STALE_SECONDS:
            quiet.append((path, found, size))
    if quiet and idle():
        for path, found, size in quiet:
            freed = freed.add(_remove(path, found, size, folders=folders))
    return freed


def _candidates(
    folder: Path, match: Callable[[str], re.Match[str] | None]
) -> Iterator[tuple[Path, re.Match[str]]]:
    try:
        names = os.listdir(folder)
    except OSError:  # no folder yet, or one that cannot be read: nothing to sweep
        return
    for name in names:
        found = match(name)
        if found is not None:
            yield folder / name, found


def _ours(info: os.stat_result) -> bool:
    """Whether this user made it: another's (in a shared /tmp) is never touched."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _measure(folder: Path, info: os.stat_result) -> tuple[int, float]:
    """The bytes of the files in a folder, and when anything in it was last written."""
    size, newest = 0, info.st_mtime
    for root, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            try:
                entry = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            newest = max(newest, entry.st_mtime)
            if stat.S_ISREG(entry.st_mode):
                size += entry.st_size
    return size, newest


def being_downloaded(name: str) -> bool:
    """Whether a file in the downloads folder is the unfinished download of a live run."""
    found = _DOWNLOAD_PART.fullmatch(name)
    return found is not None and _maker_alive(found) is True


def _maker_alive(found: re.Match[str]) -> bool | None:
    """Whether the process named in a leftover's name is alive; None when that cannot be
    known (no process id in the name, another machine's, or Windows)."""
    pid = found.group("pid") if "pid" in found.re.groupindex else None
    if pid is None or found.group("machine") != machine():
        return None
    return process_alive(int(pid))


def process_alive(pid: int) -> bool | None:
    """Whether a process of this id runs on this machine; None when that cannot be known."""
    # On Windows os.kill(pid, 0) does not ask: it ends the process (TerminateProcess).
    if sys.platform == "win32" or pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except (OSError, OverflowError):
        return None
    return True


def _remove(path: Path, found: re.Match[str], size: int, *, folders: bool) -> Freed:
    """Remove one leftover; nothing when it cannot be (or another run removed it first)."""
    try:
        if folders:
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        return Freed()
    runs = {f"{path.parent}/{found.group('stem')}"}
    if folders:
        return Freed(folders=1, size=size, runs=runs)
    return Freed(files=1, size=size, runs=runs)


def store_idle(database: Path) -> bool:
    """Whether no one is changing the store at `database`: its write lock can be taken now
    (and is let go at once). True when there is no store; False when it is no regular file
    or cannot be opened."""
    import sqlite3  # noqa: PLC0415 -- only when a leftover's maker cannot be known

    try:
        info = database.lstat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):  # a FIFO would hang the opening
        return False
    try:
        connection = sqlite3.connect(
            f"{database.absolute().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None
        )
    except sqlite3.Error:
        return False
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return True


def size_text(count: int) -> str:
    """'59 MiB', '1.2 GiB', '340 KiB', '12 bytes'."""
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if count >= scale:
            value = count / scale
            return f"{value:,.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    return f"{count:,} byte{'' if count == 1 else 's'}"
