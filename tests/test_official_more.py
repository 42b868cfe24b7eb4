"""Rules that hold for any cell, the store as `show` reads it, and the import benchmark."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlcareers.official import oews, store
from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.models import Marked, Store

from .fixtures_official import CODES, DS, HEADER, row, write_csv

MEDIAN = HEADER.index("A_MEDIAN")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=30))
def test_any_text_in_a_wage_cell_is_a_number_a_mark_or_a_located_error(
    tmp_path: Path, text: str
) -> None:
    values = row("99", DS)
    values[MEDIAN] = text
    path = write_csv(tmp_path / "x_M2024_dl.csv", [values])
    problem = ""
    try:
        dataset, _ = oews.read_file(path, CODES)
    except SpreadsheetError as error:
        problem = str(error)
    if problem:
        # A NUL byte makes the file binary, not CSV: refused as a whole, cleanly.
        assert "row 2, column A_MEDIAN" in problem or "not a spreadsheet" in problem
        return
    (figure,) = dataset.figures
    assert figure.median is None or isinstance(figure.median, int | Marked)
    if isinstance(figure.median, Marked):
        assert figure.median.marker == text.strip()


def test_show_keeps_working_with_a_corrupt_store(tmp_path: Path) -> None:
    path = tmp_path / "official.json"
    path.write_text("[]", encoding="utf-8")
    loaded, warning = store.load_or_warning(path)
    assert loaded == Store()
    assert warning is not None
    assert str(path) in warning
    assert "mlcareers official clear" in warning


def test_import_benchmark_quick_mode_runs(capsys: pytest.CaptureFixture[str]) -> None:
    bench = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        import bench_import
    finally:
        sys.path.remove(str(bench))
    bench_import.main(["--quick", "--rows", "700"])
    table = capsys.readouterr().out
    assert "| import, python-calamine |" in table
    assert "| read only, openpyxl |" in table
