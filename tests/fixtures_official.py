"""Small OEWS spreadsheets in the layout BLS publishes (XLSX, XLS, CSV, and the zips BLS
serves), written by the tests themselves; a store of mlcareers 2.0; a store made from them."""

from __future__ import annotations

import csv
import struct
import zipfile
from collections.abc import Mapping, Sequence
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
OLD_DS, OLD_DEV = "15-2098", "15-1256"
"""The codes of May 2019 to May 2020 (SOC 2018 hybrid) for data scientists and developers."""
TITLES = {
    DS: "Data Scientists",
    CIRS: "Computer and Information Research Scientists",
    DEV: "Software Developers",
    NURSE: "Registered Nurses",
    "00-0000": "All Occupations",
    OLD_DS: "Data Scientists and Mathematical Science Occupations, All Other",
    OLD_DEV: "Software Developers and Software Quality Assurance Analysts and Testers",
}
CODES = (DS, CIRS, DEV)
AREAS = {
    "99": ("U.S.", 1, "US"),
    "48": ("Texas", 2, "TX"),
    "12420": ("Austin-Round Rock-San Marcos, TX", 4, "TX"),
    "42660": ("Seattle-Tacoma-Bellevue, WA", 4, "WA"),
    "38900": ("Portland-Vancouver-Hillsboro, OR-WA", 4, "OR"),
    "38860": ("Portland-South Portland, ME", 4, "ME"),
    "53": ("Washington", 2, "WA"),
    "72": ("Puerto Rico", 3, "PR"),
    "35620": ("New York-Newark-Jersey City, NY-NJ", 4, "NY"),
    "41940": ("San Jose-Sunnyvale-Santa Clara, CA", 4, "CA"),
    "32420": ("Mayagüez, PR", 4, "PR"),
    "4800003": ("Big Thicket Region of Texas nonmetropolitan area", 6, "TX"),
}
"""Each area's title, AREA_TYPE (1 U.S., 2 state, 3 territory, 4 metro, 6 nonmetro) and
PRIM_STATE, as BLS writes them."""

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
    *,
    hourly: Sequence[Cell] = (30.1, 40.2, 54.1, 70.3, 90.4),
    h_mean: Cell = 59.9,
    jobs_1000: Cell = "",
    loc_quotient: Cell = "",
) -> list[Cell]:
    """One data row in HEADER's order: annual `wages` (10th, 25th, median, 75th, 90th) and
    `hourly` ones, JOBS_1000 and LOC_QUOTIENT (blank unless given)."""
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
        JOBS_1000=jobs_1000,
        LOC_QUOTIENT=loc_quotient,
        H_MEAN=h_mean,
        A_MEAN=mean,
        MEAN_PRSE=0.6,
        H_PCT10=hourly[0],
        H_PCT25=hourly[1],
        H_MEDIAN=hourly[2],
        H_PCT75=hourly[3],
        H_PCT90=hourly[4],
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


def hourly_of(wages: Sequence[Cell]) -> tuple[Cell, ...]:
    """Hourly wages that go with annual ones (a year of 2,080 hours); BLS symbols kept."""
    return tuple(round(w / 2080, 2) if isinstance(w, int | float) else w for w in wages)


def more_rows() -> list[list[Cell]]:
    """More places, each with employment, jobs per 1,000, location quotient and hourly wages:
    Washington and Puerto Rico, New York, San Jose, Mayagüez (an accent), a nonmetro area."""

    def place(
        area: str,
        occ: str,
        wages: Sequence[Cell],
        mean: Cell,
        employment: Cell,
        jobs_1000: Cell,
        loc_quotient: Cell,
    ) -> list[Cell]:
        return row(
            area,
            occ,
            wages,
            mean,
            employment,
            hourly=hourly_of(wages),
            h_mean=hourly_of([mean])[0],
            jobs_1000=jobs_1000,
            loc_quotient=loc_quotient,
        )

    return [
        place("53", DS, (80_000, 100_000, 130_000, 165_000, 210_000), 138_000, 9_800, 2.7, 1.9),
        place("53", DEV, (100_000, 130_000, 165_000, "#", "#"), 175_000, 98_000, 27.1, 3.2),
        place("72", DS, (30_000, 36_000, 45_000, 58_000, 72_000), 48_000, 150, 0.2, 0.14),
        place("35620", DS, (75_000, 98_000, 130_000, 170_000, 215_000), 139_000, 16_500, 1.7, 1.2),
        place("35620", DEV, (95_000, 125_000, 160_000, 200_000, "#"), 168_000, 95_000, 9.8, 1.5),
        place("41940", DS, (120_000, 150_000, 190_000, "#", "#"), 200_000, 6_400, 5.6, 4.1),
        place("41940", DEV, (140_000, 175_000, 215_000, "#", "#"), 220_000, 80_000, 70.5, 10.9),
        place("32420", DS, (28_000, 33_000, 41_000, 52_000, 66_000), 44_000, 40, 0.8, 0.6),
        place("32420", DEV, ("*", "*", "*", "*", "*"), "*", "**", "~", "~"),
        place("4800003", DS, (50_000, 62_000, 78_000, 95_000, 118_000), 80_000, 30, 0.4, 0.3),
    ]


def full_rows() -> list[list[Cell]]:
    """sample_rows() and more_rows(): every fixture place in one file (May 2024)."""
    return [*sample_rows(), *more_rows()]


def rows_2023() -> list[list[Cell]]:
    """May 2023: the same occupations, lower wages, fewer places."""
    return [
        row("99", DS, (61_000, 80_000, 108_020, 141_000, 184_090), 119_040, 192_710),
        row("99", DEV, (77_000, 99_000, 132_270, 167_000, 208_620), 138_110, 1_656_880),
        row("99", CIRS, (81_000, 106_000, 145_080, 183_000, "#"), 155_880, 36_440),
        row("12420", DS, (70_000, 90_000, 115_000, 148_000, 190_000), 122_000, 2_700),
        row("42660", DS, (86_000, 110_000, 142_000, 182_000, 232_000), 150_000, 5_600),
        row("53", DS, (78_000, 97_000, 125_000, 160_000, 205_000), 132_000, 9_100),
    ]


def rows_2020() -> list[list[Cell]]:
    """May 2020, when data scientists were coded 15-2098 and software developers 15-1256."""
    return [
        row("99", OLD_DS, (51_000, 67_000, 94_280, 124_000, 160_000), 103_000, 59_980),
        row("99", OLD_DEV, (65_000, 84_000, 110_140, 140_000, 170_100), 114_270, 1_847_900),
        row("99", CIRS, (72_000, 95_000, 126_830, 160_000, 194_430), 131_490, 31_770),
        row("12420", OLD_DEV, (70_000, 88_000, 112_000, 140_000, 170_000), 116_000, 30_000),
        row("42660", OLD_DS, (75_000, 95_000, 120_000, 152_000, 190_000), 125_000, 1_900),
    ]


def write_history(folder: Path) -> list[Path]:
    """The earlier years, oldest first: MSA_M2020_dl.xlsx (old codes) and MSA_M2023_dl.xlsx."""
    return [
        write_xlsx(folder / "MSA_M2020_dl.xlsx", rows_2020()),
        write_xlsx(folder / "MSA_M2023_dl.xlsx", rows_2023()),
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


def write_zip(
    path: Path,
    spreadsheets: Sequence[Path],
    *,
    extras: Mapping[str, bytes] | None = None,
) -> Path:
    """A zip as BLS serves them (oesm24ma.zip): a folder named after the zip holding the
    data spreadsheets and other files (by default a field-descriptions workbook with no data
    header and a text file), which an import must tell from the data by their headers."""
    folder = path.stem
    if extras is None:
        descriptions = write_xlsx(
            path.with_name("field_descriptions.xlsx"),
            [],
            header=("Field", "Field Description"),
            notes=False,
        )
        extras = {
            "field_descriptions.xlsx": descriptions.read_bytes(),
            "readme.txt": b"May 2024 OEWS estimates\r\n",
        }
        descriptions.unlink()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for spreadsheet in spreadsheets:
            archive.write(spreadsheet, f"{folder}/{spreadsheet.name}")
        for name, data in extras.items():
            archive.writestr(f"{folder}/{name}", data)
    return path


def write_xls(
    path: Path,
    rows: Sequence[Sequence[Cell]] | None = None,
    header: Sequence[str] = HEADER,
    *,
    notes: bool = True,
) -> Path:
    """An XLS (BIFF8 in a compound file) as BLS published until May 2013: a notes sheet,
    then the data sheet. Written here, with no library: the least of the format that
    python-calamine reads (strings as LABEL records, numbers as NUMBER records)."""
    data: list[list[Cell]] = [list(header)]
    data += [list(values) for values in (sample_rows() if rows is None else rows)]
    sheets: list[tuple[str, Sequence[Sequence[Cell]]]] = []
    if notes:
        sheets.append(("Field Descriptions", [list(line) for line in NOTES]))
    sheets.append((path.stem[:31], data))
    path.write_bytes(_compound_file(_biff8(sheets)))
    return path


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    """BIFF8's BOF record: 0x0005 opens the workbook's globals, 0x0010 a worksheet."""
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _cell(row: int, column: int, value: Cell) -> bytes:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _record(0x0203, struct.pack("<HHHd", row, column, 0, float(value)))
    text = "" if value is None else str(value)
    if not text:
        return b""
    return _record(
        0x0204, struct.pack("<HHHHB", row, column, 0, len(text), 1) + text.encode("utf-16-le")
    )


def _biff8(sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]]) -> bytes:
    """The Workbook stream: globals (BOF, code page, one BOUNDSHEET a sheet, EOF), sheets."""
    bodies = []
    for _, rows in sheets:
        width = max((len(line) for line in rows), default=0)
        cells = b"".join(
            _cell(number, column, value)
            for number, line in enumerate(rows)
            for column, value in enumerate(line)
        )
        dimensions = _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        bodies.append(_bof(0x0010) + dimensions + cells + _record(0x000A))

    def boundsheet(name: str, offset: int) -> bytes:
        data = struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + name.encode("utf-16-le")
        return _record(0x0085, data)

    head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
    offset = len(head) + sum(len(boundsheet(name, 0)) for name, _ in sheets) + 4
    offsets = []
    for body in bodies:
        offsets.append(offset)
        offset += len(body)
    listed = b"".join(boundsheet(name, at) for (name, _), at in zip(sheets, offsets, strict=True))
    return head + listed + _record(0x000A) + b"".join(bodies)


def _compound_file(stream: bytes) -> bytes:
    """A compound file (version 3, 512-byte sectors) holding one stream named Workbook: the
    stream, one directory sector, one FAT sector. Padded to 4,096 bytes at least, so that
    it is a regular stream, not one in the mini stream."""
    size = max(len(stream), 4096)
    body = stream.ljust(-(-size // 512) * 512, b"\0")
    count = len(body) // 512
    if count + 2 > 128:
        raise ValueError("write_xls writes small files only (one FAT sector)")
    end, free, fat_sector, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF

    def entry(name: str, kind: int, child: int, start: int, length: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
        colour = 1 if name else 0
        fields = struct.pack("<HBBIII", len(encoded), kind, colour, none, none, child)
        times = b"\0" * 16
        return (
            encoded.ljust(64, b"\0")
            + fields
            + b"\0" * 16
            + b"\0" * 4
            + times
            + struct.pack("<IQ", start, length)
        )

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, none, 0, size)
    directory += entry("", 0, none, 0, 0) * 2
    fat = [*range(1, count), end, end, fat_sector]
    fat += [free] * (128 - len(fat))
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, count, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", count + 1, *([free] * 108))
    return header + body + directory + struct.pack("<128I", *fat)


STORE_2_0 = (
    '{"version":1,"datasets":[{"file":"MSA_M2024_dl.xlsx","period":"May 2024",'
    '"imported_at":"2026-12-05T07:58:18Z","annual_cap":239200,"areas":['
    '{"code":"99","title":"U.S.","type":1,"state":"US"},'
    '{"code":"48","title":"Texas","type":2,"state":"TX"},'
    '{"code":"12420","title":"Austin-Round Rock-San Marcos, TX","type":4,"state":"TX"},'
    '{"code":"38860","title":"Portland-South Portland, ME","type":4,"state":"ME"},'
    '{"code":"38900","title":"Portland-Vancouver-Hillsboro, OR-WA","type":4,"state":"OR"},'
    '{"code":"42660","title":"Seattle-Tacoma-Bellevue, WA","type":4,"state":"WA"}],'
    '"occupations":[{"code":"15-1221","title":"Computer and Information Research Scientists"},'
    '{"code":"15-1252","title":"Software Developers"},'
    '{"code":"15-2051","title":"Data Scientists"}],"figures":['
    '{"area":"99","soc":"15-2051","employment":202900,"p10":70000,"p25":90000,'
    '"median":112590,"p75":150000,"p90":194410,"mean":124590},'
    '{"area":"99","soc":"15-1221","employment":36600,"p10":84000,"p25":110000,'
    '"median":140910,"p75":180000,"p90":{"marker":"#"},"mean":150000},'
    '{"area":"99","soc":"15-1252","employment":1654440,"p10":79850,"p25":103050,'
    '"median":133080,"p75":169000,"p90":211450,"mean":144570},'
    '{"area":"48","soc":"15-2051","employment":15000,"p10":60000,"p25":80000,'
    '"median":101000,"p75":130000,"p90":170000,"mean":110000},'
    '{"area":"12420","soc":"15-2051","employment":2950,"p10":75000,"p25":95000,'
    '"median":121000,"p75":155000,"p90":201000,"mean":128000},'
    '{"area":"12420","soc":"15-1221","employment":{"marker":"**"},"p10":{"marker":"*"},'
    '"p25":{"marker":"*"},"median":{"marker":"*"},"p75":{"marker":"*"},'
    '"p90":{"marker":"*"},"mean":{"marker":"*"}},'
    '{"area":"12420","soc":"15-1252","employment":38000,"p10":90000,"p25":115000,'
    '"median":145000,"p75":180000,"p90":{"marker":"#"},"mean":150000},'
    '{"area":"42660","soc":"15-2051","employment":6000,"p10":90000,"p25":115000,'
    '"median":150000,"p75":190000,"p90":{"marker":"#"},"mean":158000},'
    '{"area":"42660","soc":"15-1221","employment":{"marker":"~"},"p10":110000,'
    '"p25":140000,"median":180000,"p75":220000,"p90":{"marker":"#"},"mean":185000},'
    '{"area":"38900","soc":"15-2051","employment":1500,"p10":70000,"p25":88000,'
    '"median":110000,"p75":140000,"p90":180000,"mean":115000},'
    '{"area":"38860","soc":"15-2051","employment":200,"p10":60000,"p25":75000,'
    '"median":95000,"p75":120000,"p90":150000,"mean":99000}]}]}'
)
"""A store as mlcareers 2.0 wrote it (official.json), made by 2.0's own code from
write_xlsx's MSA_M2024_dl.xlsx: the catalogue's three occupations only, no hourly wages."""


def write_store_2_0(home: Path) -> Path:
    """A 2.0 JSON store in `home`, as 2.0 left it: official.json."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "official.json"
    path.write_text(STORE_2_0, encoding="utf-8")
    return path


def store_from(home: Path, *files: Path, period: str | None = None) -> Path:
    """A store in `home` holding `files` (spreadsheets, BLS zips, occupation.xlsx), imported as
    `mlcareers official import` imports them, in one transaction; the database's path."""
    from mlcareers.official import oews, sheets
    from mlcareers.official.database import open_for_writing
    from mlcareers.official.table import NoDataSheetError

    path = home / "official.sqlite3"
    with open_for_writing(path) as database:
        job = database.begin_import()
        for file in files:
            with sheets.spreadsheets(file) as found:
                for spreadsheet in found:
                    try:
                        table = sheets.open_table(spreadsheet.path, where=spreadsheet.where)
                    except NoDataSheetError:
                        if spreadsheet.archive is None:
                            raise
                        continue
                    if table.kind == "ep":  # projections: the period is in the header
                        job.add_projections(spreadsheet, table)
                        continue
                    when = oews.period_of(spreadsheet.named, period, spreadsheet.archive)
                    job.add(spreadsheet, when, table)
        job.commit()
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
