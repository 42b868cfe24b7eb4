"""The one cleaner every outside string passes before it reaches stdout or stderr.

Outside strings are catalogue text, file contents, arguments and the environment. `clean`
removes what could drive or deceive a terminal: escape sequences (CSI, OSC, DCS and the rest),
C0 and C1 control characters, DEL, bidi embeddings, overrides, isolates and marks (the
"Trojan Source" characters), and invisible format characters (zero-width space, word joiner,
byte-order mark, interlinear annotations, tag characters). It keeps zero-width joiners and
variation selectors, which emoji and some scripts need. Cheap to import: only `re`.
"""

from __future__ import annotations

import re
from functools import cache

_SEQUENCES = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clear-screen
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC up to their end
    r"|\x1b[ -/]*[0-~]"  # other escapes, with their intermediate bytes
    r"|\x1b"  # a lone ESC
)
_INVISIBLE = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # C0 and C1 controls but line ends, DEL
    "\u061c\u200b\u200e\u200f"  # Arabic letter mark, zero-width space, LRM, RLM
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u2060-\u2064\ufeff\ufff9-\ufffb"  # word joiner, invisible operators, BOM, annotations
    "\U000e0000-\U000e007f"  # tag characters: invisible text
)
_LINE_ENDS = "\t\n\x0b\x0c\r\u0085\u2028\u2029"
_PATTERNS = {
    False: f"{_SEQUENCES}|[{_INVISIBLE}]|(?P<space>[{_LINE_ENDS}]+)",
    True: f"{_SEQUENCES}|[{_INVISIBLE}]|(?P<space>\t)|(?P<line>\r\n?|[\x0b\x0c\x85\u2028\u2029])",
}


@cache
def _pattern(lines: bool) -> re.Pattern[str]:
    """Compiled on first need: most text is printable and never needs it."""
    return re.compile(_PATTERNS[lines])


def _replace(match: re.Match[str]) -> str:
    if match.group("space") is not None:
        return " "
    if match.lastgroup == "line":
        return "\n"
    return ""


_DROP = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_KEEP = frozenset("\n\u200c\u200d\u00ad")  # line breaks where asked, ZWNJ, ZWJ, soft hyphen


def _rest(text: str) -> str:
    """Drop what the patterns do not name: other format characters, lone surrogates."""
    if text.isprintable():
        return text
    from unicodedata import category  # noqa: PLC0415 -- only odd text pays for it

    return "".join(c for c in text if c in _KEEP or category(c) not in _DROP)


def clean(text: str) -> str:
    """`text` as one line of printable characters: line breaks and tabs become spaces."""
    if text.isprintable():
        return text
    return _rest(_pattern(False).sub(_replace, text))


def clean_lines(text: str) -> str:
    """`text` printable, keeping its line breaks as `\\n`: for cells that hold several lines."""
    if text.isprintable():
        return text
    return _rest(_pattern(True).sub(_replace, text))
