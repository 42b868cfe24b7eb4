"""Load a catalogue (the packaged one or a user's file) and find roles and cities in it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from mlcareers.errors import CatalogueError, NotFoundError
from mlcareers.models import Catalogue, City, Role, fold

PACKAGED = Path(__file__).parent / "data" / "roles.json"

MAX_BYTES = 256 * 1024 * 1024
"""A 100,000-role catalogue is about 100 MB; four times the JSON of any plausible survey fits."""

MAX_PROBLEMS = 20
_BOM = b"\xef\xbb\xbf"


def load(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Read and validate a catalogue file; the packaged catalogue when no path is given."""
    where = Path(path) if path is not None else PACKAGED
    return parse(read_bytes(where), str(where))


def read_bytes(path: Path, what: str = "catalogue", limit: int | None = None) -> bytes:
    """The file's bytes, refusing anything that is not a regular file of a sane size."""
    limit = MAX_BYTES if limit is None else limit
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no such file") from None
    except ValueError:
        raise CatalogueError(f"{str(path)!r} is not a usable file name") from None
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise CatalogueError(f"{path}: is a directory, not a {what} file")
    if not stat.S_ISREG(info.st_mode):
        raise CatalogueError(f"{path}: is not a regular file (a device, FIFO or socket?)")
    if info.st_size > limit:
        raise _too_large(path, what, limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise _too_large(path, what, limit)
    return data


def parse(data: bytes, where: str = "catalogue") -> Catalogue:
    """Validate raw JSON bytes as a catalogue, turning every failure into one CatalogueError."""
    data = data.removeprefix(_BOM)
    if not data.strip():
        raise CatalogueError(f"{where}: is empty; a catalogue is a JSON object")
    try:
        return Catalogue.model_validate_json(data)
    except ValidationError as exc:
        raise _invalid(exc, data, where) from None


def _too_large(path: Path, what: str, limit: int) -> CatalogueError:
    mib = limit // (1024 * 1024)
    return CatalogueError(f"{path}: is larger than {mib} MiB, the most a {what} may be")


def _invalid(exc: ValidationError, data: bytes, where: str) -> CatalogueError:
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    if errors and errors[0]["type"] == "json_invalid":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            return CatalogueError(
                f"{where}: is not UTF-8 text (invalid byte at offset {bad.start})"
            )
        detail = errors[0]["msg"].removeprefix("Invalid JSON: ")
        return CatalogueError(f"{where}: is not valid JSON ({detail})")
    problems = tuple(_problem(error["loc"], error["type"], error["msg"]) for error in errors)
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    shown = problems[:MAX_PROBLEMS]
    if count > MAX_PROBLEMS:
        shown += (f"... and {count - MAX_PROBLEMS} more",)
    return CatalogueError(f"{where}: is not a valid catalogue ({count} {noun})", shown)


def _problem(loc: tuple[int | str, ...], kind: str, msg: str) -> str:
    if not loc and kind == "value_error":
        return _message(msg)  # the catalogue's own checks name where the problem is
    return f"{_location(loc)}: {_message(msg)}"


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.removeprefix(".") or "(top level)"


def _message(msg: str) -> str:
    return msg.removeprefix("Value error, ")


Item = TypeVar("Item", Role, City)


def find_role(catalogue: Catalogue, name: str) -> Role:
    """The role a slug, alias or title names, in any case; else NotFoundError."""
    return _find("role", catalogue.roles, name)


def find_city(catalogue: Catalogue, name: str) -> City:
    """The city a slug, name, "Name, ST" form or alias names; else NotFoundError."""
    return _find("city", catalogue.cities, name)


def _find(kind: str, items: Iterable[Item], name: str) -> Item:
    index = {fold(alias): item for item in items for alias in item.names()}
    wanted = fold(name)
    found = index.get(wanted)
    if found is not None:
        return found
    raise NotFoundError(
        kind, name, closest(wanted, {key: item.slug for key, item in index.items()})
    )


def closest(wanted: str, choices: Mapping[str, str]) -> tuple[str, ...]:
    """Up to three names to suggest for a folded name that matched none of `choices`' keys:
    the keys it begins, then the keys that look like it; each reported as its value."""
    import difflib  # noqa: PLC0415 -- only a failed lookup needs it

    close: list[str] = difflib.get_close_matches(wanted, list(choices), n=6, cutoff=0.6)
    starts = [key for key in choices if wanted and key.startswith(wanted)]
    return tuple(dict.fromkeys(choices[key] for key in [*starts, *close]))[:3]
