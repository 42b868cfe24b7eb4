"""Where the catalogue's figures come from (`sources`): each kind of figure, published or
derived, with its origin or its method."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlcareers.ladder import LINK_METHOD, PATH_METHOD
from mlcareers.official.soc import GROWTH_METHOD
from mlcareers.pay import ANNUALISED_METHOD, HOURS_PER_YEAR
from mlcareers.report import Column, Report, Value
from mlcareers.skills import COVERAGE_METHOD, NEXT_METHOD
from mlcareers.views.common import source_note

if TYPE_CHECKING:
    from mlcareers.models import Catalogue


def sources_report(catalogue: Catalogue) -> Report:
    """Where every kind of figure comes from, which are derived and how."""
    source = catalogue.source
    origin = f"{source.publisher}, {source.title!r}"
    figures = [
        ("Salary ranges and medians (US annual base, national)", "published", origin),
        ("Freelance hourly rates", "published", f"{origin}; rates vary over time"),
        (
            "City pay ranges",
            "published",
            f"{origin}; one range a city, for the role it names or for ML pay in general",
        ),
        (
            "Growth and demand",
            "published",
            f"{origin}; in our words, per role and for ML work at large",
        ),
        ("Freelance rates if billed all year (rank --by hourly)", "derived", ANNUALISED_METHOD),
        (
            "Pay conversions (convert)",
            "derived",
            f"on {HOURS_PER_YEAR:,} hours a year unless --hours",
        ),
        ("Skill coverage (match)", "derived", COVERAGE_METHOD),
        ("What to learn next (match)", "derived", NEXT_METHOD),
        ("Skill demand counts (skills)", "derived", "roles asking for each skill, counted"),
        ("Where a job leads (path)", "derived", PATH_METHOD),
        ("Ladder jobs tied to a role (show, path)", "derived", LINK_METHOD),
        (
            "Official occupation of a role (show)",
            "derived",
            "our judgement; 'mlcareers show ROLE' gives its reasons (soc.method in JSON)",
        ),
        ("Projected growth of a role (rank --by growth, outlook)", "derived", GROWTH_METHOD),
    ]
    columns = (
        Column("figure", "Figure"),
        Column("basis", "Basis", path="derived"),
        Column("origin", "Where from, or how", priority=1),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {"figure": f, "basis": b, "origin": o} for f, b, o in figures
    )
    data: dict[str, object] = {
        "source": source.model_dump(mode="json"),
        "figures": [
            {"figure": f, "derived": b == "derived", "origin" if b == "published" else "method": o}
            for f, b, o in figures
        ],
        "caveats": list(source.caveats),
    }
    published = source.published.isoformat() if source.published else "the article is undated"
    notes = (
        f"Figures for {source.year}; {published}; catalogue compiled {source.as_of}.",
        *(f"Caveat: {caveat}" for caveat in source.caveats),
    )
    return Report(
        columns,
        rows,
        data,
        "Where the figures come from",
        notes,
        records_key="figures",
        source=source_note(catalogue),
    )
