"""Every format draws every report; catalogue text is printed literally and safely."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from mlcareers.catalogue import find_role
from mlcareers.cities import city_pay
from mlcareers.comparison import compare_roles
from mlcareers.models import Catalogue
from mlcareers.ranking import RankBy, rank
from mlcareers.render import Cleaner, formatter_for, render
from mlcareers.report import Format, Report
from mlcareers.views.pay import compare_report, rank_report, roles_report, show_report

ReportOf = Callable[[Catalogue], Report]
REPORTS: dict[str, ReportOf] = {
    "rank": lambda c: rank_report(c, rank(c.roles), RankBy.median),
    "show": lambda c: show_report(c, find_role(c, "mlops")),
    "compare": lambda c: compare_report(c, city_pay(c, c.cities)),
    "roles": lambda c: roles_report(
        c, compare_roles(c, [find_role(c, "mlops"), find_role(c, "ds")], c.cities[2:])
    ),
}
AMOUNTS = {
    "rank": ("$130,599", "$103,933", "$146,926", "$250"),
    "show": ("$130,599", "$103,933", "$146,926", "$67"),
    "compare": ("$174,000", "$258,000", "$103,933", "$146,926"),
    "roles": ("$130,599", "$199,000", "$281,000", "Scikit-learn", "Kubernetes"),
}
HOSTILE = "[bold]x[/] [/] \x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b\u202eevil"


def _render(report: Report, fmt: Format, encoding: str = "utf-8") -> str:
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding=encoding, newline="")
    render(report, fmt, out)
    out.flush()
    return buffer.getvalue().decode(encoding)


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_formatter(fmt: Format) -> None:
    assert hasattr(formatter_for(fmt), "write")


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_report_renders_in_every_format(catalogue: Catalogue, name: str, fmt: Format) -> None:
    report = REPORTS[name](catalogue)
    text = _render(report, fmt)
    assert "\x1b" not in text
    if fmt is Format.json:
        assert json.loads(text) == report.data
    elif fmt is Format.csv:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == len(report.rows)
        assert list(rows[0]) == [column.key for column in report.columns_for(Format.csv)]
    elif fmt is Format.markdown:
        table = [line for line in text.splitlines() if line.startswith("|")]
        assert len(table) == len(report.rows) + 2
        assert set(table[1].replace("|", "").split()) <= {"---", "---:"}
    else:
        assert report.title is not None
        assert text.startswith(report.title)
        assert all(line == line.rstrip() for line in text.splitlines())


def test_csv_keeps_raw_numbers(catalogue: Catalogue) -> None:
    text = _render(REPORTS["rank"](catalogue), Format.csv)
    first = next(csv.DictReader(io.StringIO(text)))
    assert first["median"] == "130599"
    assert first["salary_low"] == "103933"


def test_piped_table_is_never_cut(catalogue: Catalogue) -> None:
    text = _render(REPORTS["compare"](catalogue), Format.table)
    assert "Computer vision engineer" in text
    assert "$103,933 – $146,926" in text
    assert "…" not in text


def _hostile_catalogue(catalogue: Catalogue) -> Catalogue:
    role = catalogue.roles[0].model_copy(update={"title": HOSTILE, "skills": (HOSTILE,)})
    return catalogue.model_copy(update={"roles": (role, *catalogue.roles[1:])})


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("name", ["rank", "show"])
def test_catalogue_text_is_literal_and_stripped_of_controls(
    catalogue: Catalogue, name: str, fmt: Format
) -> None:
    hostile = _hostile_catalogue(catalogue)
    report = show_report(hostile, hostile.roles[0]) if name == "show" else REPORTS[name](hostile)
    text = _render(report, fmt)
    if fmt is Format.json:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "pwned"):
        assert bad not in text
    assert "[bold]x[/]" in text
    assert "redevil" in text


def test_cleaner_strips_escape_sequences() -> None:
    clean = Cleaner(io.StringIO())
    assert clean(HOSTILE) == "[bold]x[/] [/] redevil"


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("name", list(REPORTS))
def test_ascii_stream_gets_ascii(catalogue: Catalogue, name: str, fmt: Format) -> None:
    text = _render(REPORTS[name](catalogue), fmt, encoding="ascii")
    assert text.isascii()
    assert text.strip()


def test_ascii_table_draws_the_bar_in_ascii(catalogue: Catalogue) -> None:
    text = _render(REPORTS["rank"](catalogue), Format.table, encoding="ascii")
    assert "=o=" in text
    assert "$103,933 - $146,926" in text


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
@pytest.mark.parametrize("name", list(REPORTS))
def test_narrow_tables_wrap_words_but_never_split_one(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, name: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    text = _render(REPORTS[name](catalogue), Format.table)
    assert max(len(line) for line in text.splitlines()) <= width
    for amount in AMOUNTS[name]:
        assert amount in text
    if name == "rank":
        assert ("●" in text) == ("Bars share one scale" in text)
