"""Ways into machine learning (`learn`): education, certifications, entry jobs, time to entry,
skills and tips."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlcareers.report import Report
from mlcareers.views.common import Entries, kind_columns, source_note

if TYPE_CHECKING:
    from mlcareers.models import Catalogue


def learn_report(catalogue: Catalogue) -> Report:
    """Ways in: education routes, certifications, entry-level jobs and how long it takes."""
    entries = Entries()
    for note in catalogue.entry_notes:
        entries.add("entry_note", "Getting in", note)
    for route in catalogue.education:
        entries.add("education", "Education", route.name, route.summary, route.examples)
    for cert in catalogue.certifications:
        entries.add("certification", "Certifications", cert.programme, cert.provider)
    for job in catalogue.entry_paths:
        entries.add("entry_job", "Entry-level jobs", job.name, job.summary)
    for span in catalogue.time_to_entry:
        name = f"{span.low}-{span.high} {span.unit}"
        entries.add(
            "time_to_entry",
            "Time to entry",
            name,
            span.situation,
            low=span.low,
            high=span.high,
            unit=span.unit,
        )
    for kind, label_, items in (
        ("hard_skill", "Hard skills", catalogue.hard_skills),
        ("soft_skill", "Soft skills", catalogue.soft_skills),
        ("tip", "Tips to earn more", catalogue.tips),
    ):
        for item in items:
            entries.add(kind, label_, item.name, item.summary, item.examples)
    return Report(
        kind_columns("Examples"),
        tuple(entries.rows),
        entries.records,
        "Getting into machine learning",
        (source_note(catalogue),),
        group_by="kind",
        source=source_note(catalogue),
    )
