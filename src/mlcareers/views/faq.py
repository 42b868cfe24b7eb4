"""The FAQ (`faq`): the article's questions and answers, whole or those mentioning a term."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlcareers.report import Column, Report, Value
from mlcareers.views.common import source_note

if TYPE_CHECKING:
    from mlcareers.models import Catalogue


def faq_report(catalogue: Catalogue, term: str | None) -> Report:
    """The FAQ, whole or the entries that mention `term`."""
    wanted = (term or "").casefold()
    entries = [
        entry
        for entry in catalogue.faq
        if wanted in entry.question.casefold() or wanted in entry.answer.casefold()
    ]
    columns = (Column("question", "Question"), Column("answer", "Answer"))
    rows: tuple[dict[str, Value], ...] = tuple(
        {"question": e.question, "answer": e.answer} for e in entries
    )
    data: list[object] = [entry.model_dump() for entry in entries]
    title = f"Questions about {term!r}" if term else "Questions people ask"
    notes = (f"{len(entries)} of {len(catalogue.faq)} questions.", source_note(catalogue))
    return Report(
        columns, rows, data, title, notes, group_by="question", source=source_note(catalogue)
    )
