"""Every format draws every report; outside text is printed literally, safely and inertly.

These tests build their own reports, so that they hold whatever the views do; the tables of
the real commands are covered by tests/test_widths.py and its golden files.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlcareers.clean import clean, clean_lines
from mlcareers.errors import UsageError
from mlcareers.options import Output, emit
from mlcareers.render import formatter_for, render
from mlcareers.render.as_markdown import markdown_text
from mlcareers.render.cleaning import Cleaner, clean_tree
from mlcareers.render.csv_cells import csv_cell, join_list, neutralise, split_list
from mlcareers.render.layout import BAR_WIDTH, table_width
from mlcareers.report import HUMAN, TABLE_ONLY, Bar, Column, Format, Report, Value

HOSTILE = "[bold]x[/] [/] \x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b\u202eevil"
SOURCE = "Upwork, 'The 6 Highest-Paying Machine Learning Jobs in 2026' (2026)"
ROLES = [
    ("mlops-engineer", "MLOps engineer", 103_933, 130_599, 146_926, 56, 67),
    ("data-scientist", "Data scientist", 99_853, 118_407, 137_412, 35, 250),
    ("computer-vision-engineer", "Computer vision engineer", 103_340, 118_316, 136_083, 35, 200),
    ("ml-engineer", "ML engineer", 93_119, 109_933, 127_748, 50, 200),
]
SCALE = (93_119, 146_926)
COLUMNS = (
    Column("rank", "#", "int"),
    Column("title", "Role"),
    Column("median", "Median", "money", path="salary.median"),
    Column("salary", "Salary range", "money_range", HUMAN, priority=1, path="salary"),
    Column("hourly", "Hourly", "money_range", HUMAN, priority=3, path="hourly"),
    Column("bar", "Low ━━●━━ high", "bar", TABLE_ONLY, priority=2, path="salary"),
)


def _rank(title: str = "ML roles by median base salary", **changes: Any) -> Report:
    rows: list[dict[str, Value]] = []
    data: list[object] = []
    for place, (slug, name, low, median, high, hlow, hhigh) in enumerate(ROLES, start=1):
        rows.append(
            {
                "rank": place,
                "title": name,
                "median": median,
                "salary": (low, high),
                "hourly": (hlow, hhigh),
                "bar": Bar(low, median, high, *SCALE),
            }
        )
        data.append(
            {
                "rank": place,
                "slug": slug,
                "title": name,
                "salary": {"low": low, "median": median, "high": high},
                "hourly": {"low": hlow, "high": hhigh},
                "skills": ["Python", "Docker"],
                "annualised": {
                    "low": hlow * 2080,
                    "high": hhigh * 2080,
                    "derived": True,
                    "method": "hourly rate × 2,080 hours",
                },
            }
        )
    report = Report(
        COLUMNS,
        tuple(rows),
        data,
        title,
        ("Salaries: US annual base pay.",),
        ("Bars share one scale; ● marks the median.",),
        source=SOURCE,
    )
    return report._replace(**changes)


def _show() -> Report:
    """One record, drawn as field/value rows: a report shaped like `show`."""
    columns = (
        Column("label", "Field", formats=HUMAN),
        Column("value", "Value", "list"),
        Column("bar", "", "bar", TABLE_ONLY, priority=1),
    )
    summary = "Runs machine-learning models in production: deploys them and keeps them healthy."
    rows: tuple[dict[str, Value], ...] = (
        {"label": "Role", "value": "MLOps engineer"},
        {"label": "In short", "value": summary},
        {"label": "Salary range", "value": "$103,933 – $146,926", "bar": Bar(1, 2, 3, 1, 3)},
        {"label": "Skills", "value": ("Python", "Docker", "Cloud platform (AWS, GCP or Azure)")},
    )
    data: dict[str, object] = {"slug": "mlops-engineer", "title": "MLOps engineer"}
    data["summary"] = summary
    return Report(columns, rows, data, "MLOps engineer", source=SOURCE)


def _match() -> Report:
    """An analysis: context around a list of records under `roles`."""
    base = _rank()
    assert isinstance(base.data, list)
    data = {"have": ["Python"], "roles": base.data, "next_skill": {"skill": "AWS"}}
    return base._replace(data=data, records_key="roles")


def _with_part() -> Report:
    """An analysis with a second list, drawn as a part of its own: match's foundations."""
    columns = (Column("status", "Status"), Column("skill", "Foundation"), Column("says", "Says"))
    rows: tuple[dict[str, Value], ...] = (
        {"status": "You have", "skill": "Keras", "says": "expected in high-paying roles"},
        {"status": "Missing", "skill": "Calculus", "says": "essential"},
    )
    records: list[object] = [
        {"skill": "Calculus", "says": "essential", "line": 69, "met_by": None},
        {"skill": "Keras", "says": "expected in high-paying roles", "line": 72, "met_by": "Keras"},
    ]
    part = Report(
        columns,
        rows,
        records,
        "Foundations",
        ("Never counted in coverage.",),
        group_by="status",
        records_key="foundations",
        source=SOURCE,
    )
    base = _match()
    assert isinstance(base.data, dict)
    return base._replace(data={**base.data, "foundations": records}, parts=(part,))


REPORTS = {"rank": _rank, "show": _show, "match": _match, "parts": _with_part}


def _render(report: Report, fmt: Format, encoding: str = "utf-8", *, wide: bool = False) -> str:
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding=encoding, newline="")
    render(report, fmt, out, wide=wide)
    out.flush()
    return buffer.getvalue().decode(encoding)


def _table(report: Report, width: int | None, monkeypatch: pytest.MonkeyPatch) -> str:
    if width is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", str(width))
    return _render(report, Format.table)


# Every format -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_formatter(fmt: Format) -> None:
    assert hasattr(formatter_for(fmt), "write")


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_report_renders_in_every_format(name: str, fmt: Format) -> None:
    report = REPORTS[name]()
    text = _render(report, fmt)
    assert "\x1b" not in text
    assert text.endswith("\n")
    records = report.flat_records()
    if fmt is Format.json:
        assert json.loads(text) == report.data
    elif fmt is Format.ndjson:
        assert [json.loads(line) for line in text.splitlines()] == records
    elif fmt is Format.csv:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == len(records)
    elif fmt is Format.markdown:
        table = [line for line in text.splitlines() if line.startswith("|")]
        drawn = (report, *report.parts)
        assert len(table) == sum(len(each.rows) + 2 for each in drawn)
        assert set(table[1].replace("|", "").split()) <= {"---", "---:"}
    else:
        assert report.title is not None
        assert text.startswith(report.title)
        assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("name", list(REPORTS))
def test_ascii_stream_gets_ascii(name: str, fmt: Format) -> None:
    text = _render(REPORTS[name](), fmt, encoding="ascii")
    assert text.isascii()
    assert text.strip()


def test_ascii_table_draws_the_bar_in_ascii() -> None:
    text = _render(_rank(), Format.table, encoding="ascii")
    assert "=o=" in text
    assert "$103,933 - $146,926" in text


# JSON and ndjson ----------------------------------------------------------------------------


def test_json_money_is_whole_numbers() -> None:
    report = Report((), (), {"annual": 124800.0, "hourly": 62.79, "count": 3})
    assert _render(report, Format.json) == (
        '{\n  "annual": 124800,\n  "hourly": 62.79,\n  "count": 3\n}\n'
    )


@pytest.mark.parametrize("fmt", [Format.json, Format.ndjson])
def test_json_strings_and_keys_carry_no_control_or_bidi(fmt: Format) -> None:
    report = Report((), (), [{HOSTILE: HOSTILE, "list": [HOSTILE], "lines": "a\nb"}])
    text = _render(report, fmt)
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "pwned", "\\u001b"):
        assert bad not in text
    record = json.loads(text)[0] if fmt is Format.json else json.loads(text)
    assert record["[bold]x[/] [/] redevil"] == "[bold]x[/] [/] redevil"
    assert record["lines"] == "a\nb"


def test_ndjson_prints_the_records_of_an_analysis() -> None:
    lines = _render(_match(), Format.ndjson).splitlines()
    assert [json.loads(line)["slug"] for line in lines] == [role[0] for role in ROLES]


def test_a_part_follows_the_records_in_every_format(monkeypatch: pytest.MonkeyPatch) -> None:
    report = _with_part()
    lines = [json.loads(line) for line in _render(report, Format.ndjson).splitlines()]
    assert [(line["part"], line.get("slug") or line["skill"]) for line in lines] == [
        *(("roles", role[0]) for role in ROLES),
        ("foundations", "Calculus"),
        ("foundations", "Keras"),
    ]
    rows = _csv(report)
    assert [row["part"] for row in rows] == ["roles"] * len(ROLES) + ["foundations"] * 2
    assert (rows[-1]["line"], rows[-1]["met_by"], rows[-2]["met_by"]) == ("72", "Keras", "")
    assert json.loads(_render(report, Format.json))["foundations"][1]["met_by"] == "Keras"
    markdown = _render(report, Format.markdown)
    assert markdown.index("## ML roles") < markdown.index("## Foundations")
    assert "| You have | Keras | expected in high-paying roles |" in markdown
    table = _table(report, 80, monkeypatch)
    assert table.index("ML roles") < table.index("Foundations\n├── You have\n│   └── Keras")
    assert table.rstrip().endswith("Never counted in coverage.")
    # --limit and --fields are for the records; the part is printed whole.
    picked = report.head(1).pick(["slug"])
    assert [json.loads(line) for line in _render(picked, Format.ndjson).splitlines()] == [
        {"part": "roles", "slug": "mlops-engineer"},
        {"part": "foundations", **records_of(report.parts[0])[0]},
        {"part": "foundations", **records_of(report.parts[0])[1]},
    ]


def records_of(report: Report) -> list[dict[str, Any]]:
    records = report.records()
    assert all(isinstance(record, dict) for record in records)
    return [dict(record) for record in records if isinstance(record, dict)]


def test_ndjson_of_one_object_is_one_line() -> None:
    lines = _render(_show(), Format.ndjson).splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["slug"] == "mlops-engineer"


# CSV ----------------------------------------------------------------------------------------


def _csv(report: Report) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_render(report, Format.csv))))


def test_csv_cells_are_raw_values_and_ranges_are_two_columns() -> None:
    text = _render(_rank(), Format.csv)
    assert "$" not in text
    header, first, *_ = csv.reader(io.StringIO(text))
    assert header[:8] == [
        "rank",
        "slug",
        "title",
        "salary.low",
        "salary.median",
        "salary.high",
        "hourly.low",
        "hourly.high",
    ]
    row = dict(zip(header, first, strict=True))
    assert int(row["salary.median"]) == 130_599
    assert int(row["salary.low"]) == 103_933
    assert split_list(row["skills"]) == ["Python", "Docker"]


def test_csv_marks_derived_values_and_names_the_source() -> None:
    row = _csv(_rank())[0]
    assert row["annualised.derived"] == "true"
    assert row["annualised.method"] == "hourly rate × 2,080 hours"
    assert int(row["annualised.low"]) == 56 * 2080
    assert row["source"] == SOURCE
    assert list(row)[-1] == "source"


def test_csv_keys_are_the_union_in_first_seen_order() -> None:
    report = Report((), (), [{"a": 1}, {"b": 2, "a": 3}, {"c": {"d": None}}])
    text = _render(report, Format.csv)
    assert text.splitlines() == ["a,b,c.d", "1,,", "3,2,", ",,"]


def test_csv_of_an_analysis_is_its_records() -> None:
    rows = _csv(_match())
    assert [row["slug"] for row in rows] == [role[0] for role in ROLES]


def test_csv_list_of_objects_is_json_in_one_cell() -> None:
    report = Report((), (), [{"ladder": [{"stage": "Mid", "title": "=cmd"}]}])
    (row,) = _csv(report)
    assert json.loads(row["ladder"]) == [{"stage": "Mid", "title": "=cmd"}]


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("+1+1", "'+1+1"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-2e3", "-2e3"),
        ("Python", "Python"),
        ("a=b", "a=b"),
    ],
)
def test_text_a_spreadsheet_would_evaluate_is_neutralised(text: str, cell: str) -> None:
    assert neutralise(text) == cell


def test_csv_injection_is_inert_and_numbers_are_left_alone() -> None:
    report = Report(
        (), (), [{"title": '=HYPERLINK("http://evil")', "n": -5, "t": "-5", "l": ["@SUM(1)"]}]
    )
    (row,) = _csv(report)
    assert row == {"title": '\'=HYPERLINK("http://evil")', "n": "-5", "t": "-5", "l": "'@SUM(1)"}


def test_csv_text_is_cleaned() -> None:
    (row,) = _csv(Report((), (), [{"t": HOSTILE}]))
    assert row["t"] == "[bold]x[/] [/] redevil"


def test_list_separator_is_escaped_inside_items() -> None:
    items = ["a; b", "c\\d", "e;", "", "plain"]
    cell = join_list(items)
    assert cell == "a\\; b; c\\\\d; e\\;; ; plain"
    assert split_list(cell) == items


@given(st.lists(st.text(), max_size=6))
def test_lists_round_trip_through_csv(items: list[str]) -> None:
    cleaned = [clean_lines(item) for item in items]
    cell = csv_cell(cleaned)
    if cell.startswith("'") and not join_list(cleaned).startswith("'"):
        cell = cell[1:]
    assert split_list(cell) == cleaned or (cleaned == [""] and cell == "")


@given(st.text())
def test_a_neutralised_cell_never_starts_a_formula(text: str) -> None:
    cell = neutralise(text)
    assert cell == text or cell == "'" + text
    if cell == text and text[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        float(text)  # only a plain number is left alone


# Markdown -----------------------------------------------------------------------------------


def test_markdown_escapes_html_and_keeps_cells_whole() -> None:
    nasty = "<img src=x onerror=alert(1)> & a|b `code` *em* [l](javascript:x)\nnext"
    report = Report((Column("t", "T<b>"),), ({"t": nasty},), [], "Title <script>")
    text = _render(report, Format.markdown)
    for raw in ("<img", "<b>", "<script>", " `code", "*em*", "[l]"):
        assert raw not in text
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; a\\|b \\`code\\`" in text
    assert "<br>next" in text
    body = text.splitlines()[4]
    assert body.startswith("| ")
    assert body.endswith(" |")
    assert body.replace("\\|", "").count("|") == 2


def test_markdown_lists_join_items_with_line_breaks() -> None:
    assert markdown_text("a\nb<") == "a<br>b&lt;"
    text = _render(_show(), Format.markdown)
    assert "Python<br>Docker<br>Cloud platform (AWS, GCP or Azure)" in text


# --fields and --limit -----------------------------------------------------------------------


def test_fields_pick_nested_values_in_json() -> None:
    picked = _rank().pick(["slug", "salary.median"])
    assert json.loads(_render(picked, Format.json))[0] == {
        "slug": "mlops-engineer",
        "salary": {"median": 130_599},
    }


def test_fields_name_csv_columns_in_order() -> None:
    text = _render(_rank().pick(["salary.median", "slug"]), Format.csv)
    assert text.splitlines()[:2] == ["salary.median,slug", "130599,mlops-engineer"]


def test_fields_in_ndjson_of_an_analysis() -> None:
    picked = _match().pick(["slug"])
    lines = _render(picked, Format.ndjson).splitlines()
    assert json.loads(lines[0]) == {"slug": "mlops-engineer"}
    assert isinstance(picked.data, dict)
    assert picked.data["have"] == ["Python"]


@pytest.mark.parametrize("fmt", [Format.table, Format.markdown])
def test_fields_pick_the_columns_that_show_them(fmt: Format) -> None:
    text = _render(_rank().pick(["title", "salary.median"]), fmt)
    assert "MLOps engineer" in text
    assert "$130,599" in text
    assert "$56" not in text


def test_fields_no_column_shows_are_drawn_from_the_records() -> None:
    text = _render(_rank().pick(["slug", "hourly.low"]), Format.table)
    assert "slug" in text
    assert "hourly.low" in text
    assert "mlops-engineer" in text


def test_unknown_fields_are_a_usage_error_listing_the_valid_ones() -> None:
    with pytest.raises(UsageError) as caught:
        _rank().pick(["slug", "salary.nope", "\x1b[31mred"])
    message = str(caught.value)
    assert caught.value.exit_code == 2
    assert "'salary.nope'" in message
    assert "\x1b" not in message
    assert "salary.median" in message
    assert "annualised.method" in message


def test_emit_splits_fields_on_commas(capsys: pytest.CaptureFixture[str]) -> None:
    emit(_rank(), Output(Format.ndjson, ("slug", "salary.median", "rank"), 2))
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == [
        {"slug": "mlops-engineer", "salary": {"median": 130_599}, "rank": 1},
        {"slug": "data-scientist", "salary": {"median": 118_407}, "rank": 2},
    ]


def test_limit_cuts_records_and_rows() -> None:
    report = _rank().head(2)
    assert len(report.records()) == len(report.rows) == 2
    assert _match().head(1).records() == _match().records()[:1]
    assert _show().head(1) == _show()


# Tables -------------------------------------------------------------------------------------


def test_piped_table_without_columns_is_never_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _table(_rank(), None, monkeypatch)
    assert "Computer vision engineer" in text
    assert "$103,933 – $146,926" in text
    assert "Left out" not in text
    assert "…" not in text


@pytest.mark.parametrize("width", [20, 30, 40, 50, 60, 70, 80, 100, 120, 200])
@pytest.mark.parametrize("name", list(REPORTS))
def test_tables_fit_and_never_cut_a_figure_or_header(
    monkeypatch: pytest.MonkeyPatch, name: str, width: int
) -> None:
    text = _table(REPORTS[name](), width, monkeypatch)
    assert max(len(line) for line in text.splitlines()) <= width
    if name != "show":
        for _, title, _, median, *_ in ROLES:
            assert f"${median:,}" in text
            assert title.split()[0] in text
        drawn = "●━" in text.replace("━━●━━ high", "")
        assert drawn == ("Bars share one scale" in text)


def test_columns_are_left_out_by_priority_then_named(monkeypatch: pytest.MonkeyPatch) -> None:
    headers = ("Hourly", "Low ━━●━━ high", "Salary range")  # priorities 3, 2, 1
    seen = []
    for width in (200, 80, 70, 60, 50, 40):
        text = _table(_rank(), width, monkeypatch)
        header_line = text.splitlines()[1]
        shown = tuple(h for h in headers if h in header_line or h.split()[0] in header_line)
        seen.append(shown)
        note = " ".join(text.split()).partition("Left out to fit")[2]
        for left_out in set(headers) - set(shown):
            assert left_out in note
    assert seen == sorted(seen, key=len, reverse=True)
    assert seen[0] == headers
    assert seen[-1] == ()


def test_one_line_a_row_before_any_text_wraps(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _table(_rank(), 60, monkeypatch)
    for _, title, _, median, *_ in ROLES:
        assert any(title in line and f"${median:,}" in line for line in text.splitlines())


def test_a_bar_is_drawn_whole_or_not_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    for width in range(20, 120, 3):
        text = _table(_rank(), width, monkeypatch)
        for line in text.splitlines():
            run = line.rstrip().rsplit(" ", 1)[-1]
            if "●" in run and "high" not in line:
                assert len(line) - len(line.rstrip()) == 0
                assert line.endswith(run)
                start = len(line) - len(run)
                assert start + BAR_WIDTH >= len(line)


def test_prose_wraps_at_spaces_to_use_the_width(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _table(_show(), 80, monkeypatch)
    assert max(len(line) for line in text.splitlines()) > 60
    assert "• Cloud platform (AWS, GCP or Azure)" in text


def test_long_headers_wrap_at_spaces_never_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    columns = (Column("t", "Role"), Column("fit", "Pay-weighted fit*", "money"))
    report = Report(columns, ({"t": "Computer vision engineer", "fit": 43_533},), [])
    text = _table(report, 37, monkeypatch)
    assert "Pay-weighted" in text
    assert "fit*" in text
    assert "$43,533" in text
    assert "Computer vision engineer" in text


def test_too_narrow_for_any_table_prints_records(monkeypatch: pytest.MonkeyPatch) -> None:
    columns = (Column("a", "Alpha", "money"), Column("b", "Beta", "money_range"))
    rows: tuple[dict[str, Value], ...] = ({"a": 130_599, "b": (103_933, 146_926)},)
    text = _table(Report(columns, rows, []), 20, monkeypatch)
    assert "Alpha $130,599" in text
    assert max(len(line) for line in text.splitlines()) <= 20


def test_wide_shows_every_column(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    text = _render(_rank(), Format.table, wide=True)
    assert "Hourly" in text
    assert "Left out" not in text


@pytest.mark.parametrize(
    ("columns", "width"),
    [("0", None), ("-5", None), ("abc", None), ("", None), ("5", 20), ("80", 80), ("1e9", None)],
)
def test_columns_is_honoured_only_when_sane(
    monkeypatch: pytest.MonkeyPatch, columns: str, width: int | None
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert table_width(io.StringIO(), is_terminal=False) == width
    assert table_width(io.StringIO(), is_terminal=True) == (width or 80)
    assert _render(_rank(), Format.table).count("\n") > 6


# The cleaner --------------------------------------------------------------------------------


def test_cleaner_strips_escape_sequences() -> None:
    assert Cleaner(io.StringIO())(HOSTILE) == "[bold]x[/] [/] redevil"
    assert clean(HOSTILE) == "[bold]x[/] [/] redevil"


@pytest.mark.parametrize(
    ("text", "one_line", "lines"),
    [
        ("plain", "plain", "plain"),
        ("a\nb\r\nc\td", "a b c d", "a\nb\nc d"),
        ("\x1bP1;2q\x1b\\x", "x", "x"),
        ("\x1b7saved\x1b8", "saved", "saved"),
        ("a\u2066b\u2069c\u200e", "abc", "abc"),
        ("zero\u200bwidth\ufeff\U000e0041", "zerowidth", "zerowidth"),
        ("\x7fdel\x85", "del ", "del\n"),
        ("👩\u200d💻 café", "👩\u200d💻 café", "👩\u200d💻 café"),
    ],
)
def test_clean(text: str, one_line: str, lines: str) -> None:
    assert clean(text) == one_line
    assert clean_lines(text) == lines


@given(st.text())
def test_cleaned_text_has_no_control_or_format_character(text: str) -> None:
    kept = "\u200c\u200d\u00ad"
    dangerous = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    assert all(unicodedata.category(c) not in dangerous or c in kept for c in clean(text))
    assert all(c == "\n" or unicodedata.category(c) != "Cc" for c in clean_lines(text))


@pytest.mark.parametrize("fmt", list(Format))
def test_hostile_text_is_literal_in_every_format(fmt: Format) -> None:
    report = Report(
        (Column("t", "Title"), Column("l", "Skills", "list")),
        ({"t": HOSTILE, "l": (HOSTILE,)},),
        [{"t": HOSTILE, "l": [HOSTILE]}],
        HOSTILE,
        (HOSTILE,),
    )
    text = _render(report, fmt)
    if fmt is Format.json:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    elif fmt is Format.ndjson:
        text = json.dumps([json.loads(line) for line in text.splitlines()], ensure_ascii=False)
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "pwned"):
        assert bad not in text
    assert "redevil" in text
    if fmt is not Format.markdown:
        assert "[bold]x[/]" in text


def test_machine_columns_are_not_needed_any_more() -> None:
    """A column marked for CSV changes nothing: CSV comes from the records, not the columns."""
    report = _rank(columns=(*COLUMNS, Column("slug", "Slug", formats=frozenset({Format.csv}))))
    assert _render(report, Format.csv) == _render(_rank(), Format.csv)


def test_no_records_print_no_csv_and_no_bar_note(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = _rank(rows=(), data=[])
    assert _render(empty, Format.csv) == ""
    assert _render(empty, Format.ndjson) == ""
    text = _table(empty, None, monkeypatch)
    assert "Salary range" in text
    assert "Bars share" not in text


@pytest.mark.parametrize("width", [None, 30, 20])
def test_figures_and_their_headers_align_right(
    monkeypatch: pytest.MonkeyPatch, width: int | None
) -> None:
    columns = (Column("t", "Role"), Column("n", "Difference", "signed_money"))
    rows: tuple[dict[str, Value], ...] = ({"t": "A", "n": 0}, {"t": "B", "n": 130_599})
    lines = _table(Report(columns, rows, []), width, monkeypatch).splitlines()
    ends = {len(line) for line in lines if line.endswith(("Difference", "$0", "+$130,599"))}
    assert len(ends) == 1


def _both_tables(report: Report, width: int | None, encoding: str) -> tuple[str, str]:
    """The body of `report`'s table as rich draws it and as line_drawing.Drawer draws it."""
    from rich.console import Console

    from mlcareers.render import human, layout, line_drawing, rich_drawing

    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    clean = Cleaner(out)
    columns, rows = human.human_view(report, Format.table)
    fitted = layout.fit(columns, layout.measures(columns, rows, clean), width)
    assert fitted is not None
    console = Console(file=out, width=layout.UNLIMITED, color_system=None, safe_box=True)
    with console.capture() as captured:
        console.print(rich_drawing.rich_table(fitted, rows, clean))
    by_rich = "\n".join(line.rstrip() for line in captured.get().split("\n"))
    drawn = io.StringIO()
    line_drawing.Drawer(fitted, clean, console, plain=True).write(rows, drawn)
    return by_rich, drawn.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_rows_drawn_without_rich_look_as_rich_draws_them(name: str, encoding: str) -> None:
    for width in (None, 20, 30, 40, 50, 60, 70, 80, 100, 120, 200):
        try:
            by_rich, drawn = _both_tables(REPORTS[name](), width, encoding)
        except AssertionError:  # too narrow for a table: records, drawn by rich
            continue
        assert drawn == by_rich, (name, width)


_CELL_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=40
) | st.sampled_from(["漢字 かな カナ", "emoji 🙂 ok", "é e\u0301", "a  b   c", " lead", "tail "])


@given(
    st.lists(st.tuples(_CELL_TEXT, _CELL_TEXT, st.integers(1, 10**7)), min_size=0, max_size=5),
    st.sampled_from([None, 20, 33, 47, 80]),
)
def test_drawn_rows_match_rich_for_any_text(
    cells: list[tuple[str, str, int]], width: int | None
) -> None:
    columns = (
        Column("name", "Name of it"),
        Column("items", "Items", "list", priority=1),
        Column("amount", "Amount", "money"),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {"name": name, "items": tuple(items.split(",")), "amount": amount}
        for name, items, amount in cells
    )
    report = Report(columns, rows, [])
    try:
        by_rich, drawn = _both_tables(report, width, "utf-8")
    except AssertionError:
        return
    assert drawn == by_rich


def test_large_tables_on_a_colour_terminal_look_as_rich_draws_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    from mlcareers.render import as_table

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    drawn = {}
    for rich_rows in (10**9, 0):  # every table by rich; every table row by row
        monkeypatch.setattr(as_table, "RICH_ROWS", rich_rows)
        out = Terminal()
        render(_rank(), Format.table, out)
        drawn[rich_rows] = out.getvalue()
    assert "\x1b[" in drawn[0]
    visible = {key: re.sub(r"\x1b\[[0-9;]*m", "", text) for key, text in drawn.items()}
    assert visible[0] == visible[10**9]


_CSV_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@given(_CSV_VALUES, st.sampled_from(["utf-8", "ascii"]))
def test_csv_shortcut_writes_what_every_step_would(value: object, encoding: str) -> None:
    from mlcareers.render.csv_cells import csv_text

    clean_ = Cleaner(io.TextIOWrapper(io.BytesIO(), encoding=encoding))
    assert csv_text(value, clean_) == clean_(csv_cell(value))


@given(st.lists(st.text(st.sampled_from("ab;\\ \x1b[=\u202e\n"), max_size=6), max_size=4))
def test_csv_shortcut_for_lists_of_awkward_text(items: list[str]) -> None:
    from mlcareers.render.csv_cells import csv_text

    clean_ = Cleaner(io.StringIO())
    assert csv_text(items, clean_) == clean_(csv_cell(items))


def _both_records(report: Report, width: int, encoding: str) -> tuple[str, str] | None:
    """`report` as records (a table too wide for `width`), as rich and as render draws them."""
    from rich.console import Console

    from mlcareers.render import human, layout, line_drawing, rich_drawing

    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    clean = Cleaner(out)
    columns, rows = human.human_view(report, Format.table)
    label, room = layout.records_fit(columns, clean, width)
    if label + 1 + room > width:  # rich draws this one itself
        return None
    console = Console(file=out, width=width, color_system=None, safe_box=True)
    cells = [[layout.cell_units(c, row.get(c.key), clean) for c in columns] for row in rows]
    with console.capture() as captured:
        console.print(rich_drawing.rich_records(columns, cells, rows, clean, width))
    by_rich = "\n".join(line.rstrip() for line in captured.get().split("\n"))
    drawn = io.StringIO()
    line_drawing.write_records(columns, rows, clean, width, console, drawn)
    return by_rich, drawn.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_records_drawn_without_rich_look_as_rich_draws_them(name: str, encoding: str) -> None:
    for width in (20, 24, 30, 45, 70):
        both = _both_records(REPORTS[name](), width, encoding)
        assert both is not None
        assert both[0] == both[1], (name, width)


@given(
    st.lists(st.tuples(_CELL_TEXT, _CELL_TEXT, st.integers(1, 10**7)), min_size=0, max_size=4),
    st.sampled_from([20, 23, 31]),
)
def test_records_match_rich_for_any_text(cells: list[tuple[str, str, int]], width: int) -> None:
    columns = (
        Column("name", "Name of it"),
        Column("items", "Items", "list", priority=1),
        Column("amount", "Amount", "money"),
    )
    rows: tuple[dict[str, Value], ...] = tuple(
        {"name": name, "items": tuple(items.split(",")), "amount": amount}
        for name, items, amount in cells
    )
    both = _both_records(Report(columns, rows, []), width, "utf-8")
    if both is not None:
        assert both[0] == both[1]


def test_a_pipe_watched_on_a_terminal_fits_that_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """`mlcareers rank | head`: stdout is a pipe, but a person reads stderr's terminal."""
    import io
    import os
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 2

    monkeypatch.setattr(sys, "stderr", Terminal())
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((63, 24)))
    assert table_width(io.StringIO(), is_terminal=False) == 63
    monkeypatch.setenv("COLUMNS", "90")
    assert table_width(io.StringIO(), is_terminal=False) == 90
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert table_width(io.StringIO(), is_terminal=False) is None


_JSON_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from('\n\r\t\x1b\u202e\\"')
)
_JSON_TREES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([112590.0, 1e16, 0.5, -0.0])
    | _JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_JSON_TEXT, inner, max_size=4),
    max_leaves=20,
)


@given(st.lists(_JSON_TREES, max_size=3))
def test_json_written_straight_equals_json_of_the_cleaned_tree(records: list[object]) -> None:
    """The JSON writers skip the cleaning walk when the text shows nothing to clean, and write
    a list one item at a time: what they write must be what json.dumps writes of the cleaned
    tree, line for line (numbers compared as values: pydantic-core may write 1e-05 as
    0.00001), and NDJSON one cleaned record a line."""
    out = io.StringIO()
    formatter_for(Format.json).write(Report((), (), records), out)
    reference = json.dumps(clean_tree(records), indent=2, ensure_ascii=False) + "\n"
    assert len(out.getvalue().splitlines()) == len(reference.splitlines())
    # Compared as JSON text: ints stay ints and floats floats, -0.0 is not 0.
    assert json.dumps(json.loads(out.getvalue())) == json.dumps(json.loads(reference))
    out = io.StringIO()
    formatter_for(Format.ndjson).write(Report((), (), records), out)
    lines = out.getvalue().splitlines()
    assert [json.dumps(json.loads(line)) for line in lines] == [
        json.dumps(clean_tree(record)) for record in records
    ]
    assert out.getvalue().endswith("\n") == bool(records)


def test_lazy_rows_are_built_only_by_a_format_that_draws_them() -> None:
    """rank's rows (range bars, money pairs) are built when a human format reads them: the
    machine formats print the records and never build one; --limit slices them unbuilt."""
    from mlcareers.report import LazyRows

    built: list[int] = []

    def row(number: int) -> dict[str, Value]:
        built.append(number)
        return {"n": number}

    rows = LazyRows(list(range(5)), row)
    report = Report((Column("n", "N", "int"),), rows, [{"n": n} for n in range(5)])
    for fmt in (Format.json, Format.ndjson, Format.csv):
        render(report, fmt, io.StringIO())
    assert built == []
    head = report.head(2)
    assert len(head.rows) == 2
    assert built == []
    out = io.StringIO()
    render(head, Format.markdown, out)
    assert built == [0, 1]  # only the rows shown
    assert list(head.rows) == [{"n": 0}, {"n": 1}]
