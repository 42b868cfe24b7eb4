"""Rules that hold for any cell, the store as `show` reads it, and the import benchmark."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlcareers.official import oews, sheets
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import FIGURE_VALUES, MARKERS

from .fixtures_official import DS, HEADER, row, write_csv

MEDIAN = HEADER.index("A_MEDIAN")
H_MEAN = HEADER.index("H_MEAN")


def read(path: Path) -> list[tuple[object, ...]]:
    return list(oews.SheetReader(sheets.open_table(path), str(path)).rows())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=30), column=st.sampled_from([MEDIAN, H_MEAN]))
def test_any_text_in_a_wage_cell_is_a_number_a_mark_or_a_located_error(
    tmp_path: Path, text: str, column: int
) -> None:
    values = row("99", DS)
    values[column] = text
    path = write_csv(tmp_path / "x_M2024_dl.csv", [values])
    problem = ""
    try:
        (kept,) = read(path)
    except SpreadsheetError as error:
        problem = str(error)
    if problem:
        # A NUL byte makes the file binary, not CSV: refused as a whole, cleanly.
        name = HEADER[column]
        assert (
            f"row 2, column {name}" in problem
            or "row 2: the percentiles go down" in problem
            or "not a spreadsheet" in problem
        )
        assert "\n" not in problem
        return
    # A kept row is (part, area, soc, *FIGURE_VALUES).
    value = kept[3 + FIGURE_VALUES.index("median" if column == MEDIAN else "h_mean")]
    if text.strip() in MARKERS:
        assert value == text.strip()
    elif not text.strip():
        assert value is None
    else:
        assert isinstance(value, float)
        assert float(text.strip().replace(",", "").replace("$", "")) == value


def test_show_keeps_working_with_a_corrupt_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlcareers.official.access import read_store

    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path))
    path = tmp_path / "official.sqlite3"
    path.write_text("[]", encoding="utf-8")
    official = read_store(lambda _: None)
    assert official.database is None
    warning = official.problem
    assert warning is not None
    assert str(path) in warning
    assert "mlcareers official clear" in warning
    assert "official figures are left out" in warning


def test_import_benchmark_quick_mode_runs(capsys: pytest.CaptureFixture[str]) -> None:
    bench = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        import bench_import
    finally:
        sys.path.remove(str(bench))
    bench_import.main(["--quick", "--rows", "700"])
    table = capsys.readouterr().out
    assert "| import |" in table
    assert "| read only, python-calamine |" in table
    assert "x read" in table
    assert "| figures of 3 codes in a metro |" in table


def test_the_benchmark_file_is_in_the_all_data_layout() -> None:
    bench = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        import bench_import
    finally:
        sys.path.remove(str(bench))
    rows = list(bench_import.all_data_rows(4_000))
    assert len(rows) == 4_000
    groups = [line[HEADER.index("I_GROUP")] for line in rows]
    industry = sum(group != "cross-industry" for group in groups)
    assert 0.4 < industry / len(rows) < 0.6  # about half, as in BLS's all-data file
    kinds = {line[HEADER.index("AREA_TYPE")] for line in rows}
    assert kinds == {1, 2, 4, 6}
