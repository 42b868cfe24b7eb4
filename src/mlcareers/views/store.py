"""Views of the official store itself: what it holds (`official list`) and what an import
gave (`official import`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mlcareers.official.paths import HOW_TO_ADD
from mlcareers.report import Column, Report, Value
from mlcareers.views.official import SURVEY

if TYPE_CHECKING:
    from mlcareers.official.models import Dataset, Store
    from mlcareers.official.oews import ImportStats


DATASET_COLUMNS = (
    Column("file", "File"),
    Column("period", "Period"),
    Column("areas", "Areas", "int"),
    Column("occupations", "Occupations", "int"),
)
"""What `official list` and `official import` both say of an imported file."""


def list_report(store: Store, path: Path) -> Report:
    """The `official list` result: each imported file with its period, areas and rows."""
    columns = (*DATASET_COLUMNS, Column("rows", "Rows", "int"), Column("imported_at", "Imported"))
    rows = tuple(_dataset_row(dataset) for dataset in store.datasets)
    data: dict[str, object] = {
        "store": str(path),
        "files": [_dataset_data(dataset) for dataset in store.datasets],
    }
    notes = (f"Store: {path}.",) if store.datasets else (HOW_TO_ADD, f"Store: {path}.")
    return Report(columns, rows, data, "Official statistics stored", notes, records_key="files")


def import_report(results: Sequence[tuple[Dataset, ImportStats]], path: Path) -> Report:
    """The `official import` result: what each file gave, and where it is kept."""
    columns = (
        *DATASET_COLUMNS,
        Column("rows", "Rows kept", "int"),
        Column("rows_read", "Rows read", "int"),
        Column("industry_rows", "Industry rows skipped", "int"),
    )
    rows = tuple(
        {
            **_dataset_row(dataset),
            "rows_read": stats.rows_read,
            "industry_rows": stats.industry_rows,
        }
        for dataset, stats in results
    )
    data: dict[str, object] = {
        "store": str(path),
        "files": [
            {
                **_dataset_data(dataset),
                "rows_read": stats.rows_read,
                "industry_rows_skipped": stats.industry_rows,
            }
            for dataset, stats in results
        ],
    }
    notes = (
        f"Kept only cross-industry, all-owner rows of the catalogue's occupations. Store: {path}.",
    )
    return Report(columns, rows, data, "Imported official statistics", notes, records_key="files")


def _dataset_row(dataset: Dataset) -> dict[str, Value]:
    return {
        "file": dataset.file,
        "period": dataset.period,
        "areas": len(dataset.areas),
        "occupations": len(dataset.occupations),
        "rows": len(dataset.figures),
        "imported_at": dataset.imported_at.strftime("%Y-%m-%d %H:%M UTC"),
    }


def _dataset_data(dataset: Dataset) -> dict[str, object]:
    return {
        "file": dataset.file,
        "survey": SURVEY,
        "period": dataset.period,
        "imported_at": dataset.imported_at.isoformat(),
        "annual_cap": dataset.annual_cap,
        "areas": len(dataset.areas),
        "occupations": [
            {"code": occupation.code, "title": occupation.title}
            for occupation in dataset.occupations
        ],
        "rows": len(dataset.figures),
    }
