"""A URL given to `official import`: told from a path, checked before anything is fetched,
shown in messages, and the file name it gives (safe anywhere)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mlcareers.errors import UsageError

SCHEMES = ("http", "https")
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://|(?:https?|ftps?|file|data):", re.IGNORECASE)
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
"""A file name fit to be used as given: plain characters only, never hidden."""
_UNSAFE_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")
DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{kind}{n}" for kind in ("COM", "LPT") for n in range(1, 10)]
)
"""Names Windows keeps for devices, whatever the extension: never a file's name."""


def is_url(text: str) -> bool:
    """Whether a name given to import is a URL (scheme://..., or a known scheme), not a path."""
    return _URL_LIKE.match(text) is not None


def check_url(url: str) -> str:
    """The URL as it will be requested; UsageError (exit 2) for any but http or https, and for
    one that could not be requested."""
    from urllib.parse import quote, urlsplit

    said = shown(url)
    if any(character.isspace() or not character.isprintable() for character in url):
        raise UsageError(f"{said}: a URL has no spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- parsed here: a bad port is a mistake in what was typed
    except ValueError as error:
        raise UsageError(f"{said}: not a URL that can be downloaded ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UsageError(
            f"{said}: {scheme or 'a URL with no scheme'}: is not downloaded, only http and "
            "https are; give a file on disk by its path"
        )
    if not parts.hostname:
        raise UsageError(f"{said}: the URL names no host")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{said}: a user name or password in a URL is not supported")
    # Non-ASCII text in the path or query is sent percent-encoded, as a browser sends it.
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~-._")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=~-._?")
    return parts._replace(scheme=scheme, path=path or "/", query=query, fragment="").geturl()


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
    if name.upper().split(".")[0] in DEVICES:
        name = f"_{name}"
    return name


def shown(url: str) -> str:
    """A URL as messages show it: at most 200 characters (the edge cleans it)."""
    return url if len(url) <= 200 else url[:197] + "..."
