"""Where the publishers serve the official files mlcareers reads: known download locations,
written down here (never scraped), so that `official sources` can list them to copy into
`official import URL`.

Each location was checked against public references that download it (the publishers' pages
cannot be fetched from where this was written); one that could not be checked would say so in
`verified`, and `official sources` marks it.
"""

from __future__ import annotations

from typing import NamedTuple

OEWS = "BLS OEWS"
PROJECTIONS = "BLS Employment Projections"
PARITIES = "BEA Regional Price Parities"
BLS = "US Bureau of Labor Statistics"
BEA = "US Bureau of Economic Analysis"
OEWS_PAGE = "https://www.bls.gov/oes/tables.htm"
OEWS_BASE = "https://www.bls.gov/oes/special-requests/"
OEWS_YEARS = "{YY} is the May survey year, two digits (24: May 2024, published spring 2025)"
YEAR_PLACEHOLDER = "{YY}"
EXAMPLE_YEAR = "24"
"""The year the examples name: May 2024, a survey whose files are known to be served."""


class Location(NamedTuple):
    """One file a publisher serves, and the rule for the year in its name."""

    dataset: str
    publisher: str
    covers: str
    """What the file holds: National, State, ..."""
    url: str
    """Where it is served; {YY} stands for the year where the name has one."""
    years: str
    """The rule for the year: what {YY} is, or that one file holds every year."""
    page: str
    """The publisher's page that lists it, for a person to look at."""
    verified: bool
    imports: bool
    """Whether this version of `official import` reads it."""

    @property
    def file(self) -> str:
        """The file's name as served: the URL's last segment."""
        return self.url.rsplit("/", 1)[-1]

    @property
    def example(self) -> str:
        """The URL of one real file: the pattern with the year filled in."""
        return self.url.replace(YEAR_PLACEHOLDER, EXAMPLE_YEAR)


def _oews(covers: str, code: str) -> Location:
    return Location(
        OEWS, BLS, covers, f"{OEWS_BASE}oesm{{YY}}{code}.zip", OEWS_YEARS, OEWS_PAGE, True, True
    )


LOCATIONS: tuple[Location, ...] = (
    _oews("National", "nat"),
    _oews("States", "st"),
    _oews("Metropolitan and nonmetropolitan areas", "ma"),
    _oews("All data (every area, with industry detail)", "all"),
    Location(
        PROJECTIONS,
        BLS,
        "Occupations (projected employment, openings, education)",
        "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx",
        "no year in the name (the latest projections; each release replaces the file)",
        "https://www.bls.gov/emp/tables/occupational-projections-and-characteristics.htm",
        True,
        True,
    ),
    Location(
        PARITIES,
        BEA,
        "Metropolitan areas (MARPP)",
        "https://apps.bea.gov/regional/zip/MARPP.zip",
        "no year in the name (every year since 2008 in one file; each release replaces it)",
        "https://apps.bea.gov/regional/downloadzip.cfm",
        True,
        True,
    ),
    Location(
        PARITIES,
        BEA,
        "States (SARPP)",
        "https://apps.bea.gov/regional/zip/SARPP.zip",
        "no year in the name (every year since 2008 in one file; each release replaces it)",
        "https://apps.bea.gov/regional/downloadzip.cfm",
        True,
        True,
    ),
)
"""Every known location, in the order `official sources` lists them."""
