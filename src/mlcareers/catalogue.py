"""Load a catalogue (the packaged one or a user's file) and find roles and cities in it."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from mlcareers import strictjson
from mlcareers.errors import CatalogueError, NotFoundError, UsageError
from mlcareers.files import FileError, read_bytes
from mlcareers.models import (
    NAME_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    Catalogue,
    City,
    Role,
    fold,
)
from mlcareers.names import fold_all

PACKAGED = Path(__file__).parent / "data" / "roles.json"

MAX_BYTES = 256 * 1024 * 1024
"""A 100,000-role catalogue is about 100 MB; four times the JSON of any plausible survey fits."""

MAX_PROBLEMS = 20
_BOM = b"\xef\xbb\xbf"


def load(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Read and validate a catalogue file; the packaged catalogue when no path is given."""
    where = Path(path) if path is not None else PACKAGED
    try:
        data = read_bytes(where, "catalogue", MAX_BYTES)
    except FileError as error:
        raise CatalogueError(str(error)) from None
    # The bytes are dropped once parsed, before the models are built: not held to the end.
    document = _document(data, str(where))
    del data
    return _validate(document, str(where))


def parse(data: bytes, where: str = "catalogue") -> Catalogue:
    """Validate raw JSON bytes as a catalogue, turning every failure into one CatalogueError.

    A key given twice in one object is refused (every common parser lets the last one win).
    """
    return _validate(_document(data, where), where)


def _document(data: bytes, where: str) -> object:
    """The JSON document in `data`, duplicate keys refused."""
    data = data.removeprefix(_BOM)
    if not data or data.isspace():  # not strip(): that would copy a large file
        raise CatalogueError(f"{where}: is empty; a catalogue is a JSON object")
    try:
        return strictjson.loads(data)
    except strictjson.DuplicateKeyError as error:
        raise CatalogueError(
            f"{where}: is not a valid catalogue (1 problem)", (str(error),)
        ) from None
    except strictjson.JsonError as error:
        raise _not_json(data, where, str(error)) from None


CHUNK = 2_000
"""Roles validated at a time in a large catalogue, each chunk's JSON objects freed as it is
done: the peak holds the models and what is left of the document, not both in full."""


def _validate(document: object, where: str) -> Catalogue:
    """`document` validated as a catalogue; every failure one CatalogueError."""
    try:
        if isinstance(document, dict) and isinstance(document.get("roles"), list):
            roles = document["roles"]
            if len(roles) > CHUNK:
                _validate_roles(roles)
        return Catalogue.model_validate(document)
    except ValidationError as exc:
        raise _invalid(exc, b"", where) from None


def _validate_roles(roles: list[object]) -> None:
    """Replace, chunk by chunk, the role objects of a valid chunk by their models.

    The catalogue's own validation then takes each model as it is: every role is still
    validated once, by the same Role model. A chunk with any invalid role is left as it is,
    so that the catalogue's validation reports its problems exactly as it always does.
    """
    from pydantic import TypeAdapter  # noqa: PLC0415 -- only large catalogues need it

    adapter = TypeAdapter(list[Role])
    for start in range(0, len(roles), CHUNK):
        chunk = roles[start : start + CHUNK]
        try:
            roles[start : start + CHUNK] = adapter.validate_python(chunk)
        except ValidationError:
            continue


def _not_json(data: bytes, where: str, detail: str) -> CatalogueError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return CatalogueError(f"{where}: is not UTF-8 text (invalid byte at offset {bad.start})")
    return CatalogueError(f"{where}: is not valid JSON ({detail})")


def _invalid(exc: ValidationError, data: bytes, where: str) -> CatalogueError:
    errors = exc.errors(include_url=False, include_input=False, include_context=True)
    if errors and errors[0]["type"] == "json_invalid":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            return CatalogueError(
                f"{where}: is not UTF-8 text (invalid byte at offset {bad.start})"
            )
        detail = errors[0]["msg"].removeprefix("Invalid JSON: ")
        return CatalogueError(f"{where}: is not valid JSON ({detail})")
    problems = tuple(
        _problem(error["loc"], error["type"], _pattern_message(error) or error["msg"])
        for error in _untangled(errors)
    )
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    shown = problems[:MAX_PROBLEMS]
    if count > MAX_PROBLEMS:
        shown += (f"... and {count - MAX_PROBLEMS} more",)
    return CatalogueError(f"{where}: is not a valid catalogue ({count} {noun})", shown)


_TYPE_MESSAGES = {
    "model_type": "Input should be an object",
    "model_attributes_type": "Input should be an object",
    "dict_type": "Input should be an object",
    "tuple_type": "Input should be a list",
    "list_type": "Input should be a list",
}
"""Type errors in JSON's words: the document is parsed before it is validated, so pydantic
would otherwise speak of dictionaries, tuples and model instances."""


def _problem(loc: tuple[int | str, ...], kind: str, msg: str) -> str:
    msg = _TYPE_MESSAGES.get(kind, msg)
    if not loc and kind == "value_error":
        return _message(msg)  # the catalogue's own checks name where the problem is
    return f"{_location(loc)}: {_message(msg)}"


_PATTERN_MESSAGES = {
    NAME_PATTERN: "needs a letter or digit, no space at its start or end, and no control "
    "character (newline, tab, escape) or bidi override",
    TEXT_PATTERN: "must not start or end with a space, nor hold a control character (newline, "
    "tab, escape) or bidi override",
    SLUG_PATTERN: "must be a slug: lower-case letters and digits, joined by single hyphens",
}
_UNION_TAGS = frozenset({"constrained-str", "SkillGroup"})
"""How pydantic names the two shapes a skill may take; dropped from the paths we print. A
model with its own rule is named after the rule too: function-after[_members(), SkillGroup]."""


def _is_tag(part: int | str) -> bool:
    return isinstance(part, str) and (part in _UNION_TAGS or part.endswith(", SkillGroup]"))


def _untangled(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """A skill that is an object failed as a group, not as a string: keep that error only."""
    groups = {_before_group(error["loc"]) for error in errors}
    kept = [
        error
        for error in errors
        if not (error["loc"][-1:] == ("constrained-str",) and error["loc"][:-1] in groups)
        and not (error["type"] == "too_short" and error["loc"] == ("roles",) and len(errors) > 1)
    ]
    return [
        {**error, "loc": tuple(part for part in error["loc"] if not _is_tag(part))}
        for error in kept
    ]


def _before_group(loc: tuple[int | str, ...]) -> tuple[int | str, ...] | None:
    """The path to the skill that failed as a group (its own rule, or one of its fields)."""
    tags = [place for place, part in enumerate(loc) if _is_tag(part) and part != "constrained-str"]
    return loc[: tags[0]] if tags else None


def _pattern_message(error: ErrorDetails) -> str | None:
    if error["type"] != "string_pattern_mismatch":
        return None
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    return _PATTERN_MESSAGES.get(pattern, f"does not have the form {pattern}")


MAX_KEY = 40


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:  # a key of the file's own: shown short, and cleaned when printed
            text += f".{part if len(part) <= MAX_KEY else part[:MAX_KEY] + '…'}"
    return text.removeprefix(".") or "(top level)"


def _message(msg: str) -> str:
    return msg.removeprefix("Value error, ")


Item = TypeVar("Item", Role, City)


def find_role(catalogue: Catalogue, name: str) -> Role:
    """The role a slug, alias or title names, in any case; else NotFoundError."""
    return _find("role", catalogue.roles, name)


def find_city(catalogue: Catalogue, name: str) -> City:
    """The city a slug, "Name, ST" form, alias or unambiguous name names; else NotFoundError."""
    try:
        return _find("city", catalogue.cities, name)
    except NotFoundError:
        same = [city for city in catalogue.cities if fold(city.name) == fold(name)]
        if len(same) == 1:
            return same[0]
        if same:
            choices = " or ".join(f"{city.name}, {city.region}" for city in same)
            raise UsageError(f"{name!r} is more than one city: {choices}; say which") from None
        raise


def _find(kind: str, items: Sequence[Item], name: str) -> Item:
    index = _index_of(items)
    wanted = fold(name)
    found = index.get(wanted)
    if found is not None:
        return found
    raise NotFoundError(kind, name, closest(wanted, _slugs_of(items)))


_INDEXES: dict[int, tuple[Sequence[Role | City], dict[str, Role | City]]] = {}
"""Each catalogue's name index, by the identity of its (frozen) tuple of roles or cities,
which the entry keeps alive: built once, so naming N roles costs N look-ups, not N scans
(compare with 1,000 names in a catalogue of 100,000 roles took 7 minutes)."""


def _index_of(items: Sequence[Item]) -> dict[str, Item]:
    cached = _INDEXES.get(id(items))
    if cached is None or cached[0] is not items:
        spellings = [(alias, item) for item in items for alias in item.names()]
        folded = fold_all([alias for alias, _ in spellings])
        index: dict[str, Role | City] = {}
        for key, (_, item) in zip(folded, spellings, strict=True):
            index[key] = item
        cached = _INDEXES[id(items)] = (items, index)
    return cached[1]  # type: ignore[return-value]


def _slugs_of(items: Sequence[Item]) -> dict[str, str]:
    return {key: item.slug for key, item in _index_of(items).items()}


SCAN_ALL = 5_000
"""Up to this many names, every one is compared with a mistyped name; beyond it, only those
of a near length that share its first two letters or its last three, and of those at most
this many, the nearest in length (see closest)."""


def closest(wanted: str, choices: Mapping[str, str]) -> tuple[str, ...]:
    """Up to three names to suggest for a folded name that matched none of `choices`' keys:
    the keys it begins, then the keys that look like it; each reported as its value.

    difflib compares a name with every key; among a few thousand keys that is instant, among
    the 483,000 spellings of 100,000 roles it took seconds. There, only keys of a length
    difflib could accept (its ratio of 0.6 needs the shorter at least 3/7 of the longer) that
    share the name's first two letters or last three are compared."""
    import difflib  # noqa: PLC0415 -- only a failed lookup needs it

    keys: list[str] = list(choices)
    if len(keys) > SCAN_ALL and len(wanted) >= 3:
        low, high = len(wanted) * 3 // 7, len(wanted) * 7 // 3 + 1
        head, tail = wanted[:2], wanted[-3:]
        keys = [
            key
            for key in keys
            if low <= len(key) <= high and (key.startswith(head) or key.endswith(tail))
        ]
        if len(keys) > SCAN_ALL:  # still many (a catalogue of similar names): the nearest
            size = len(wanted)  # in length are compared, a bounded number
            keys.sort(key=lambda key: abs(len(key) - size))
            del keys[SCAN_ALL:]
    close: list[str] = difflib.get_close_matches(wanted, keys, n=6, cutoff=0.6)
    starts = [key for key in choices if wanted and key.startswith(wanted)]
    return tuple(dict.fromkeys(choices[key] for key in [*starts, *close]))[:3]
