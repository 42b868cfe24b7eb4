"""Where the official files can be downloaded (`official sources`): each known location, with
the rule for the year in its name."""

from __future__ import annotations

from collections.abc import Sequence

from mlcareers.official.request import CONTACT_VARIABLE
from mlcareers.official.sources import EXAMPLE_YEAR, OEWS, Location
from mlcareers.report import TABLE_ONLY, Column, Format, Report, Value

MARKDOWN_ONLY = frozenset({Format.markdown})


def sources_report(locations: Sequence[Location]) -> Report:
    """The `official sources` result: one record a file a publisher serves. The table is a
    tree, one branch a dataset headed by its year rule, one leaf a file and its URL."""
    columns = [
        Column("heading", "Dataset", formats=TABLE_ONLY),
        Column("dataset", "Dataset", formats=MARKDOWN_ONLY),
        Column("covers", "Covers"),
        Column("url", "URL"),
        Column("years", "Year in the name", formats=MARKDOWN_ONLY),
        Column("imports", "Imported", formats=MARKDOWN_ONLY),
    ]
    if not all(location.verified for location in locations):
        columns.append(Column("verified", "Checked"))
    rows = tuple(_row(location) for location in locations)
    data: list[object] = [_data(location) for location in locations]
    oews = next((location for location in locations if location.dataset == OEWS), None)
    notes = [
        f"Import one: {CONTACT_VARIABLE}=you@example.com mlcareers official import URL; BLS "
        f"refuses downloads that name no contact, and {CONTACT_VARIABLE} is sent as one.",
        "Other years and files: each dataset's page (page in JSON).",
    ]
    if oews is not None:
        notes.insert(0, f"May 20{EXAMPLE_YEAR}'s {oews.covers.lower()} file: {oews.example}")
    if not all(location.verified for location in locations):
        notes.append("A location marked 'not verified' was written down but not confirmed.")
    return Report(
        tuple(columns),
        rows,
        data,
        "Where the official files can be downloaded",
        tuple(notes),
        group_by="heading",
    )


def _row(location: Location) -> dict[str, Value]:
    imported = "" if location.imports else "; this version does not import it yet"
    return {
        "heading": f"{location.dataset}: {location.years}{imported}",
        "dataset": location.dataset,
        "covers": location.covers,
        "url": location.url,
        "verified": "" if location.verified else "not verified",  # only the exception shows
        "years": location.years,
        "imports": "yes" if location.imports else "not yet",
    }


def _data(location: Location) -> dict[str, object]:
    return {
        "dataset": location.dataset,
        "publisher": location.publisher,
        "covers": location.covers,
        "file": location.file,
        "url": location.url,
        "example": location.example,
        "years": location.years,
        "page": location.page,
        "verified": location.verified,
        "imports": location.imports,
    }
