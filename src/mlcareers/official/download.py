"""Download an official file from its publisher into a cache in the user data directory, so
that `official import URL` reads it as it reads a file on disk.

A download goes to a temporary file beside its place in `<data dir>/downloads/`, and is
renamed into place only once it is complete (as long as the server said it would be, when it
said): a failure or Ctrl-C leaves nothing behind. A hidden sidecar (`.<name>.json`) keeps the
URL, and the ETag and Last-Modified the server sent; the next import of the same URL asks
whether the file changed (If-None-Match, If-Modified-Since) and reads the kept copy when it
has not (304).

Only http and https, through the standard library; urllib and http are imported by the
functions that use them, so that no other command pays for them at start-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from mlcareers import __version__
from mlcareers.errors import UsageError
from mlcareers.official.errors import OfficialError
from mlcareers.official.paths import data_home
from mlcareers.official.table import Progress

if TYPE_CHECKING:
    from email.message import Message
    from http.client import HTTPMessage, HTTPResponse
    from urllib.request import HTTPRedirectHandler, OpenerDirector, Request

    from mlcareers.official.schema import Notify

CONTACT_VARIABLE = "MLCAREERS_CONTACT"
"""Who to contact about mlcareers' requests, sent in the User-Agent: BLS blocks robots that
give no way to contact their owner (https://www.bls.gov/bls/blsterms.htm)."""
TIMEOUT_VARIABLE = "MLCAREERS_HTTP_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for a connection, and then for each read, before giving up."""
MAX_DOWNLOAD_BYTES = 1024**3
"""The largest download: as large as a file an import reads (sheets.MAX_FILE_BYTES; not
imported from there, so that `official sources` need not load the readers)."""
MAX_REDIRECTS = 5
CHUNK_BYTES = 256 * 1024
FOLDER = "downloads"
SCHEMES = ("http", "https")
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://|(?:https?|ftps?|file|data):", re.IGNORECASE)
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
_UNSAFE_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")
_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{kind}{n}" for kind in ("COM", "LPT") for n in range(1, 10)]
)
_TOKEN = re.compile(r"[\x21-\x7e][\x20-\x7e]{0,511}")
"""What a validator (ETag, Last-Modified) must look like to be sent back: printable ASCII."""


class DownloadError(OfficialError):
    """A file could not be downloaded: one line naming the URL and what the server or the
    network said (exit 1). Nothing of it was kept."""


class Cached(NamedTuple):
    """A complete download kept in the cache, and what the server said of it."""

    path: Path
    url: str
    etag: str | None
    last_modified: str | None
    size: int
    downloaded_at: str


def is_url(text: str) -> bool:
    """Whether a name given to import is a URL (scheme://..., or a known scheme), not a path."""
    return _URL_LIKE.match(text) is not None


def check_url(url: str) -> str:
    """The URL as it will be requested; UsageError (exit 2) for any but http or https, and for
    one that could not be requested."""
    from urllib.parse import quote, urlsplit

    shown = _shown(url)
    if any(character.isspace() or not character.isprintable() for character in url):
        raise UsageError(f"{shown}: a URL has no spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- parsed here: a bad port is a mistake in what was typed
    except ValueError as error:
        raise UsageError(f"{shown}: not a URL that can be downloaded ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UsageError(
            f"{shown}: {scheme or 'a URL with no scheme'}: is not downloaded, only http and "
            "https are; give a file on disk by its path"
        )
    if not parts.hostname:
        raise UsageError(f"{shown}: the URL names no host")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{shown}: a user name or password in a URL is not supported")
    # Non-ASCII text in the path or query is sent percent-encoded, as a browser sends it.
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~-._")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=~-._?")
    return parts._replace(scheme=scheme, path=path or "/", query=query, fragment="").geturl()


def user_agent() -> str:
    """mlcareers/<version>, with the contact $MLCAREERS_CONTACT gives: who BLS may write to."""
    given = os.environ.get(CONTACT_VARIABLE, "")
    # A header value: printable ASCII, no parentheses or backslash inside the comment.
    contact = " ".join(re.sub(r"[^\x20-\x7e]|[()\\]", " ", given).split())[:200]
    about = f"contact: {contact}" if contact else f"no contact given: {CONTACT_VARIABLE} sets one"
    return f"mlcareers/{__version__} (official statistics download; {about})"


def timeout() -> float:
    """Seconds to wait for a connection and for each read: $MLCAREERS_HTTP_TIMEOUT, else 30."""
    text = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    try:
        value = float(text) if text else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value <= 3600 else DEFAULT_TIMEOUT


def downloads_folder() -> Path:
    """Where downloads are kept: `downloads` in the user data directory."""
    return data_home() / FOLDER


def fetch(
    url: str,
    folder: Path | None = None,
    progress: Progress | None = None,
    notify: Notify | None = None,
) -> Path:
    """The file at `url`, downloaded into `folder` (the downloads folder), or the copy kept
    there when the server says it has not changed. DownloadError when it cannot be had."""
    url = check_url(url)
    folder = folder or downloads_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(
            f"cannot create the downloads folder {folder} ({error.strerror or error})"
        ) from None
    cached = cached_copy(folder, url)
    response = _open(url, cached)
    if response is None:
        assert cached is not None  # a 304 answers only a request that named a kept copy
        if notify is not None:
            notify(
                f"{_shown(url)} has not changed since it was downloaded "
                f"({cached.downloaded_at}): reading the kept copy {cached.path}"
            )
        return cached.path
    with response:
        path = _receive(url, response, folder, cached, progress)
    if notify is not None:
        notify(f"downloaded {_shown(url)} ({_size(path.stat().st_size)}) to {path}")
    return path


# ---------------------------------------------------------------- the request


def _open(url: str, cached: Cached | None) -> HTTPResponse | None:
    """The server's 200 response, ready to be read; None for 304 Not Modified."""
    from http.client import HTTPException
    from urllib.error import HTTPError, URLError
    from urllib.request import Request

    headers = {"User-Agent": user_agent(), "Accept": "*/*", "Accept-Encoding": "identity"}
    if cached is not None:
        if cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
    request = Request(url, headers=headers)  # noqa: S310 -- check_url let only http(s) through
    wait = timeout()
    try:
        response: HTTPResponse = _opener(url).open(request, timeout=wait)
    except HTTPError as error:
        error.close()
        if error.code == 304 and cached is not None:
            return None
        raise DownloadError(f"{_shown(url)}: {_status(error.code, error.headers)}") from None
    except URLError as error:
        raise DownloadError(f"{_shown(url)}: {_network(error.reason, wait)}") from None
    except (OSError, ValueError, HTTPException) as error:  # HTTPException: a reply not HTTP
        raise DownloadError(f"{_shown(url)}: {_network(error, wait)}") from None
    if response.status != 200:
        response.close()
        raise DownloadError(
            f"{_shown(url)}: {_status(response.status, response.headers)}, not a file to import"
        )
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        response.close()
        raise DownloadError(
            f"{_shown(url)}: the server sent the file encoded ({encoding[:40]}) though asked "
            "not to; it cannot be read as sent"
        )
    return response


def _opener(url: str) -> OpenerDirector:
    """urllib's opener, with the redirects `_redirects` allows."""
    from urllib.request import build_opener

    return build_opener(_redirects(url))


def _redirects(url: str) -> HTTPRedirectHandler:
    """A handler following at most MAX_REDIRECTS redirects, each to the same scheme or from
    http to https; never from https back to http, nor anywhere else. `url` names the download
    in what it says when it refuses one."""
    from urllib.parse import urljoin, urlsplit
    from urllib.request import HTTPRedirectHandler

    def check(req: Request, code: int, newurl: str) -> None:
        said = _said(code)
        old, new = urlsplit(req.full_url).scheme.lower(), urlsplit(newurl).scheme.lower()
        if not (new == old or (old, new) == ("http", "https")):
            raise DownloadError(
                f"{_shown(url)}: {said} redirects to {_shown(newurl)}; only a redirect to http "
                "or https (never from https to http) is followed; nothing was kept"
            )
        if sum(getattr(req, "redirect_dict", {}).values()) >= MAX_REDIRECTS:
            raise DownloadError(
                f"{_shown(url)}: {said}: more than {MAX_REDIRECTS} redirects; nothing was kept"
            )

    class Redirects(HTTPRedirectHandler):
        # Above MAX_REDIRECTS, so that `check` refuses first, saying why.
        max_repeats = max_redirections = MAX_REDIRECTS + 1

        def redirect_request(
            self,
            req: Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: HTTPMessage,
            newurl: str,
        ) -> Request | None:
            check(req, code, newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

        def http_error_302(
            self, req: Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
        ) -> Any:
            # urllib refuses some schemes before redirect_request sees them: see them first.
            target = headers.get("location") or headers.get("uri")
            if not target:
                raise DownloadError(
                    f"{_shown(url)}: {_said(code)}, with no location to go to; nothing was kept"
                )
            check(req, code, urljoin(req.full_url, target))
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return Redirects()


def _status(code: int, headers: Message | None) -> str:
    """'HTTP 404 Not Found' in the standard's words (the server's own are not shown), and what
    to do about it where something can be done."""
    said = _said(code)
    if 300 <= code < 400 and code != 304:
        return f"{said}: a redirect that was not followed"
    if code in (401, 403) and not os.environ.get(CONTACT_VARIABLE, "").strip():
        return (
            f"{said}; no contact was sent, and BLS refuses such downloads: set "
            f"{CONTACT_VARIABLE} to your email address and try again"
        )
    if code == 429 or code >= 500:
        wait = headers.get("Retry-After") if headers is not None else None
        later = f" (the server asks for {wait} seconds)" if wait and wait.isdigit() else ""
        return f"{said}; try again later{later}"
    return said


def _said(code: int) -> str:
    """'HTTP 404 Not Found': the code and the standard's phrase for it, if it has one."""
    from http import HTTPStatus

    try:
        return f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


def _network(reason: object, wait: float) -> str:
    """What went wrong on the way to the server, in a few words."""
    import socket
    import ssl

    known: tuple[tuple[type[BaseException], str], ...] = (
        (
            TimeoutError,
            f"no answer within {_seconds(wait)} ({TIMEOUT_VARIABLE} sets how long to wait)",
        ),
        (socket.gaierror, "the host name cannot be resolved (no network, or a mistyped host?)"),
        (ConnectionRefusedError, "the connection was refused"),
        (ConnectionResetError, "the connection was reset"),
        (ssl.SSLCertVerificationError, "the server's certificate cannot be trusted"),
    )
    for kind, said in known:
        if isinstance(reason, kind):
            return said
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return " ".join(str(reason).split())[:160] or type(reason).__name__


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
            f"{_shown(url)}: refused: the server announces {_size(length)}, more than the "
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
                raise DownloadError(
                    f"{_shown(url)}: {_broken(error, done, length, wait)}"
                ) from None
            if not chunk:
                break
            if not done and _web_page(chunk):
                raise DownloadError(
                    f"{_shown(url)}: the server sent a web page, not a data file (an error "
                    "page, or one meant for a browser); nothing was kept"
                )
            done += len(chunk)
            if done > MAX_DOWNLOAD_BYTES:
                raise DownloadError(
                    f"{_shown(url)}: refused: larger than the {_size(MAX_DOWNLOAD_BYTES)} a "
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
                f"{_shown(url)}: the connection closed after {_part(done, length)}; "
                "nothing was kept"
            )
        try:
            sink.flush()
            os.fsync(sink.fileno())
        except OSError as error:
            raise DownloadError(
                f"cannot write {temporary} ({error.strerror or error}); nothing was kept"
            ) from None
        sink.close()
        _place(temporary, target, cached)
    _remember(Cached(target, url, *_validators(response.headers), done, _now()))
    return target


def _web_page(head: bytes) -> bool:
    """Whether a body begins as HTML does: BLS and BEA answer some refusals with a web page
    and status 200, which no importer could read."""
    start = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


@contextlib.contextmanager
def _temporary(folder: Path, name: str) -> Iterator[tuple[Path, IO[bytes]]]:
    """A new hidden file in `folder` to write into; removed unless it was moved away."""
    try:
        descriptor, where = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
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


def _place(temporary: Path, target: Path, cached: Cached | None) -> None:
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


def _length(headers: HTTPMessage) -> int | None:
    text = (headers.get("Content-Length") or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _broken(error: BaseException, done: int, length: int | None, wait: float) -> str:
    """What ended a download halfway, and how far it had come."""
    from http.client import IncompleteRead

    part = _part(done, length)
    if isinstance(error, TimeoutError):
        return (
            f"the download stalled: no data for {_seconds(wait)} after {part}; nothing was "
            f"kept ({TIMEOUT_VARIABLE} sets how long to wait)"
        )
    what = "the connection closed" if isinstance(error, IncompleteRead) else _network(error, wait)
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


def _seconds(wait: float) -> str:
    return f"{wait:g} second{'' if wait == 1 else 's'}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# ---------------------------------------------------------------- names


def _name(url: str, response: HTTPResponse) -> str:
    """The file's name: the one Content-Disposition gives when it is already a safe name,
    else the last segment of the URL's path (made safe), else of the URL redirected to."""
    given = response.headers.get_filename()
    if given and _SAFE_NAME.fullmatch(given) and given.upper().split(".")[0] not in _DEVICES:
        return given
    for candidate in (url, response.geturl() or ""):
        name = safe_name(candidate)
        if name:
            return name
    return "download"


def safe_name(url: str) -> str | None:
    """The last segment of a URL's path as a file name that is safe anywhere: letters, digits,
    '.', '_' and '-' only, not hidden, at most 120 characters; None if nothing is left."""
    from urllib.parse import unquote, urlsplit

    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    segment = PurePosixPath(unquote(path).replace("\\", "/")).name
    name = _UNSAFE_CHARACTERS.sub("_", segment).lstrip("._-")[:120].rstrip(".")
    if not name:
        return None
    if name.upper().split(".")[0] in _DEVICES:
        name = f"_{name}"
    return name


# ---------------------------------------------------------------- the cache's sidecars


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
    """What a sidecar's JSON says, if it says it in the shape _remember writes."""
    if not isinstance(data, dict):
        return None
    name, url, size, when = (data.get(key) for key in ("file", "url", "size", "downloaded_at"))
    if not (isinstance(name, str) and _SAFE_NAME.fullmatch(name)):
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


def _remember(cached: Cached) -> None:
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
            prefix=f"{sidecar.name}.", suffix=".part", dir=sidecar.parent
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


def _validators(headers: HTTPMessage) -> tuple[str | None, str | None]:
    return _token(headers.get("ETag")), _token(headers.get("Last-Modified"))


def _token(value: object) -> str | None:
    """A validator fit to send back in a header, or None."""
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else None


def _shown(url: str) -> str:
    """A URL as messages show it: at most 200 characters (the edge cleans it)."""
    return url if len(url) <= 200 else url[:197] + "..."
