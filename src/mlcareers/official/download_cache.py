"""The downloads folder: each complete download kept in a folder of its own URL's (a short hash
of the whole URL, so that two URLs ending in the same file name never share a copy), under its
own name, with a hidden sidecar (`.<name>.json`) saying which URL it came from and what the
server said of it (ETag, Last-Modified), so that the next import of the URL can ask whether it
changed; a file is placed only once whole, and no sidecar ever vouches for a file it was not
written for."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mlcareers.official import leftovers
from mlcareers.official.errors import DownloadError, OfficialError
from mlcareers.official.paths import data_home
from mlcareers.official.urls import SAFE_NAME

if TYPE_CHECKING:
    from http.client import HTTPMessage

FOLDER = "downloads"
_TOKEN = re.compile(r"[\x21-\x7e][\x20-\x7e]{0,511}")
"""What a validator (ETag, Last-Modified) must look like to be sent back: printable ASCII."""


class Cached(NamedTuple):
    """A complete download kept in the cache, and what the server said of it."""

    path: Path
    url: str
    etag: str | None
    last_modified: str | None
    size: int
    downloaded_at: str


def downloads_folder() -> Path:
    """Where downloads are kept: `downloads` in the user data directory."""
    return data_home() / FOLDER


def entry_of(folder: Path, url: str) -> Path:
    """Where the download of `url` is kept in the downloads folder `folder`: a folder named
    by a hash of the whole URL (the file inside keeps its own name)."""
    return folder / hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def count_downloads(folder: Path) -> int:
    """How many downloads `folder` keeps (files, hidden sidecars and unfinished temporaries
    aside); 0 when there is no folder. OfficialError when it cannot be read."""
    count = 0
    try:
        for _root, _folders, names in os.walk(folder, onerror=_raise):
            count += sum(1 for name in names if not name.startswith("."))
    except OSError as error:
        raise OfficialError(
            f"cannot read the downloads folder {folder} ({error.strerror or error})"
        ) from None
    return count


def remove_downloads(folder: Path) -> None:
    """Remove everything the downloads folder holds: downloads, sidecars, temporaries, but
    never the unfinished download of a run still going (and the folder it is in). The folder
    itself stays (it may be a link to where its owner wants downloads kept). OSError when
    something cannot be removed."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _remove_folder(Path(entry.path))
        elif not leftovers.being_downloaded(entry.name):
            os.unlink(entry.path)


def _remove_folder(folder: Path) -> None:
    """A URL's folder and what it holds, but for a live run's unfinished download."""
    live = False
    for entry in list(os.scandir(folder)):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        elif leftovers.being_downloaded(entry.name):
            live = True
        else:
            os.unlink(entry.path)
    if not live:
        os.rmdir(folder)


def _raise(error: OSError) -> None:
    if not isinstance(error, FileNotFoundError):
        raise error


def place(temporary: Path, target: Path, cached: Cached | None) -> None:
    """Move a complete download into place: the old sidecar goes first, so that no sidecar
    ever vouches for a file it was not written for."""
    _forget(target)
    if cached is not None and cached.path != target:
        _forget(cached.path)
        with contextlib.suppress(OSError):
            cached.path.unlink()
    try:
        os.replace(temporary, target)
    except OSError as error:
        raise DownloadError(f"cannot write {target} ({error.strerror or error})") from None


def _sidecar(path: Path) -> Path:
    """Where what the server said of a kept file is: `.<name>.json` beside it. A kept file's
    name never starts with a dot, so no sidecar is ever taken for a download."""
    return path.with_name(f".{path.name}.json")


def cached_copy(folder: Path, url: str) -> Cached | None:
    """The kept download of `url`, if one is whole (its size as recorded) and its sidecar can
    be read; None otherwise."""
    try:
        sidecars = sorted(folder.glob(".*.json"))
    except OSError:
        return None
    for sidecar in sidecars:
        found = _read_sidecar(sidecar)
        if found is not None and found.url == url:
            return found
    return None


def _read_sidecar(sidecar: Path) -> Cached | None:
    try:
        if sidecar.stat().st_size > 64 * 1024:
            return None
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    found = _cached_of(sidecar, data)
    return found if found is not None and _whole(found) else None


def _cached_of(sidecar: Path, data: object) -> Cached | None:
    """What a sidecar's JSON says, if it says it in the shape remember writes."""
    if not isinstance(data, dict):
        return None
    name, url, size, when = (data.get(key) for key in ("file", "url", "size", "downloaded_at"))
    if not (isinstance(name, str) and SAFE_NAME.fullmatch(name)):
        return None
    if not (isinstance(url, str) and isinstance(size, int) and isinstance(when, str)):
        return None
    path = sidecar.with_name(name)
    if _sidecar(path) != sidecar:
        return None
    etag, modified = (_token(data.get(key)) for key in ("etag", "last_modified"))
    return Cached(path, url, etag, modified, size, when)


def _whole(cached: Cached) -> bool:
    """Whether the kept file is there, a regular file, of the size its sidecar records."""
    try:
        return (
            not cached.path.is_symlink()
            and cached.path.is_file()
            and cached.path.stat().st_size == cached.size
        )
    except OSError:
        return False


def remember(cached: Cached) -> None:
    """Write the sidecar of a download just placed; a sidecar that cannot be written only
    means the next import downloads the file again."""
    data = {
        "file": cached.path.name,
        "url": cached.url,
        "etag": cached.etag,
        "last_modified": cached.last_modified,
        "size": cached.size,
        "downloaded_at": cached.downloaded_at,
    }
    sidecar = _sidecar(cached.path)
    try:
        descriptor, where = tempfile.mkstemp(
            prefix=leftovers.owned(f"{sidecar.name}."), suffix=".part", dir=sidecar.parent
        )
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2)
        os.replace(where, sidecar)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(where)


def _forget(path: Path) -> None:
    with contextlib.suppress(OSError):
        _sidecar(path).unlink()


def validators(headers: HTTPMessage) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified a response gave, each if it is fit to send back."""
    return _token(headers.get("ETag")), _token(headers.get("Last-Modified"))


def _token(value: object) -> str | None:
    """A validator fit to send back in a header, or None."""
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else None
