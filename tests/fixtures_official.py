"""Small OEWS spreadsheets in the layout BLS publishes, written by the tests themselves."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

HEADER = tuple(
    " ".join(
        (
            "AREA AREA_TITLE AREA_TYPE PRIM_STATE NAICS NAICS_TITLE I_GROUP OWN_CODE OCC_CODE",
            "OCC_TITLE O_GROUP TOT_EMP EMP_PRSE JOBS_1000 LOC_QUOTIENT PCT_TOTAL PCT_RPT H_MEAN",
            "A_MEAN MEAN_PRSE H_PCT10 H_PCT25 H_MEDIAN H_PCT75 H_PCT90 A_PCT10 A_PCT25 A_MEDIAN",
            "A_PCT75 A_PCT90 ANNUAL HOURLY",
        )
    ).split(" ")
)
"""The 32 columns of the May 2024 files, in their order."""
CAP_NOTE = "#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year"
NOTES = (
    ("Field", "Field Description"),
    ("area", "U.S. (99), state FIPS code, Metropolitan Statistical Area (MSA) code"),
    ("Notes:", ""),
    ("*  = indicates that a wage estimate is not available", ""),
    ("**  = indicates that an employment estimate is not available", ""),
    (CAP_NOTE, ""),
    (
        "~ =indicates that the percent of establishments reporting the occupation is less "
        "than 0.5%",
        "",
    ),
)
DS, CIRS, DEV, NURSE = "15-2051", "15-1221", "15-1252", "29-1141"
TITLES = {
    DS: "Data Scientists",
    CIRS: "Computer and Information Research Scientists",
    DEV: "Software Developers",
    NURSE: "Registered Nurses",
    "00-0000": "All Occupations",
}
CODES = (DS, CIRS, DEV)
AREAS = {
    "99": ("U.S.", 1, "US"),
    "48": ("Texas", 2, "TX"),
    "12420": ("Austin-Round Rock-San Marcos, TX", 4, "TX"),
    "42660": ("Seattle-Tacoma-Bellevue, WA", 4, "WA"),
    "38900": ("Portland-Vancouver-Hillsboro, OR-WA", 4, "OR"),
    "38860": ("Portland-South Portland, ME", 4, "ME"),
}

Cell = str | int | float | None


def row(
    area: str,
    occ: str,
    wages: Sequence[Cell] = (70_000, 90_000, 112_590, 150_000, 194_410),
    mean: Cell = 124_590,
    employment: Cell = 202_900,
    naics: str = "000000",
    i_group: str = "cross-industry",
    own_code: Cell = 1235,
    o_group: str = "detailed",
) -> list[Cell]:
    """One data row in HEADER's order; hourly figures are made up, they are never read."""
    title, area_type, state = AREAS[area]
    values: dict[str, Cell] = dict.fromkeys(HEADER, "")
    values.update(
        AREA=area,
        AREA_TITLE=title,
        AREA_TYPE=area_type,
        PRIM_STATE=state,
        NAICS=naics,
        NAICS_TITLE="Cross-industry" if naics == "000000" else "Some industry",
        I_GROUP=i_group,
        OWN_CODE=own_code,
        OCC_CODE=occ,
        OCC_TITLE=TITLES[occ],
        O_GROUP=o_group,
        TOT_EMP=employment,
        EMP_PRSE=1.2,
        H_MEAN=59.9,
        A_MEAN=mean,
        MEAN_PRSE=0.6,
        H_PCT10=30.1,
        H_PCT25=40.2,
        H_MEDIAN=54.1,
        H_PCT75=70.3,
        H_PCT90=90.4,
        A_PCT10=wages[0],
        A_PCT25=wages[1],
        A_MEDIAN=wages[2],
        A_PCT75=wages[3],
        A_PCT90=wages[4],
    )
    return [values[name] for name in HEADER]


def sample_rows() -> list[list[Cell]]:
    """National, state and metropolitan rows, with industry rows and BLS symbols among them."""
    return [
        row("99", "00-0000", employment=151_853_870, o_group="total"),
        row("99", DS),
        # Industry breakdowns of the same occupation: never its figure.
        row("99", DS, (1, 2, 3, 4, 5), 6, 7, naics="541000", i_group="3-digit"),
        row("99", DS, (1, 2, 3, 4, 5), 6, 7, own_code=5),
        row("99", CIRS, (84_000, 110_000, 140_910, 180_000, "#"), 150_000, 36_600),
        row("99", DEV, (79_850, 103_050, 133_080, 169_000, 211_450), 144_570, 1_654_440),
        row("99", NURSE),
        row("48", DS, (60_000, 80_000, 101_000, 130_000, 170_000), 110_000, 15_000),
        row("12420", DS, (75_000, 95_000, 121_000, 155_000, 201_000), 128_000, 2_950),
        row("12420", CIRS, ("*", "*", "*", "*", "*"), "*", "**"),
        row("12420", DEV, (90_000, 115_000, 145_000, 180_000, "#"), 150_000, 38_000),
        row("42660", DS, (90_000, 115_000, 150_000, 190_000, "#"), 158_000, 6_000),
        row("42660", CIRS, (110_000, 140_000, 180_000, 220_000, "#"), 185_000, "~"),
        row("38900", DS, (70_000, 88_000, 110_000, 140_000, 180_000), 115_000, 1_500),
        row("38860", DS, (60_000, 75_000, 95_000, 120_000, 150_000), 99_000, 200),
    ]


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Cell]] | None = None,
    header: Sequence[str] = HEADER,
    *,
    lower: bool = False,
    notes_first: bool = True,
    notes: bool = True,
    above_header: Sequence[Sequence[Cell]] = (),
) -> Path:
    """An XLSX in the BLS layout: a 'Field Descriptions' sheet first, then the data sheet."""
    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    names = [name.lower() if lower else name for name in header]

    def fill_data(sheet: object) -> None:
        for line in above_header:
            sheet.append(list(line))  # type: ignore[attr-defined]
        sheet.append(names)  # type: ignore[attr-defined]
        for values in sample_rows() if rows is None else rows:
            sheet.append(list(values))  # type: ignore[attr-defined]

    def fill_notes(sheet: object) -> None:
        for line in NOTES:
            sheet.append(list(line))  # type: ignore[attr-defined]

    stem = path.stem
    if notes and notes_first:
        first.title = "Field Descriptions"
        fill_notes(first)
        fill_data(workbook.create_sheet(stem[:31]))
    else:
        first.title = stem[:31]
        fill_data(first)
        if notes:
            fill_notes(workbook.create_sheet("Field Descriptions"))
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Cell]] | None = None,
    header: Sequence[str] = HEADER,
    *,
    lower: bool = False,
) -> Path:
    """A CSV with the same header as the XLSX files."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow([name.lower() if lower else name for name in header])
        for values in sample_rows() if rows is None else rows:
            writer.writerow(["" if value is None else value for value in values])
    return path


def official_cli() -> object:
    """A small app around the official commands with the command line's edge: a domain error becomes
    one line on stderr and its exit code, as cli.py does for the real app."""
    import sys
    from typing import Any

    import typer
    from typer.core import TyperGroup

    from mlcareers.commands.official import app as official_app
    from mlcareers.errors import MlcareersError

    class Group(TyperGroup):
        def invoke(self, ctx: Any) -> Any:
            try:
                return super().invoke(ctx)
            except MlcareersError as error:
                sys.stderr.write(f"mlcareers: error: {error}\n")
                raise typer.Exit(error.exit_code) from None

    app = typer.Typer(cls=Group, rich_markup_mode=None, pretty_exceptions_enable=False)

    @app.callback()
    def root() -> None:
        """The root, so that `official` is a group beneath it as in the real app."""

    app.add_typer(official_app, name="official")
    return app
