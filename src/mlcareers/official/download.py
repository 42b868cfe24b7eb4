"""Download an official file from its publisher into a cache in the user data directory, so
that `official import URL` reads it as it reads a file on disk.

A download goes to a temporary file beside its place in `<data dir>/downloads/<hash of the
URL>/`, and is renamed into place, under the file's own name, only once it is complete (as
long as the server said it would be, when it said): a failure or Ctrl-C leaves nothing
behind. The cache (download_cache) keeps the URL, and the ETag and Last-Modified the server
sent; the next import of the same URL asks whether the file changed (If-None-Match,
If-Modified-Since) and reads the kept copy when it has not (304).

Only http and https, through the standard library (request); urllib and http are imported by
the functions that use them, so that no other command pays for them at start-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from mlcareers.official import leftovers
from mlcareers.official.download_cache import (
    Cached,
    cached_copy,
    downloads_folder,
    entry_of,
    place,
    remember,
    validators,
)
from mlcareers.official.errors import DownloadError
from mlcareers.official.request import TIMEOUT_VARIABLE, network, open_response, seconds, timeout
from mlcareers.official.table import Progress
from mlcareers.official.urls import DEVICES, SAFE_NAME, check_url, safe_name, shown

if TYPE_CHECKING:
    from http.client import HTTPMessage, HTTPResponse

    from mlcareers.official.schema import Notify

MAX_DOWNLOAD_BYTES = 1024**3
"""The largest download: as large as a file an import reads (sheets.MAX_FILE_BYTES; not
imported from there, so that `official sources` need not load the readers)."""
CHUNK_BYTES = 256 * 1024


def fetch(
    url: str,
    folder: Path | None = None,
    progress: Progress | None = None,
    notify: Notify | None = None,
) -> Path:
    """The file at `url`, downloaded into the URL's own folder in `folder` (the downloads
    folder), or the copy kept there when the server says it has not changed. DownloadError
    when it cannot be had."""
    url = check_url(url)
    folder = folder or downloads_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(
            f"cannot create the downloads folder {folder} ({error.strerror or error})"
        ) from None
    entry = entry_of(folder, url)
    # A copy an earlier mlcareers kept in the folder itself is asked about as well; a new
    # download of its URL then replaces it in the URL's own folder.
    cached = cached_copy(entry, url) or cached_copy(folder, url)
    response = open_response(url, cached)
    if response is None:
        assert cached is not None  # a 304 answers only a request that named a kept copy
        if notify is not None:
            notify(
                f"{shown(url)} has not changed since it was downloaded "
                f"({cached.downloaded_at}): reading the kept copy {cached.path}"
            )
        return cached.path
    with response:
        path = _receive(url, response, entry, cached, progress)
    if notify is not None:
        notify(f"downloaded {shown(url)} ({_size(path.stat().st_size)}) to {path}")
    return path


# ---------------------------------------------------------------- the body


def _receive(
    url: str,
    response: HTTPResponse,
    folder: Path,
    cached: Cached | None,
    progress: Progress | None,
) -> Path:
    """The body, written to a temporary file in `folder` and renamed into place once it is
    whole; the cache's sidecar written last. Nothing is left of a body that fails."""
    from http.client import HTTPException

    length = _length(response.headers)
    if length is not None and length > MAX_DOWNLOAD_BYTES:
        raise DownloadError(
            f"{shown(url)}: refused: the server announces {_size(length)}, more than the "
            f"{_size(MAX_DOWNLOAD_BYTES)} a download may be"
        )
    name = _name(url, response)
    target = folder / name
    with _temporary(folder, name) as (temporary, sink):
        done = 0
        if progress is not None:
            progress("download", 0, length)
        wait = timeout()
        while True:
            try:
                chunk = response.read1(CHUNK_BYTES)  # what has come: progress, and a stall, show
            except (OSError, HTTPException) as error:
                raise DownloadError(f"{shown(url)}: {_broken(error, done, length, wait)}") from None
            if not chunk:
                break
            if not done and _web_page(chunk):
                raise DownloadError(
                    f"{shown(url)}: the server sent a web page, not a data file (an error "
                    "page, or one meant for a browser); nothing was kept"
                )
            done += len(chunk)
            if done > MAX_DOWNLOAD_BYTES:
                raise DownloadError(
                    f"{shown(url)}: refused: larger than the {_size(MAX_DOWNLOAD_BYTES)} a "
                    "download may be; nothing was kept"
                )
            try:
                sink.write(chunk)
            except OSError as error:
                raise DownloadError(
                    f"cannot write {temporary} ({error.strerror or error}); nothing was kept"
                ) from None
            if progress is not None:
                progress("download", done, length)
        if length is not None and done != length:
            raise DownloadError(
                f"{shown(url)}: the connection closed after {_part(done, length)}; nothing was kept"
            )
        try:
            sink.flush()
            os.fsync(sink.fileno())
        except OSError as error:
            raise DownloadError(
                f"cannot write {temporary} ({error.strerror or error}); nothing was kept"
            ) from None
        sink.close()
        place(temporary, target, cached)
    remember(Cached(target, url, *validators(response.headers), done, _now()))
    return target


def _web_page(head: bytes) -> bool:
    """Whether a body begins as HTML does: BLS and BEA answer some refusals with a web page
    and status 200, which no importer could read."""
    start = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


@contextlib.contextmanager
def _temporary(folder: Path, name: str) -> Iterator[tuple[Path, IO[bytes]]]:
    """A new hidden file in `folder` (made if need be) to write into; removed unless it was
    moved away, and the folder with it when that leaves the folder empty. Its name holds this
    process's id and machine tag: one a killed run leaves goes with the next import (see
    leftovers)."""
    try:
        folder.mkdir(exist_ok=True)
        descriptor, where = tempfile.mkstemp(
            prefix=leftovers.owned(f".{name}."), suffix=".part", dir=folder
        )
    except OSError as error:
        raise DownloadError(
            f"cannot write in the downloads folder {folder} ({error.strerror or error})"
        ) from None
    path = Path(where)
    try:
        with os.fdopen(descriptor, "wb") as sink:
            yield path, sink
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        with contextlib.suppress(OSError):  # only when empty: a complete or kept copy stays
            folder.rmdir()


def _length(headers: HTTPMessage) -> int | None:
    text = (headers.get("Content-Length") or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _broken(error: BaseException, done: int, length: int | None, wait: float) -> str:
    """What ended a download halfway, and how far it had come."""
    from http.client import IncompleteRead

    part = _part(done, length)
    if isinstance(error, TimeoutError):
        return (
            f"the download stalled: no data for {seconds(wait)} after {part}; nothing was "
            f"kept ({TIMEOUT_VARIABLE} sets how long to wait)"
        )
    what = "the connection closed" if isinstance(error, IncompleteRead) else network(error, wait)
    return f"{what} after {part}; nothing was kept"


def _part(done: int, length: int | None) -> str:
    """'1.2 MiB of 4.0 MiB' (exact bytes when they would look alike), or what was received."""
    if length is None:
        return f"{_size(done)} received"
    if _size(done) == _size(length):
        return f"{done:,} of the {length:,} bytes announced"
    return f"{_size(done)} of the {_size(length)} announced"


def _size(count: int) -> str:
    if count >= 1024**3:
        return f"{count / 1024**3:,.1f} GiB"
    if count >= 1024**2:
        return f"{count / 1024**2:,.1f} MiB"
    if count >= 1024:
        return f"{count / 1024:,.1f} KiB"
    return f"{count:,} bytes"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# ---------------------------------------------------------------- names


def _name(url: str, response: HTTPResponse) -> str:
    """The file's name: the one Content-Disposition gives when it is already a safe name,
    else the last segment of the URL's path (made safe), else of the URL redirected to."""
    given = response.headers.get_filename()
    if given and SAFE_NAME.fullmatch(given) and given.upper().split(".")[0] not in DEVICES:
        return given
    for candidate in (url, response.geturl() or ""):
        name = safe_name(candidate)
        if name:
            return name
    return "download"
