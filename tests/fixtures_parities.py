"""A regional price parity file in the layout BEA's regional data download serves (MARPP): a
header with one column per year, codes quoted after a space, every line of the table for each
area (all items, goods, housing, utilities, other services), "(NA)" years, Latin-1, and the
notes BEA writes under the data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

YEARS = (2021, 2022, 2023)
LINES = (
    (1, "RPPs: All items "),
    (2, "RPPs: Goods "),
    (3, "RPPs: Services: Housing "),
    (4, "RPPs: Services: Utilities "),
    (5, "RPPs: Services: Other "),
)
METROS: dict[str, tuple[str, Sequence[str]]] = {
    "00000": ("United States", ("100.000", "100.000", "100.000")),
    "12420": (
        "Austin-Round Rock-San Marcos, TX (Metropolitan Statistical Area)",
        ("101.2", "102.5", "103.1"),
    ),
    "42660": (
        "Seattle-Tacoma-Bellevue, WA (Metropolitan Statistical Area)",
        ("114.8", "115.3", "116.0"),
    ),
    "41940": (
        "San Jose-Sunnyvale-Santa Clara, CA (Metropolitan Statistical Area)",
        ("125.0", "126.1", "(NA)"),
    ),
    "35620": (
        "New York-Newark-Jersey City, NY-NJ (Metropolitan Statistical Area) *",
        ("117.0", "117.5", "118.2"),
    ),
    "99999": ("Española, NM (Metropolitan Statistical Area)", ("(NA)", "(NA)", "(NA)")),
}
NOTES = (
    '"Note. See the included footnote file."',
    '"Regional price parities (RPPs) are regional price levels expressed as a percentage of '
    'the overall national price level for a given year."',
    '"Last updated: December 12, 2024-- new statistics for 2023; revised statistics for '
    '2008-2022."',
    '"Source: U.S. Bureau of Economic Analysis"',
)


def parity_lines(
    metros: dict[str, tuple[str, Sequence[str]]] = METROS,
    years: Sequence[int] = YEARS,
    lines: Sequence[tuple[int, str]] = LINES,
) -> list[str]:
    header = "GeoFIPS,GeoName,Region,TableName,LineCode,IndustryClassification,Description,Unit,"
    out = [header + ",".join(str(year) for year in years)]
    for code, (name, values) in metros.items():
        for line, description in lines:
            shown = values if line == 1 else tuple("95.0" if v != "(NA)" else v for v in values)
            out.append(
                f' "{code}","{name}", ,MARPP,{line},"...","{description}","Percent",'
                + ",".join(shown)
            )
    return [*out, *NOTES]


def write_parities(path: Path, lines: Sequence[str] | None = None) -> Path:
    """The file as BEA serves it: Latin-1, CRLF line ends."""
    path.write_bytes(
        ("\r\n".join(parity_lines() if lines is None else lines) + "\r\n").encode("latin-1")
    )
    return path
