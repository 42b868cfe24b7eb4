"""Views of the official store itself: what it holds (`official list`) and what an import
gave (`official import`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mlcareers.official.paths import HOW_TO_ADD, PROJECTIONS_PROGRAM, PROJECTIONS_TABLE
from mlcareers.report import Column, Report, Value
from mlcareers.views.official import SURVEY

if TYPE_CHECKING:
    from mlcareers.official.models import DatasetInfo, Occupation
    from mlcareers.official.oews import ImportStats


DATASET_COLUMNS = (
    Column("file", "File"),
    Column("source", "Source"),
    Column("period", "Period"),
    Column("kinds", "Places"),
    Column("areas", "Areas", "int"),
    Column("occupations", "Occupations", "int", priority=1),
)
"""What `official list` and `official import` both say of an imported file."""
PLACE_LABELS = {
    "nation": "nation",
    "state": "states",
    "territory": "territories",
    "metro": "metros",
    "nonmetro": "nonmetro",
}
"""The kinds of places a file holds, as the list's Places column says them."""
PARITIES_PROGRAM = "BEA Regional Price Parities"
SOURCE_LABELS = {"oews": "OEWS", "ep": "Projections", "rpp": "Price parities"}
SOURCE_NAMES = {"oews": SURVEY, "ep": PROJECTIONS_PROGRAM, "rpp": PARITIES_PROGRAM}
SOURCE_NOTES = {
    "oews": "OEWS: the BLS wage survey (Occupational Employment and Wage Statistics), by May.",
    "ep": (
        f"Projections: {PROJECTIONS_PROGRAM}, {PROJECTIONS_TABLE} (occupation.xlsx), national; "
        "its period is its base and target years."
    ),
    "rpp": (
        f"Price parities: {PARITIES_PROGRAM} (US Bureau of Economic Analysis), all items, US = "
        "100, by metro (MARPP) or state (SARPP); its period is the years it covers. Its rows "
        "are parities kept (an area and a year each)."
    ),
}


def list_report(
    datasets: Sequence[DatasetInfo],
    occupations: Mapping[int, Sequence[Occupation]],
    path: Path,
) -> Report:
    """The `official list` result: each imported file with its period, areas and rows;
    `occupations` lists each dataset's (by id) for JSON."""
    columns = (
        *DATASET_COLUMNS,
        Column("rows", "Rows", "int"),
        Column("imported_at", "Imported", priority=2),
    )
    rows = tuple(_dataset_row(dataset) for dataset in datasets)
    data: dict[str, object] = {
        "store": str(path),
        "files": [_dataset_data(dataset, occupations.get(dataset.id, ())) for dataset in datasets],
    }
    sources = dict.fromkeys(dataset.source for dataset in datasets)
    notes = (
        (*(SOURCE_NOTES[source] for source in sources if source in SOURCE_NOTES), f"Store: {path}.")
        if datasets
        else (HOW_TO_ADD, f"Store: {path}.")
    )
    return Report(columns, rows, data, "Official statistics stored", notes, records_key="files")


def import_report(
    results: Sequence[tuple[DatasetInfo, ImportStats]],
    occupations: Mapping[int, Sequence[Occupation]],
    path: Path,
) -> Report:
    """The `official import` result: what each file gave, and where it is kept."""
    columns = (
        *DATASET_COLUMNS,
        Column("rows", "Rows kept", "int"),
        Column("rows_read", "Rows read", "int"),
        Column("skipped", "Rows skipped", "int"),
    )
    rows = tuple(
        {
            **_dataset_row(dataset),
            "rows_read": stats.rows_read,
            "skipped": stats.industry_rows,
        }
        for dataset, stats in results
    )
    data: dict[str, object] = {
        "store": str(path),
        "files": [
            {
                **_dataset_data(dataset, occupations.get(dataset.id, ())),
                "rows_read": stats.rows_read,
                "industry_rows_skipped": stats.industry_rows if dataset.source == "oews" else None,
                "summary_rows_skipped": stats.industry_rows if dataset.source == "ep" else None,
                "other_lines_skipped": stats.industry_rows if dataset.source == "rpp" else None,
            }
            for dataset, stats in results
        ],
    }
    sources = {dataset.source for dataset, _ in results}
    kept = [
        *(
            ["OEWS: kept every cross-industry, all-owner occupation row (skipped: industry rows)."]
            if "oews" in sources
            else []
        ),
        *(
            [
                f"Projections: kept every detailed occupation ('Line item') of {PROJECTIONS_TABLE}"
                " (skipped: 'Summary' rows, the groups); employment and openings, published in "
                "thousands, kept as counts."
            ]
            if "ep" in sources
            else []
        ),
        *(
            [
                "Price parities: kept line 1, 'RPPs: All items', per area and year (rows kept: "
                "area-years; skipped: the goods, housing, utilities and other-services lines)."
            ]
            if "rpp" in sources
            else []
        ),
    ]
    notes = (*kept, f"Store: {path}.")
    return Report(columns, rows, data, "Imported official statistics", notes, records_key="files")


def _dataset_row(dataset: DatasetInfo) -> dict[str, Value]:
    return {
        "file": dataset.file,
        "source": SOURCE_LABELS.get(dataset.source, dataset.source),
        "period": dataset.period,
        "kinds": ", ".join(PLACE_LABELS.get(kind, kind) for kind in dataset.kinds)
        if dataset.source == "oews"
        else None,
        "areas": dataset.areas if dataset.source == "oews" else None,
        "occupations": dataset.occupations if dataset.source != "rpp" else None,
        "rows": dataset.rows,
        "imported_at": dataset.imported_at.strftime("%Y-%m-%d %H:%M UTC"),
    }


def _dataset_data(dataset: DatasetInfo, occupations: Sequence[Occupation]) -> dict[str, object]:
    listed = [{"code": occupation.code, "title": occupation.title} for occupation in occupations]
    return {
        "file": dataset.file,
        "archive": dataset.archive,
        "source": dataset.source,
        "survey": SOURCE_NAMES.get(dataset.source, dataset.source),
        "table": PROJECTIONS_TABLE if dataset.source == "ep" else None,
        "period": dataset.period,
        "year": dataset.year,
        "target_year": dataset.target_year,
        "imported_at": dataset.imported_at.replace(microsecond=0).isoformat(),
        "annual_cap": dataset.annual_cap,
        "hourly_cap": dataset.hourly_cap,
        "kinds": list(dataset.kinds),
        "areas": dataset.areas,
        "occupations": listed,
        "occupation_count": dataset.occupations,
        "rows": dataset.rows,
    }
