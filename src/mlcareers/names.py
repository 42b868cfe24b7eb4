"""How names are matched: the one folding that lookups and the uniqueness rule share.

Two names are the same name when their folds are equal. The fold is, in this order:

1. drop invisible characters: every format character (Unicode category Cf: zero-width space,
   joiner and non-joiner, word joiner, BOM, soft hyphen, bidi marks and overrides, tags) and
   the other default-ignorable code points that are not Cf (variation selectors, the combining
   grapheme joiner, Hangul fillers, Mongolian free variation selectors);
2. NFKC, case folding, NFKC again (case folding can undo the normal form): so full-width
   'ＭＬＯｐｓ' is 'mlops', and 'é' typed as e + combining acute is the precomposed 'é';
3. separators count as one space and ends are trimmed: whitespace, the ASCII hyphen,
   underscore, dot, comma and slash, and every Unicode dash (category Pd).

Combining marks are kept, not stripped: 'engineér' and 'engineer' are different names. Marks
are letters' parts in many scripts (Devanagari vowel signs, Hebrew points, Thai tone marks),
so stripping them would make distinct names collide, and the design names exactly NFKC, case
folding and invisible characters. What a reader cannot tell apart on screen collides (one
accent typed two ways, a hidden joiner, full-width letters); what a reader can see differs.

ASCII names, nearly all of them, take a fast path that never touches unicodedata and gives the
same key (tests/test_names.py proves the two paths agree).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, chain

_EXTRA_IGNORABLE = frozenset(
    (
        0x034F,  # combining grapheme joiner
        0x115F,  # Hangul choseong filler
        0x1160,  # Hangul jungseong filler
        0x17B4,  # Khmer vowel inherent aq
        0x17B5,  # Khmer vowel inherent aa
        *range(0x180B, 0x1810),  # Mongolian free variation selectors and vowel separator
        0x3164,  # Hangul filler
        *range(0xFE00, 0xFE10),  # variation selectors 1-16
        0xFFA0,  # half-width Hangul filler
        *range(0xE0100, 0xE01F0),  # variation selectors 17-256
    )
)
"""Default-ignorable code points outside category Cf, which `_invisible` checks by category."""


def fold(name: str) -> str:
    """The key a name is matched by: see the module's docstring for what counts as the same."""
    # ASCII has no format characters, NFKC leaves it alone and its case folding is lower().
    text = name.lower() if name.isascii() else _fold_unicode(name)
    text = text.replace("-", " ").replace("_", " ").replace(".", " ")
    return " ".join(text.replace(",", " ").replace("/", " ").split())


def fold_all(names: Sequence[str]) -> list[str]:
    """`fold` of every name, in one pass over one joined string when all of them are ASCII."""
    return _fold_all(names)[0]


def _fold_all(names: Sequence[str]) -> tuple[list[str], bool]:
    """`fold_all`, and whether every name was plain ASCII (NUL-free)."""
    joined = "\0".join(names)
    if not joined.isascii() or joined.count("\0") != len(names) - 1:
        return [fold(name) for name in names], False
    return _fold_ascii(joined), True


def _fold_ascii(joined: str) -> list[str]:
    text = joined.lower().replace("-", " ").replace("_", " ").replace(".", " ")
    text = text.replace(",", " ").replace("/", " ")
    if any(untidy in text for untidy in _UNTIDY) or text.startswith(" ") or text.endswith(" "):
        return [" ".join(part.split()) for part in text.split("\0")]
    return text.split("\0")  # no name has a run of spaces, an end space or other whitespace


_UNTIDY = ("  ", "\0 ", " \0", *"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")
"""In ASCII names joined by NUL: what `fold` would still collapse or trim (substring tests are
far faster here than one regular expression)."""


def first_clash(name_lists: Sequence[Sequence[str]]) -> tuple[int, int, str] | None:
    """The first item that answers to a name an earlier item answers to: see `check_names`."""
    return check_names(name_lists)[0]


def check_names(
    name_lists: Sequence[Sequence[str]],
) -> tuple[tuple[int, int, str] | None, bool]:
    """The first item that answers to a name an earlier item answers to, as (its index, the
    earlier item's index, the folded name), or None when every item's names are its own; and
    whether every name was plain ASCII (then none can mix scripts).

    One item may repeat a name (a slug that is also its title). Nearly every catalogue is
    clean, so the check is a few passes in C; only a clash walks the items in Python.
    """
    keys, plain = _fold_all(list(chain.from_iterable(name_lists)))
    bounds = list(accumulate(map(len, name_lists), initial=0))
    own_keys = list(map(keys.__getitem__, map(slice, bounds, bounds[1:])))
    # No name is shared iff the distinct names of the whole equal the sum of each item's own.
    if len(set(keys)) == sum(map(len, map(set, own_keys))):
        return None, plain
    first_owner: dict[str, int] = {}
    for index, own in enumerate(own_keys):
        earlier = [first_owner[key] for key in own if key in first_owner]
        if earlier:
            first = min(earlier)
            return (index, first, min(k for k in own if first_owner.get(k) == first)), plain
        for key in own:
            first_owner[key] = index
    return None, plain  # pragma: no cover -- the check above found a clash, and this finds it


def _fold_unicode(name: str) -> str:
    """Steps 1 and 2 of the fold, and Unicode dashes made spaces, for a name that is not ASCII."""
    from unicodedata import category, normalize  # noqa: PLC0415 -- only non-ASCII names need it

    visible = "".join(
        char for char in name if ord(char) not in _EXTRA_IGNORABLE and category(char) != "Cf"
    )
    text = normalize("NFKC", normalize("NFKC", visible).casefold())
    return "".join(" " if category(char) == "Pd" else char for char in text)


def has_letter_or_digit(name: str) -> bool:
    """Whether a name has at least one letter or digit, in any script: 'C++' yes, '--' no."""
    return any(map(str.isalnum, name))


_LOOK_ALIKE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
"""Scripts whose letters look alike (Latin O, Greek Ο, Cyrillic О): one word mixing them is
a disguise, not a name."""


def mixed_script_word(name: str) -> str | None:
    """A word of `name` whose letters come from more than one of Latin, Greek and Cyrillic
    ('MLОps' with a Cyrillic О), or None. A whole word in another script is a name of its own:
    telling it from a Latin look-alike would need Unicode's confusables table."""
    if name.isascii():
        return None
    from unicodedata import name as character_name  # noqa: PLC0415 -- non-ASCII names only

    for word in name.split():
        scripts = {
            script
            for char in word
            if char.isalpha()
            for script in _LOOK_ALIKE_SCRIPTS
            if character_name(char, "").startswith(script)
        }
        if len(scripts) > 1:
            return word
    return None
