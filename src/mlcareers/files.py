"""Read a file a user names, safely: opened without blocking, checked open, read up to a cap.

Catalogues, skill lists, the official store and official spreadsheets are all read through
here, so one rule holds for each: a FIFO, a device or a directory is refused at once (never
waited on), and a file larger than its kind may be is refused before it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mlcareers.errors import MlcareersError


class FileError(MlcareersError):
    """A file could not be opened or read, or is not a regular file of a sane size (exit 1)."""


class FileAccessError(FileError):
    """The system refused to open or read the file (its permissions, or an I/O error): what
    is in it is unknown, and may be intact."""


def read_bytes(path: Path, what: str, limit: int) -> bytes:
    """The file's bytes, refusing anything that is not a regular file of at most `limit`."""
    descriptor = open_regular(path, what, limit)
    try:
        data = _read_at_most(descriptor, limit + 1)
    except OSError as exc:
        raise FileAccessError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise _too_large(path, what, limit)
    return data


def open_regular(path: Path, what: str, limit: int) -> int:
    """An open descriptor of a regular file of at most `limit` bytes; FileError else.

    The file is opened first and the open descriptor checked: a check by name and then an
    open would let the file be swapped for a FIFO in between. Opening does not block (a FIFO
    with no writer) and never makes a terminal the controlling one.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileError(f"{path}: no such file") from None
    except ValueError:
        raise FileError(f"{str(path)!r} is not a usable file name") from None
    except OSError as exc:
        raise FileAccessError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise FileError(f"{path}: is a directory, not a {what} file")
        if not stat.S_ISREG(info.st_mode):
            raise FileError(f"{path}: is not a regular file (a device, FIFO or socket?)")
        if info.st_size > limit:
            raise _too_large(path, what, limit)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _read_at_most(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0:  # one read for a regular file: joining one chunk copies nothing
        chunk = os.read(descriptor, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class FileTooLargeError(FileError):
    """The file is larger than the most such a file may be: what is in it may be intact."""


def _too_large(path: Path, what: str, limit: int) -> FileError:
    mib = limit // (1024 * 1024)
    return FileTooLargeError(f"{path}: is larger than {mib} MiB, the most a {what} may be")
