"""BEA's regional price parities read as BEA serves them: the all-items line kept for each
area and year, "(NA)" years left out (an area with none said), the other lines and the notes
skipped; a value that is no parity, or a file without the all-items line, refused naming
where."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlcareers.official.errors import SpreadsheetError
from mlcareers.official.parities import looks_like_parities, read_parities

from .fixtures_parities import LINES, METROS, parity_lines, write_parities


def test_the_all_items_line_of_every_area_and_year(tmp_path: Path) -> None:
    table = read_parities(write_parities(tmp_path / "MARPP_MSA_2008_2023.csv"))
    assert table.table == "MARPP"
    assert table.years == (2021, 2022, 2023)
    found = {(p.code, p.year): p.value for p in table.parities}
    assert found[("12420", 2023)] == 103.1
    assert found[("42660", 2021)] == 114.8
    assert found[("00000", 2022)] == 100.0
    assert ("41940", 2023) not in found  # "(NA)": no parity that year, never a guess
    assert found[("41940", 2022)] == 126.1
    assert len(table.parities) == 3 * 5 - 1  # the all-items line only
    assert table.without == [("99999", "Española, NM (Metropolitan Statistical Area)")]


def test_names_lose_bea_s_star_and_codes_their_quotes(tmp_path: Path) -> None:
    table = read_parities(write_parities(tmp_path / "MARPP.csv"))
    titles = {p.code: p.title for p in table.parities}
    assert titles["35620"] == "New York-Newark-Jersey City, NY-NJ (Metropolitan Statistical Area)"
    assert set(titles) == {code for code in METROS if code != "99999"}


def test_the_file_is_recognised_by_its_header(tmp_path: Path) -> None:
    assert looks_like_parities(write_parities(tmp_path / "any-name.csv"))
    other = tmp_path / "oews.csv"
    other.write_text("AREA,AREA_TITLE,OCC_CODE\n")
    assert not looks_like_parities(other)


@pytest.mark.parametrize(
    ("value", "said"),
    [("abc", "'abc' is not a number"), ("1000.0", "'1000.0' is no price parity")],
)
def test_a_value_that_is_no_parity_names_its_row_and_year(
    tmp_path: Path, value: str, said: str
) -> None:
    metros = {**METROS, "12420": (METROS["12420"][0], ("101.2", value, "103.1"))}
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(metros))
    # Austin's all-items line is the 6th data line: the header is row 1, the nation rows 2-6.
    with pytest.raises(SpreadsheetError, match=rf"row 7, column 2022: {said}"):
        read_parities(path)


def test_a_file_without_the_all_items_line_is_refused(tmp_path: Path) -> None:
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(lines=LINES[1:]))
    with pytest.raises(SpreadsheetError, match=r"no 'RPPs: All items' line \(LineCode 1\)"):
        read_parities(path)


def test_line_one_with_another_description_is_refused(tmp_path: Path) -> None:
    path = write_parities(tmp_path / "MARPP.csv", parity_lines(lines=[(1, "RPPs: Goods ")]))
    with pytest.raises(SpreadsheetError, match="column Description: line 1 is 'RPPs: Goods '"):
        read_parities(path)


def test_an_oews_file_is_not_a_parity_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("AREA,OCC_CODE\n1,2\n")
    with pytest.raises(SpreadsheetError, match="not BEA's regional price parities"):
        read_parities(path)
