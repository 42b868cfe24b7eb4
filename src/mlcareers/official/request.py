"""The request for a download: who asks (a User-Agent with a contact), how long to wait,
which redirects to follow, and what a refusal or a network failure says, in a few words.

urllib and http are imported by the functions that use them, so that no other command pays for
them at start-up."""

from __future__ import annotations

import os
import re
from typing import IO, TYPE_CHECKING, Any

from mlcareers import __version__
from mlcareers.official.errors import DownloadError
from mlcareers.official.urls import shown

if TYPE_CHECKING:
    from email.message import Message
    from http.client import HTTPMessage, HTTPResponse
    from urllib.request import HTTPRedirectHandler, OpenerDirector, Request

    from mlcareers.official.download_cache import Cached

CONTACT_VARIABLE = "MLCAREERS_CONTACT"
"""Who to contact about mlcareers' requests, sent in the User-Agent: BLS blocks robots that
give no way to contact their owner (https://www.bls.gov/bls/blsterms.htm)."""
TIMEOUT_VARIABLE = "MLCAREERS_HTTP_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for a connection, and then for each read, before giving up."""
MAX_REDIRECTS = 5


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


def open_response(url: str, cached: Cached | None) -> HTTPResponse | None:
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
        raise DownloadError(f"{shown(url)}: {status(error.code, error.headers)}") from None
    except URLError as error:
        raise DownloadError(f"{shown(url)}: {network(error.reason, wait)}") from None
    except (OSError, ValueError, HTTPException) as error:  # HTTPException: a reply not HTTP
        raise DownloadError(f"{shown(url)}: {network(error, wait)}") from None
    if response.status != 200:
        response.close()
        raise DownloadError(
            f"{shown(url)}: {status(response.status, response.headers)}, not a file to import"
        )
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        response.close()
        raise DownloadError(
            f"{shown(url)}: the server sent the file encoded ({encoding[:40]}) though asked "
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
        said = said_of(code)
        old, new = urlsplit(req.full_url).scheme.lower(), urlsplit(newurl).scheme.lower()
        if not (new == old or (old, new) == ("http", "https")):
            raise DownloadError(
                f"{shown(url)}: {said} redirects to {shown(newurl)}; only a redirect to http "
                "or https (never from https to http) is followed; nothing was kept"
            )
        if sum(getattr(req, "redirect_dict", {}).values()) >= MAX_REDIRECTS:
            raise DownloadError(
                f"{shown(url)}: {said}: more than {MAX_REDIRECTS} redirects; nothing was kept"
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
                    f"{shown(url)}: {said_of(code)}, with no location to go to; nothing was kept"
                )
            check(req, code, urljoin(req.full_url, target))
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return Redirects()


def status(code: int, headers: Message | None) -> str:
    """'HTTP 404 Not Found' in the standard's words (the server's own are not shown), and what
    to do about it where something can be done."""
    said = said_of(code)
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


def said_of(code: int) -> str:
    """'HTTP 404 Not Found': the code and the standard's phrase for it, if it has one."""
    from http import HTTPStatus

    try:
        return f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


def network(reason: object, wait: float) -> str:
    """What went wrong on the way to the server, in a few words."""
    import socket
    import ssl

    known: tuple[tuple[type[BaseException], str], ...] = (
        (
            TimeoutError,
            f"no answer within {seconds(wait)} ({TIMEOUT_VARIABLE} sets how long to wait)",
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


def seconds(wait: float) -> str:
    """A wait in words: "1 second", "0.5 seconds"."""
    return f"{wait:g} second{'' if wait == 1 else 's'}"
