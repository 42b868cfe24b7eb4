"""Older survey years' codes for the occupations the catalogue uses, from the BLS crosswalks.

OEWS moved to the 2018 SOC in May 2019, and until May 2021 published some occupations under
hybrid codes that join an occupation to its neighbours; before May 2019 it used SOC 2010. An
older year joins a trend only through a code listed here, and is then marked derived with the
crosswalk named; a year with no listed code is a gap, never a guess. An occupation that the
2018 SOC split out of a wider one (data scientists), or that joins two older codes (software
developers from SOC 2010's applications and systems software developers), has no comparable
older code: those years are gaps.
"""

from __future__ import annotations

from typing import NamedTuple


class OldCode(NamedTuple):
    """The code an occupation was published under in the years `first` to `last`."""

    code: str
    title: str
    first: int
    last: int
    crosswalk: str
    comparability: str
    same_occupation: bool = False
    """Whether the older code counts the very same jobs (then a change across it is fair)."""


HYBRID = "BLS OEWS hybrid codes of May 2019 and May 2020 (2018 SOC crosswalk)"
SOC_2010 = "BLS 2010-to-2018 SOC crosswalk"

OLD_CODES: dict[str, tuple[OldCode, ...]] = {
    "15-2051": (
        OldCode(
            "15-2098",
            "Data Scientists and Mathematical Science Occupations, All Other",
            2019,
            2020,
            HYBRID,
            "the older code is wider: it also counts other mathematical science occupations",
        ),
    ),
    "15-1252": (
        OldCode(
            "15-1256",
            "Software Developers and Software Quality Assurance Analysts and Testers",
            2019,
            2020,
            HYBRID,
            "the older code is wider: it also counts quality assurance analysts and testers",
        ),
    ),
    "15-1221": (
        OldCode(
            "15-1111",
            "Computer and Information Research Scientists",
            1999,
            2018,
            SOC_2010,
            "the same occupation under its SOC 2010 code",
            same_occupation=True,
        ),
    ),
}
"""For each 2018 SOC code the catalogue uses, the older codes BLS maps to it one to one."""


def old_code(code: str, year: int) -> OldCode | None:
    """The code `code` was published under in `year`, when it was another; else None."""
    return next((old for old in OLD_CODES.get(code, ()) if old.first <= year <= old.last), None)


def comparable(code: str, year: int) -> bool:
    """Whether some code of `year` is comparable with `code`: the code itself (in the years
    after its older codes) or an older code listed here."""
    olds = OLD_CODES.get(code, ())
    if not olds or old_code(code, year) is not None:
        return True
    return year > max(old.last for old in olds)


def codes_for(code: str) -> tuple[str, ...]:
    """`code` and every older code that maps to it, for one query over every year."""
    return (code, *(old.code for old in OLD_CODES.get(code, ())))
