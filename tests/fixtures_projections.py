"""A BLS Employment Projections workbook (occupation.xlsx) in the layout BLS publishes it,
written by the tests themselves.

What is verified, and where (second-hand: bls.gov refuses scripted downloads, and no copy of
the workbook is stored in the reference index; public code that reads the real file was read
instead, and agrees):

- the workbook is occupation.xlsx (https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx),
  one sheet a table, the sheet named "Table 1.2" (read with sheet_name="Table 1.2" by several
  public loaders);
- a title row above the header: the loaders skip one row (header=1, skiprows=1); the 2024-34
  title is "Table 1.2 Occupational projections, 2024–2034, and worker characteristics, 2024",
  and older ones read "Table 1.2 Employment by detailed occupation, 2014 and projected 2024
  (Numbers in thousands)";
- the header, in this order (one loader's fixture lists all sixteen): EP_HEADER below, with an
  en dash (U+2013) in "2024–34" and the footnote marker "[1]" on the wage;
- "Occupation type" is "Line item" (a detailed occupation) or "Summary" (a group);
- employment, change and openings are in thousands with one decimal; percents are plain
  numbers (33.5 for 33.5%); a value BLS does not give is an em dash (U+2014); the top wages
  are text, ">=$239,200".

Not verified, so written as the issue describes it: the exact words of the notes below the
data (EP_NOTES), and the other sheets' titles. The figures are illustrative, not BLS's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

Cell = str | int | float | None

EP_TITLE = "Table 1.2 Occupational projections, 2024–2034, and worker characteristics, 2024"
OLD_TITLE = (
    "Table 1.2 Employment by detailed occupation, 2024 and projected 2034 (Numbers in thousands)"
)
EP_HEADER = (
    "2024 National Employment Matrix title",
    "2024 National Employment Matrix code",
    "Occupation type",
    "Employment, 2024",
    "Employment, 2034",
    "Employment distribution, percent, 2024",
    "Employment distribution, percent, 2034",
    "Employment change, numeric, 2024–34",
    "Employment change, percent, 2024–34",
    "Percent self employed, 2024",
    "Occupational openings, 2024–34 annual average",
    "Median annual wage, dollars, 2024[1]",
    "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
    "Related Occupational Outlook Handbook (OOH) content",
)
EP_NOTES = (
    (),
    ("Footnotes:",),
    (
        "[1] Data are from the Occupational Employment and Wage Statistics program, U.S. "
        "Bureau of Labor Statistics. Wage data cover non-self-employed workers only.",
    ),
    ("Note: Numbers in thousands. Detail may not sum to totals due to rounding.",),
    ("Source: Employment Projections program, U.S. Bureau of Labor Statistics.",),
)
BACHELOR = "Bachelor's degree"


def ep_row(
    code: str,
    title: str,
    base: Cell,
    target: Cell,
    change: Cell,
    percent: Cell,
    openings: Cell,
    wage: Cell = 112_590,
    education: Cell = BACHELOR,
    kind: str = "Line item",
) -> list[Cell]:
    """One row of Table 1.2 in EP_HEADER's order: employment, change and openings in
    thousands, as BLS publishes them."""
    return [
        title,
        code,
        kind,
        base,
        target,
        0.1,
        0.1,
        change,
        percent,
        1.2,
        openings,
        wage,
        education,
        "None",
        "None",
        title,
    ]


def ep_rows() -> list[list[Cell]]:
    """Table 1.2's rows: the total and two groups (Summary), then line items, the catalogue's
    three occupations among them, a top-coded wage and a projected decline."""
    return [
        ep_row("00-0000", "Total, all occupations", 169_000.0, 174_100.0, 5_100.0, 3.0,
               18_500.0, 49_500, "—", kind="Summary"),
        ep_row("15-0000", "Computer and mathematical occupations", 5_300.0, 5_830.0, 530.0,
               10.0, 400.0, 105_850, "—", kind="Summary"),
        ep_row("15-1250", "Software and web developers, programmers, and testers", 2_200.0,
               2_480.0, 280.0, 12.7, 140.0, 131_450, "—", kind="Summary"),
        ep_row("15-1221", "Computer and information research scientists", 40.3, 48.4, 8.1,
               20.1, 3.4, 140_910, "Master's degree"),
        ep_row("15-1252", "Software developers", 1_693.8, 1_961.6, 267.8, 15.8, 115.2,
               133_080),
        ep_row("15-2051", "Data scientists", 245.9, 327.9, 82.0, 33.5, 23.4, 112_590),
        ep_row("11-1011", "Chief executives", 211.4, 202.7, -8.7, -4.1, 16.0, ">=$239,200"),
        ep_row("29-1141", "Registered nurses", 3_391.0, 3_585.1, 194.1, 5.7, 189.1, 93_600),
    ]  # fmt: skip


def write_projections(
    path: Path,
    rows: Sequence[Sequence[Cell]] | None = None,
    *,
    title: str = EP_TITLE,
    sheet: str = "Table 1.2",
    header: Sequence[str] = EP_HEADER,
    notes: Sequence[Sequence[Cell]] = EP_NOTES,
    table_1_2: bool = True,
) -> Path:
    """occupation.xlsx as BLS publishes it: an index sheet, Table 1.1, Table 1.2 (a title
    row, the header, the rows, notes below), then Table 1.3, which has the same kind of
    header but other rows; without `table_1_2`, Table 1.2 is left out."""
    import openpyxl

    workbook = openpyxl.Workbook()
    index = workbook.active
    index.title = "Index"
    for line in ("Employment Projections: occupational tables", "Table 1.1", "Table 1.2"):
        index.append([line])
    first = workbook.create_sheet("Table 1.1")
    first.append(["Table 1.1 Employment by major occupational group, 2024 and projected 2034"])
    first.append([*header[:2], "Employment, 2024", "Employment, 2034"])
    first.append(["Total, all occupations", "00-0000", 169_000.0, 174_100.0])
    if table_1_2:
        data = workbook.create_sheet(sheet)
        data.append([title])
        data.append(list(header))
        for values in ep_rows() if rows is None else rows:
            data.append(list(values))
        for note in notes:
            data.append(list(note))
    fastest = workbook.create_sheet("Table 1.3")
    fastest.append(["Table 1.3 Fastest growing occupations, 2024 and projected 2034"])
    fastest.append(list(header))
    fastest.append(ep_row("15-2051", "Data scientists", 1.0, 2.0, 1.0, 100.0, 0.1))
    workbook.save(path)
    return path
