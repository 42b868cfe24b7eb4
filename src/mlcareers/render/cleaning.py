"""Outside text made safe for a stream: no escape sequences, and ASCII where the stream is."""

from __future__ import annotations

import re
from typing import TextIO

from mlcareers.clean import clean as clean_line
from mlcareers.clean import clean_lines

_TO_ASCII = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "−": "-",
        "━": "=",
        "─": "-",
        "●": "o",
        "•": "*",
        "×": "x",
        "÷": "/",
        "…": "...",
    }
)


class Cleaner:
    """Makes outside text safe to print: no escape sequences, and ASCII where the stream is."""

    def __init__(self, out: TextIO) -> None:
        encoding = getattr(out, "encoding", None) or "utf-8"
        self.encoding = encoding
        try:
            "–━●•×÷".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            self.ascii_only = True
        else:
            self.ascii_only = False

    def __call__(self, text: str) -> str:
        """`text` cleaned; line breaks kept, for the layouts that place them."""
        return self._encodable(clean_lines(text))

    def line(self, text: str) -> str:
        """`text` cleaned onto one line."""
        return self._encodable(clean_line(text))

    def _encodable(self, text: str) -> str:
        if self.ascii_only and not text.isascii():
            text = text.translate(_TO_ASCII).encode(self.encoding, "replace").decode(self.encoding)
        return text

    def tree(self, data: object) -> object:
        """Clean every string and key in a JSON-like tree; whole floats become integers."""
        return clean_tree(data)


_ESCAPE = re.compile(rb'\\[^"\\]')
"""In JSON text, an escape other than \\" and \\\\: a control character or a line break."""
_POINT_ZERO = re.compile(rb"\.0(?=[,\]}\n]|$)")
_EXPONENT = re.compile(rb"e\+\d+(?=[,\]}\n]|$)")
"""In JSON text, what may be a whole float: 112590.0, 1e+16 (each begins with a literal, so
that the expression skips ahead to it)."""


def json_is_clean(text: bytes) -> bool:
    """Whether JSON text (UTF-8) written from a tree is what the tree would give once cleaned:
    no string with a character to clean, no whole float to make an integer. Cheap tests on
    the bytes, so that the tree is walked only when it must be; a false alarm costs the walk,
    never a difference."""
    if b"\\" in text and _ESCAPE.search(text):
        return False
    if _POINT_ZERO.search(text) or _EXPONENT.search(text):
        return False
    if text.isascii():  # JSON escapes every control character but DEL; lines are indentation
        return b"\x7f" not in text
    return text.decode("utf-8").replace("\n", "").isprintable()


def clean_tree(data: object) -> object:
    """Every string and key in a JSON-like tree cleaned; whole floats made integers."""
    if isinstance(data, str):
        return clean_lines(data)
    if isinstance(data, dict):
        return {clean_line(str(key)): clean_tree(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [clean_tree(item) for item in data]
    if isinstance(data, float) and data.is_integer():
        return int(data)
    return data
