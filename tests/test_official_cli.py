"""`mlcareers official import | list | remove | clear` through the command line, and the views
of official figures over a real store."""

from __future__ import annotations

import contextlib
import json
import shlex
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.catalogue import find_role, load
from mlcareers.commands import official as commands
from mlcareers.official.database import SCHEMA_VERSION, Database, open_for_writing, open_store
from mlcareers.official.soc import RoleSoc, SocRef, codes_of, role_soc
from mlcareers.views import official as views

from .fixtures_official import (
    CODES,
    DS,
    NURSE,
    official_cli,
    row,
    sample_rows,
    store_from,
    write_csv,
    write_history,
    write_store_2_0,
    write_xls,
    write_xlsx,
    write_zip,
)
from .fixtures_parities import parity_lines, write_parities
from .fixtures_projections import write_projections


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("MLCAREERS_HOME", str(path))
    return path


def run(runner: CliRunner, *args: str, stdin: str | None = None) -> Any:
    return runner.invoke(official_cli(), ["official", *args], input=stdin)  # type: ignore[arg-type]


def listed(runner: CliRunner) -> list[dict[str, Any]]:
    result = run(runner, "list", "--json")
    assert result.exit_code == 0, result.stderr
    files: list[dict[str, Any]] = json.loads(result.stdout)["files"]
    return files


def test_import_list_clear(runner: CliRunner, tmp_path: Path, home: Path) -> None:
    msa = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    result = run(runner, "import", str(msa), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # piped: no progress bar
    imported = json.loads(result.stdout)
    assert imported["store"] == str(home / "official.sqlite3")
    (entry,) = imported["files"]
    assert (entry["file"], entry["period"], entry["areas"], entry["rows"]) == (
        "MSA_M2024_dl.xlsx",
        "May 2024",
        6,
        13,
    )
    assert entry["industry_rows_skipped"] == 2
    assert entry["rows_read"] == len(sample_rows())
    assert [o["code"] for o in entry["occupations"]] == ["00-0000", "15-1221", "15-1252", DS, NURSE]

    (stored,) = listed(runner)
    assert {"file", "survey", "period", "imported_at", "annual_cap", "areas", "occupations"} <= set(
        stored
    )
    assert (stored["period"], stored["survey"], stored["annual_cap"]) == (
        "May 2024",
        "BLS OEWS",
        239_200,
    )
    assert stored["occupation_count"] == len(stored["occupations"]) == 5
    assert stored["archive"] is None
    table = run(runner, "list")
    assert "MSA_M2024_dl.xlsx" in table.stdout

    cleared = run(runner, "clear", "--yes")
    assert cleared.exit_code == 0, cleared.stderr
    (line,) = cleared.stderr.splitlines()
    assert str(home / "official.sqlite3") in line
    assert "(1 imported file)" in line
    assert listed(runner) == []


def test_empty_list_says_how_to_add(runner: CliRunner, home: Path) -> None:
    result = run(runner, "list")
    assert result.exit_code == 0
    assert "official import" in result.stdout
    assert not home.exists()  # listing never creates the store


def test_a_bls_zip_and_an_xls_import_as_served(runner: CliRunner, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "oesm24ma.zip", [write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")])
    xls = write_xls(tmp_path / "MSA_M2013_dl.xls")
    result = run(runner, "import", str(archive), str(xls), "--json")
    assert result.exit_code == 0, result.stderr
    files = {entry["file"]: entry for entry in json.loads(result.stdout)["files"]}
    assert files["MSA_M2024_dl.xlsx"]["archive"] == "oesm24ma.zip"
    assert files["MSA_M2024_dl.xlsx"]["period"] == "May 2024"
    assert files["MSA_M2013_dl.xls"]["period"] == "May 2013"
    assert files["MSA_M2013_dl.xls"]["rows"] == 13


def test_a_zip_without_data_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "oesm24ma.zip", [])
    result = run(runner, "import", str(archive))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "no spreadsheet in it has an OCC_CODE column" in line
    assert "field_descriptions.xlsx" in line


def test_csv_import_with_period_option(runner: CliRunner, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "oews.csv", lower=True)
    missing = run(runner, "import", str(path))
    assert missing.exit_code == 1
    assert "--period" in missing.stderr
    result = run(runner, "import", str(path), "--period", "May 2023", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["period"] == "May 2023"


@pytest.mark.parametrize("given", ["1999", "nonsense", "June 2024", "May 3024"])
def test_a_bad_period_is_a_usage_error_before_any_file_is_read(
    runner: CliRunner, tmp_path: Path, home: Path, given: str
) -> None:
    result = run(runner, "import", str(tmp_path / "missing.csv"), "--period", given)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("mlcareers: error: --period")
    assert "Traceback" not in result.stderr
    assert not home.exists()


def test_a_file_with_no_usable_row_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx", [])
    result = run(runner, "import", str(path))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "no cross-industry, all-owner occupation row" in line
    assert listed(runner) == []


def test_percentiles_going_down_refused_naming_the_row(runner: CliRunner, tmp_path: Path) -> None:
    rows = [row("99", DS, (90_000, 80_000, 112_590, 150_000, 194_410))]
    result = run(runner, "import", str(write_csv(tmp_path / "x_M2024_dl.csv", rows)))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "row 2: the percentiles go down" in line


def test_a_failing_file_leaves_the_store_as_it_was(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    first = write_xlsx(tmp_path / "national_M2023_dl.xlsx")
    assert run(runner, "import", str(first)).exit_code == 0
    before = (home / "official.sqlite3").read_bytes()
    rows = sample_rows()
    rows[1][27] = "n/a"
    bad = write_csv(tmp_path / "MSA_M2024_dl.csv", rows)
    good = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    result = run(runner, "import", str(good), str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "row 3, column A_MEDIAN" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (home / "official.sqlite3").read_bytes() == before


def test_interrupted_import_leaves_the_store_as_it_was(
    runner: CliRunner, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlcareers.official import sheets

    assert run(runner, "import", str(write_xlsx(tmp_path / "MSA_M2023_dl.xlsx"))).exit_code == 0
    before = (home / "official.sqlite3").read_bytes()
    real = sheets.open_table

    def interrupted(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name.startswith("all_data"):
            raise KeyboardInterrupt
        return real(path, *args, **kwargs)

    monkeypatch.setattr(sheets, "open_table", interrupted)
    second = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    third = write_xlsx(tmp_path / "all_data_M_2024.xlsx")
    result = run(runner, "import", str(second), str(third))
    assert result.exit_code == 130
    assert result.stdout == ""
    assert result.stderr == (
        "mlcareers: import interrupted: the official statistics store is as it was\n"
    )
    assert (home / "official.sqlite3").read_bytes() == before


REAL_CHANGING = Database.changing


@contextlib.contextmanager
def _interrupted_before_commit(self: Database, notify: Any = None) -> Iterator[sqlite3.Connection]:
    """Database.changing, with Ctrl-C coming once the change is made, before its commit."""
    with REAL_CHANGING(self, notify) as db:
        yield db
        raise KeyboardInterrupt


@contextlib.contextmanager
def _interrupted_after_commit(self: Database, notify: Any = None) -> Iterator[sqlite3.Connection]:
    """Database.changing, with Ctrl-C coming just after the commit."""
    with REAL_CHANGING(self, notify) as db:
        yield db
    raise KeyboardInterrupt


@pytest.fixture
def imported(runner: CliRunner, home: Path, tmp_path: Path) -> Path:
    """A spreadsheet imported once: importing it again replaces what it gave."""
    spreadsheet = write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")
    assert run(runner, "import", str(spreadsheet)).exit_code == 0
    return spreadsheet


def test_replaced_is_never_said_of_an_import_rolled_back(
    runner: CliRunner, home: Path, imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (home / "official.sqlite3").read_bytes()
    monkeypatch.setattr(Database, "changing", _interrupted_before_commit)
    result = run(runner, "import", str(imported))
    assert result.exit_code == 130
    assert result.stderr == (
        "mlcareers: import interrupted: the official statistics store is as it was\n"
    )
    assert (home / "official.sqlite3").read_bytes() == before


def test_ctrl_c_just_after_the_commit_says_what_was_replaced_and_that_the_store_changed(
    runner: CliRunner, imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Database, "changing", _interrupted_after_commit)
    result = run(runner, "import", str(imported))
    assert result.exit_code == 130
    assert result.stderr == (
        "mlcareers: replaced what MSA_M2024_dl.xlsx (May 2024) gave before\n"
        "mlcareers: import interrupted, after the official statistics store was changed\n"
    )


def test_ctrl_c_while_the_result_is_printed_says_the_store_changed(
    runner: CliRunner, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlcareers.views import store

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "import_report", interrupted)
    result = run(runner, "import", str(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")))
    assert result.exit_code == 130
    assert result.stdout == ""
    assert result.stderr == (
        "mlcareers: import interrupted, after the official statistics store was changed\n"
    )
    assert [
        entry["file"] for entry in json.loads(run(runner, "list", "--json").stdout)["files"]
    ] == ["MSA_M2024_dl.xlsx"]


def test_ctrl_c_after_a_removal_or_a_clear_says_the_store_changed(
    runner: CliRunner, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = commands._say

    def say(message: str) -> None:
        if message.startswith("removed"):
            raise KeyboardInterrupt
        real(message)

    assert run(runner, "import", str(write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"))).exit_code == 0
    monkeypatch.setattr(commands, "_say", say)
    result = run(runner, "remove", "MSA_M2024_dl.xlsx")
    assert result.exit_code == 130
    assert result.stderr == (
        "mlcareers: remove interrupted, after the official statistics store was changed\n"
    )
    (home / "official.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x01" * 2000)

    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "_remove_leftovers", interrupted)
    result = run(runner, "clear", "--yes")  # a store that cannot be read is removed
    assert result.exit_code == 130
    assert result.stderr == (
        "mlcareers: clear interrupted, after the official statistics store was changed\n"
    )
    assert not (home / "official.sqlite3").exists()


def test_a_2_0_store_is_migrated_on_first_use_with_one_line(runner: CliRunner, home: Path) -> None:
    write_store_2_0(home)
    result = run(runner, "list", "--json")
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert "official.json" in line
    assert "official.json.migrated" in line
    assert [entry["file"] for entry in json.loads(result.stdout)["files"]] == ["MSA_M2024_dl.xlsx"]
    assert run(runner, "list").stderr == ""  # once
    assert sorted(p.name for p in home.iterdir()) == ["official.json.migrated", "official.sqlite3"]


def test_corrupt_store_one_line_and_clear_resets(runner: CliRunner, home: Path) -> None:
    home.mkdir()
    (home / "official.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x01" * 2000)
    result = run(runner, "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert str(home / "official.sqlite3") in line
    assert "mlcareers official clear" in line
    cleared = run(runner, "clear", "--yes")
    assert cleared.exit_code == 0, cleared.stderr
    (said,) = cleared.stderr.splitlines()
    assert "could not be read" in said
    assert "0 imported files" not in said
    assert run(runner, "list").exit_code == 0
    assert not (home / "official.sqlite3").exists()


def test_a_corrupt_2_0_store_is_cleared_too(runner: CliRunner, home: Path) -> None:
    home.mkdir()
    (home / "official.json").write_text('{"version": 1, "datasets": [', encoding="utf-8")
    assert run(runner, "list").exit_code == 1
    cleared = run(runner, "clear", "--yes")
    assert cleared.exit_code == 0, cleared.stderr
    assert "could not be read" in cleared.stderr
    assert f"cleared the official statistics store {home / 'official.json'}" in cleared.stderr
    assert list(home.iterdir()) == []


def test_not_a_spreadsheet_fails_cleanly(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "MSA_M2024_dl.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = run(runner, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("mlcareers: error: ")
    assert "Traceback" not in result.stderr


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ("import", "sources", "list", "remove", "clear"):
        result = run(runner, command, "--help")
        assert result.exit_code == 0
        assert "Examples" in result.stdout


def test_a_file_without_the_catalogues_occupations_warns(runner: CliRunner, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x_M2024_dl.csv", [row("99", NURSE)])
    result = run(runner, "import", str(path), "--json")
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert "none of the catalogue's occupations" in line
    assert json.loads(result.stdout)["files"][0]["rows"] == 1  # the nurses are kept


def test_a_newer_store_is_read_but_never_written(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    store_from(home.parent / "home", write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"))
    with sqlite3.connect(home / "official.sqlite3") as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = (home / "official.sqlite3").read_bytes()
    assert [entry["file"] for entry in listed(runner)] == ["MSA_M2024_dl.xlsx"]
    for args in (
        ("import", str(write_xlsx(tmp_path / "MSA_M2023_dl.xlsx"))),
        ("remove", "May 2024"),
        ("clear", "--yes"),
    ):
        result = run(runner, *args)
        assert result.exit_code == 1, args
        (line,) = result.stderr.splitlines()
        assert "written by a newer mlcareers" in line
    assert (home / "official.sqlite3").read_bytes() == before


def newer_store(home: Path, *files: Path, unknown: int) -> Path:
    """A store of `files` as a newer mlcareers would leave it: a schema above this one's, and
    the first `unknown` files of a kind this one does not know."""
    path = store_from(home, *files) if files else home / "official.sqlite3"
    if not files:
        with open_for_writing(path) as database:
            assert database.clear() == 0  # a store with its schema and no file
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA ignore_check_constraints = 1")
        connection.execute(
            "UPDATE datasets SET source = 'wages2' WHERE id IN"
            " (SELECT id FROM datasets ORDER BY id LIMIT ?)",
            (unknown,),
        )
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    return path


@pytest.mark.parametrize("kept", [1, 0])
@pytest.mark.parametrize("output", [(), ("--json",)])
def test_a_newer_store_with_nothing_this_version_reads_is_said_so(
    runner: CliRunner, tmp_path: Path, home: Path, kept: int, output: tuple[str, ...]
) -> None:
    """Not 'nothing is stored' (and never 'official clear'): the store holds what this version
    cannot read, and says which schema wrote it."""
    files = [write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")] if kept else []
    newer_store(home, *files, unknown=len(files))
    result = run(runner, "list", *output)
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("mlcareers: error: the official statistics store ")
    assert (
        f"was written by a newer mlcareers (schema {SCHEMA_VERSION + 1}, this one reads up to "
        f"{SCHEMA_VERSION})" in line
    )
    assert "upgrade mlcareers" in line
    assert "clear" not in line
    assert "Traceback" not in result.stderr


def test_a_newer_store_lists_what_it_can_and_warns_of_the_rest(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    newer_store(
        home,
        write_xlsx(tmp_path / "MSA_M2023_dl.xlsx"),
        write_xlsx(tmp_path / "MSA_M2024_dl.xlsx"),
        unknown=1,
    )
    result = run(runner, "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert [entry["file"] for entry in json.loads(result.stdout)["files"]] == ["MSA_M2024_dl.xlsx"]
    (line,) = result.stderr.splitlines()
    assert line.startswith("mlcareers: warning: the official statistics store ")
    assert f"newer mlcareers (schema {SCHEMA_VERSION + 1}, this one reads up to" in line
    assert "1 of its 2 imported files" in line
    assert "clear" not in line


# ---------------------------------------------------------------- remove


@pytest.fixture
def years(tmp_path: Path, home: Path) -> Path:
    """A store of May 2020, May 2023 and, from a zip, May 2024."""
    archive = write_zip(tmp_path / "oesm24ma.zip", [write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")])
    return store_from(home, *write_history(tmp_path), archive)


def test_remove_by_file_name(runner: CliRunner, years: Path) -> None:
    result = run(runner, "remove", "MSA_M2023_dl.xlsx")
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert "removed MSA_M2023_dl.xlsx (May 2023)" in line
    assert [entry["period"] for entry in listed(runner)] == ["May 2020", "May 2024"]


@pytest.mark.parametrize("target", ["May 2024", "2024", "may 2024", "oesm24ma.zip"])
def test_remove_a_period_or_a_zip(runner: CliRunner, years: Path, target: str) -> None:
    assert run(runner, "remove", target).exit_code == 0
    assert [entry["period"] for entry in listed(runner)] == ["May 2020", "May 2023"]


def test_remove_something_not_stored_lists_what_is(runner: CliRunner, years: Path) -> None:
    result = run(runner, "remove", "May 2019")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "nothing stored matches 'May 2019'" in line
    assert "MSA_M2020_dl.xlsx (May 2020)" in line
    assert "MSA_M2024_dl.xlsx from oesm24ma.zip (May 2024)" in line
    assert len(listed(runner)) == 3


def test_remove_with_nothing_stored(runner: CliRunner) -> None:
    result = run(runner, "remove", "2024")
    assert result.exit_code == 2
    assert "nothing is stored" in result.stderr


@pytest.fixture
def two_periods(runner: CliRunner, tmp_path: Path) -> None:
    """oews.csv imported for May 2023, and another oews.csv for May 2024."""
    for year in (2023, 2024):
        (tmp_path / f"y{year}").mkdir()
        path = write_csv(tmp_path / f"y{year}" / "oews.csv", [row("99", DS)])
        result = run(runner, "import", str(path), "--period", f"May {year}")
        assert result.exit_code == 0, result.stderr


@pytest.mark.usefixtures("two_periods")
@pytest.mark.parametrize("target", ["oews.csv", "OEWS.CSV", "y2024/oews.csv"])
def test_a_name_files_of_two_periods_share_removes_nothing(
    runner: CliRunner, home: Path, target: str
) -> None:
    # `remove oews.csv` removed both periods' files: a wrong guess loses a year of figures.
    before = (home / "official.sqlite3").read_bytes()
    result = run(runner, "remove", target)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line == (
        f"mlcareers: error: {target!r} names 2 stored files, oews.csv (May 2023, nation) and "
        "oews.csv (May 2024, nation): nothing was removed; say which with --period or --places, "
        f"as in: mlcareers official remove {shlex.quote(target)} --period 'May 2023'"
    )
    assert (home / "official.sqlite3").read_bytes() == before
    assert [entry["period"] for entry in listed(runner)] == ["May 2023", "May 2024"]


@pytest.mark.usefixtures("two_periods")
@pytest.mark.parametrize("period", ["May 2023", "2023", " may  2023 "])
def test_period_says_which_file_of_a_shared_name_goes(runner: CliRunner, period: str) -> None:
    result = run(runner, "remove", "oews.csv", "--period", period)
    assert result.exit_code == 0, result.stderr
    (line,) = result.stderr.splitlines()
    assert "removed oews.csv (May 2023) from the official statistics store" in line
    assert [entry["period"] for entry in listed(runner)] == ["May 2024"]
    # The help's example is this one.
    assert "remove oews.csv --period 'May 2023'" in run(runner, "remove", "--help").stdout


@pytest.mark.usefixtures("two_periods")
def test_a_period_alone_still_removes_every_file_of_it(runner: CliRunner, tmp_path: Path) -> None:
    national = write_csv(tmp_path / "national_M2024_dl.csv", [row("99", DS)])
    assert run(runner, "import", str(national)).exit_code == 0
    result = run(runner, "remove", "May 2024")
    assert result.exit_code == 0, result.stderr
    assert [entry["period"] for entry in listed(runner)] == ["May 2023"]


@pytest.mark.usefixtures("two_periods")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("oews.csv", "--period", "May 2019"), "nothing stored matches 'oews.csv' with --period "
         "'May 2019'; stored: oews.csv (May 2023); oews.csv (May 2024)"),
        (("oews.csv", "--period", "last year"), "--period 'last year': give a period: 'May "
         "2024' or 2024 for OEWS, 2024-34 for projections"),
        (("nope.csv", "--period", "2023"), "nothing stored matches 'nope.csv' with --period "
         "2023"),
        (("May 2023", "--period", "2024-34"), "nothing stored matches 'May 2023' with --period "
         "2024-34"),
        (("oews.csv", "--places", "metros"), "nothing stored matches 'oews.csv' with --places "
         "metros"),
        (("oews.csv", "--places", "cities"), "--places 'cities': give the places as official "
         "list's Places column says them: nation, states, territories, metros, nonmetro"),
    ],
)  # fmt: skip
def test_a_period_that_leaves_nothing_is_one_line(
    runner: CliRunner, home: Path, args: tuple[str, ...], said: str
) -> None:
    result = run(runner, "remove", *args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"mlcareers: error: {said}")
    assert len(listed(runner)) == 2


@pytest.fixture
def two_levels(runner: CliRunner, tmp_path: Path) -> None:
    """A national oews.csv and a metro oews.csv, both for May 2024: two datasets of one name."""
    for level, area in (("national", "99"), ("metro", "42660")):
        (tmp_path / level).mkdir()
        path = write_csv(tmp_path / level / "oews.csv", [row(area, DS)])
        result = run(runner, "import", str(path), "--period", "May 2024")
        assert result.exit_code == 0, result.stderr


@pytest.mark.usefixtures("two_levels")
@pytest.mark.parametrize("narrowing", [(), ("--period", "May 2024")])
def test_a_name_two_levels_of_one_period_share_removes_nothing(
    runner: CliRunner, home: Path, narrowing: tuple[str, ...]
) -> None:
    # `remove oews.csv` removed the national and the metro file, and said "removed oews.csv
    # (May 2024), oews.csv (May 2024)": --period could not tell them apart.
    before = (home / "official.sqlite3").read_bytes()
    result = run(runner, "remove", "oews.csv", *narrowing)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    said = " ".join(f"'{part}'" if " " in part else part for part in narrowing)
    assert line == (
        "mlcareers: error: 'oews.csv' names 2 stored files, oews.csv (May 2024, nation) and "
        "oews.csv (May 2024, metros): nothing was removed; say which with --period or --places, "
        f"as in: mlcareers official remove oews.csv {said + ' ' if said else ''}--places nation"
    )
    assert (home / "official.sqlite3").read_bytes() == before


@pytest.mark.usefixtures("two_levels")
@pytest.mark.parametrize("places", ["metros", "metro", " Metros ", "METRO"])
def test_places_says_which_level_of_a_shared_name_goes(runner: CliRunner, places: str) -> None:
    result = run(runner, "remove", "oews.csv", "--places", places)
    assert result.exit_code == 0, result.stderr
    assert [entry["kinds"] for entry in listed(runner)] == [["nation"]]


def test_places_matches_the_whole_set_a_file_holds(runner: CliRunner, tmp_path: Path) -> None:
    # A file of the nation and states is chosen by both; "states" alone names another file.
    both = write_csv(tmp_path / "oews.csv", [row("99", DS), row("53", DS)])
    assert run(runner, "import", str(both), "--period", "May 2024").exit_code == 0
    (tmp_path / "s").mkdir()
    states = write_csv(tmp_path / "s" / "oews.csv", [row("53", DS)])
    assert run(runner, "import", str(states), "--period", "May 2024").exit_code == 0
    result = run(runner, "remove", "oews.csv", "--places", "states")
    assert result.exit_code == 0, result.stderr
    assert [entry["kinds"] for entry in listed(runner)] == [["nation", "state"]]
    result = run(runner, "remove", "oews.csv", "--places", "states and nation")
    assert result.exit_code == 0, result.stderr
    assert listed(runner) == []


def test_two_imports_of_zips_of_one_name_are_removed_one_at_a_time(
    runner: CliRunner, tmp_path: Path
) -> None:
    # `remove oesm24.zip` removed both imports: two zips of one name, one metro, one national.
    for folder, name, area in (
        ("a", "MSA_M2024_dl.xlsx", "42660"),
        ("b", "national_M2024_dl.xlsx", "99"),
    ):
        (tmp_path / folder).mkdir()
        sheet = write_xlsx(tmp_path / folder / name, [row(area, DS)])
        archive = write_zip(tmp_path / folder / "oesm24.zip", [sheet])
        assert run(runner, "import", str(archive)).exit_code == 0
    result = run(runner, "remove", "oesm24.zip")
    assert result.exit_code == 2
    assert "'oesm24.zip' names 2 stored files" in result.stderr
    assert "--places metros" in result.stderr
    assert len(listed(runner)) == 2
    result = run(runner, "remove", "oesm24.zip", "--places", "nation")
    assert result.exit_code == 0, result.stderr
    assert [entry["file"] for entry in listed(runner)] == ["MSA_M2024_dl.xlsx"]


def test_one_zip_of_files_alike_is_named_for_them(runner: CliRunner, tmp_path: Path) -> None:
    # Two metro files of one period in one zip: --places cannot tell them apart, and the
    # refusal suggested --places metros again and again.
    sheets = []
    for folder, area in (("a", "42660"), ("b", "12420")):
        (tmp_path / folder).mkdir()
        sheets.append(write_csv(tmp_path / folder / "oews_M2024.csv", [row(area, DS)]))
    archive = tmp_path / "twins.zip"
    import zipfile

    with zipfile.ZipFile(archive, "w") as out:
        for folder, sheet in zip("ab", sheets, strict=True):
            out.write(sheet, f"{folder}/{sheet.name}")
    assert run(runner, "import", str(archive)).exit_code == 0
    result = run(runner, "remove", "oews_M2024.csv", "--places", "metros")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.endswith("they came in one zip: mlcareers official remove twins.zip")
    assert run(runner, "remove", "twins.zip").exit_code == 0
    assert listed(runner) == []


@pytest.mark.parametrize("period", ["2024-2134", "2024-1934", "2024 \u2014 0034", "2024-23"])
def test_a_projections_period_is_its_own_years(
    runner: CliRunner, tmp_path: Path, period: str
) -> None:
    # Any end year with the right last two digits matched: 2024-2134 removed 2024-34.
    path = write_projections(tmp_path / "occupation.xlsx")
    assert run(runner, "import", str(path)).exit_code == 0
    for args in ((period,), ("occupation.xlsx", "--period", period)):
        result = run(runner, "remove", *args)
        assert result.exit_code == 2, args
    assert len(listed(runner)) == 1
    assert run(runner, "remove", "2024-34").exit_code == 0


def test_price_parities_of_one_name_are_told_apart_by_their_years(
    runner: CliRunner, tmp_path: Path
) -> None:
    # The refusal suggested --period with the years, which then matched nothing: only clear could
    # remove either file.
    for folder, years in (("a", (2021, 2022, 2023)), ("b", (2020, 2021, 2022))):
        (tmp_path / folder).mkdir()
        path = write_parities(tmp_path / folder / "MARPP.csv", parity_lines(years=years))
        assert run(runner, "import", str(path)).exit_code == 0, folder
    result = run(runner, "remove", "MARPP.csv")
    assert result.exit_code == 2
    assert (
        "--period '2021\u20132023'" in result.stderr or "--period '2020\u20132022'" in result.stderr
    )
    result = run(runner, "remove", "MARPP.csv", "--period", "2020-22")
    assert result.exit_code == 0, result.stderr
    assert [entry["period"] for entry in listed(runner)] == ["2021\u20132023"]


# ---------------------------------------------------------------- clear


def test_a_signal_as_clear_removes_an_unreadable_store_says_it_was_removed(
    runner: CliRunner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SIGTERM just after the file went said "the store is as it was".
    import os
    import signal

    from mlcareers import interrupts
    from mlcareers.official import database

    home.mkdir(parents=True, exist_ok=True)
    (home / "official.sqlite3").write_bytes(b"not a database" * 100)
    real = database.discard

    def discard(path: Path) -> None:
        real(path)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(database, "discard", discard)
    monkeypatch.setattr(interrupts, "_received", [])
    handler = signal.signal(signal.SIGTERM, interrupts.terminated)
    try:
        result = run(runner, "clear", "--yes")
    finally:
        signal.signal(signal.SIGTERM, handler)
    assert result.exit_code == 143
    assert not (home / "official.sqlite3").exists()
    assert result.stderr.splitlines()[-1] == (
        "mlcareers: clear terminated (SIGTERM), after the official statistics store was changed"
    )


def test_clear_without_a_terminal_needs_yes(runner: CliRunner, years: Path) -> None:
    result = run(runner, "clear")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "pass --yes" in line
    assert len(listed(runner)) == 3


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a terminal: clear may ask."""
    monkeypatch.setattr(commands, "can_ask", lambda: True)


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(("answer", "code", "left"), [("y\n", 0, 0), ("\n", 1, 3), ("no\n", 1, 3)])
def test_clear_asks_on_a_terminal(
    runner: CliRunner, years: Path, answer: str, code: int, left: int
) -> None:
    result = run(runner, "clear", stdin=answer)
    assert result.exit_code == code, result.stderr
    assert "Empty the official statistics store" in result.stderr
    assert "(3 imported files)? [y/N]" in result.stderr
    assert len(listed(runner)) == left


def test_clear_an_empty_store_says_so(runner: CliRunner, home: Path) -> None:
    result = run(runner, "clear")
    assert result.exit_code == 0
    assert "already empty" in result.stderr


# ---------------------------------------------------------------- SOC mapping


def test_every_packaged_role_has_a_mapping_with_reasons(catalogue: Any) -> None:
    assert all(role.soc and role.soc_basis for role in catalogue.roles)
    assert set(codes_of(catalogue.roles)) == set(CODES)


def test_a_catalogue_of_ones_own_sets_soc() -> None:
    from mlcareers.models import Occupation

    own = find_role(load(), "ds").model_copy(
        update={"soc": (Occupation(code="15-2041", title="Statisticians"),), "soc_basis": "mine"}
    )
    assert role_soc(own) == RoleSoc(
        "data-scientist", "Data scientist", (SocRef("15-2041", "Statisticians"),), "mine"
    )


# ---------------------------------------------------------------- views


@pytest.fixture
def stored(tmp_path: Path, home: Path) -> Iterator[Database]:
    database = open_store(store_from(home, write_xlsx(tmp_path / "MSA_M2024_dl.xlsx")))
    assert database is not None
    with database:
        yield database


def ds_role() -> RoleSoc:
    return role_soc(find_role(load(), "ds"))


def test_show_block_names_the_code_with_an_empty_store() -> None:
    role = ds_role()
    fields = views.show_fields(role, [], stored=False)
    values = {key: value for key, _, value in fields}
    assert values["official_soc"] == ("15-2051 Data Scientists",)
    assert "official import" in str(values["official"])
    assert views.soc_data(role)["derived"] is True
    assert "15-2051" in str(views.soc_data(role)["method"])
    assert views.show_data(role, [], stored=False) == {
        "figures": [],
        "stored": False,
        "reason": "no official figures are stored",
    }
    assert views.show_data(role, [], stored=True)["reason"] == views.NO_NATIONAL


def test_show_block_with_national_figures(stored: Database) -> None:
    role = ds_role()
    found = stored.figures([ref.code for ref in role.soc])
    lines = {key: value for key, _, value in views.show_fields(role, found, stored=True)}
    assert "Median $112,590" in " ".join(lines["official_15-2051"])  # type: ignore[arg-type]
    data: Any = views.show_data(role, found, stored=True)
    (figure,) = data["figures"]
    assert figure["annual"]["median"] == 112_590
    assert figure["employment"] == 202_900
    assert figure["source"]["survey"] == "BLS OEWS"
    assert figure["source"]["occupation"] == {"code": DS, "title": "Data Scientists"}
    assert figure["occupation"] == {"code": DS, "title": "Data Scientists"}
    assert figure["source"]["area"] == {"code": "99", "title": "U.S."}


def test_not_published_is_null_with_a_reason(stored: Database) -> None:
    (found,) = stored.figures(["15-1221"], "12420")
    data: Any = views.figure_data(found)
    assert data["annual"] == dict.fromkeys(("p10", "p25", "median", "p75", "p90", "mean"))
    assert data["marks"]["median"]["status"] == "not_published"
    assert data["marks"]["employment"]["marker"] == "**"
    assert views.wage_text(found.figure.median, 239_200) == "not published"


def test_top_coded_without_a_known_cap() -> None:
    from mlcareers.official.models import Marked

    assert views.wage_text(Marked(marker="#"), None) == "top-coded"


def test_area_with_no_figure_says_the_gap(tmp_path: Path, home: Path, runner: CliRunner) -> None:
    rows = [row("99", DS), row("12420", "15-1252")]
    database = open_store(store_from(home, write_csv(tmp_path / "x_M2024_dl.csv", rows)))
    assert database is not None
    with database:
        assert database.figures([DS], "12420") == []
    from mlcareers.cli import app

    result = runner.invoke(app, ["compare", "ds", "--city", "austin", "--json"])
    assert result.exit_code == 0, result.stderr
    (only,) = json.loads(result.stdout)
    assert only["official"] == {
        "figures": [],
        "stored": True,
        "reason": "the store has no figure for this role's occupation(s) here",
    }
    table = runner.invoke(app, ["compare", "ds", "--city", "austin", "--wide"]).stdout
    assert "The official store has no figure for these roles in this place." in table


def test_one_file_name_for_two_periods_keeps_both(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    older = write_csv(tmp_path / "a" / "data.csv", [row("99", DS)])
    newer = write_csv(tmp_path / "b" / "data.csv", [row("99", DS), row("12420", DS)])
    assert run(runner, "import", str(older), "--period", "2023").exit_code == 0
    assert run(runner, "import", str(newer), "--period", "2024").exit_code == 0
    assert [(f["file"], f["period"]) for f in listed(runner)] == [
        ("data.csv", "May 2023"),
        ("data.csv", "May 2024"),
    ]
    again = run(runner, "import", str(newer), "--period", "2024")
    assert again.exit_code == 0
    assert "replaced what data.csv (May 2024) gave before" in again.stderr
    assert len(listed(runner)) == 2


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("AREA_TITLE", "Fake City, NY\n     1 Forged row", "holds a line break"),
        ("AREA_TITLE", "Austin\u2028TX", "holds a line break"),
        ("OCC_TITLE", "Data \x1b[31mScientists", "a control character"),
        ("AREA_TITLE", "Aus\u202etin, TX", "bidi"),
        ("AREA", "seattle", "is not an area code"),
    ],
)
def test_hostile_area_or_occupation_cells_are_refused_naming_the_row(
    runner: CliRunner, tmp_path: Path, home: Path, column: str, value: str, said: str
) -> None:
    from .fixtures_official import HEADER

    hostile = row("12420", DS)
    hostile[HEADER.index(column)] = value
    path = write_csv(tmp_path / "x_M2024_dl.csv", [hostile, row("99", DS)])
    result = run(runner, "import", str(path))
    assert result.exit_code == 1
    assert said in result.stderr
    assert f"row 2, column {column}" in result.stderr
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (home / "official.sqlite3").exists() or listed(runner) == []


def test_an_unreadable_store_folder_is_never_taken_for_no_store(
    runner: CliRunner, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    store_from(home, write_csv(tmp_path / "x_M2024_dl.csv", [row("99", DS)]))
    real = os.lstat

    def denied(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).startswith(str(home)):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", denied)
    result = run(runner, "list")
    assert result.exit_code == 1
    assert "cannot be read (Permission denied)" in result.stderr


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE figures SET median = 'bogus'",
        "UPDATE figures SET median = -5",
        "UPDATE areas SET title = 'Fake' || char(10) || 'row'",
        "UPDATE datasets SET imported_at = 'not a time'",
    ],
)
def test_a_damaged_stored_value_is_one_line_never_an_internal_error(
    runner: CliRunner, tmp_path: Path, home: Path, damage: str
) -> None:
    from mlcareers.cli import app

    path = store_from(home, write_csv(tmp_path / "x_M2024_dl.csv", [row("99", DS)]))
    with sqlite3.connect(path) as connection:
        connection.execute(damage)
    connection.close()
    where = runner.invoke(app, ["where", "ds", "--kind", "all"])
    assert where.exit_code == 1
    assert "internal error" not in where.stderr
    assert "mlcareers official clear" in where.stderr
    shown = runner.invoke(app, ["show", "ds", "--json"])
    assert shown.exit_code == 0  # the article's answer stands; the store is warned about
    assert "official figures are left out" in shown.stderr or "damaged" in shown.stderr


def _deny_reading(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Opening `target` fails as a file without read permission does (root would pass)."""
    import errno
    import os

    real = os.open

    def denied(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)


def test_an_intact_store_the_system_will_not_let_be_read_is_never_cleared(
    runner: CliRunner, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 19, item 9: "Permission denied" on an intact file was told to run `official clear`,
    # which then deleted the good data.
    from mlcareers.cli import app

    path = store_from(home, write_csv(tmp_path / "x_M2024_dl.csv", [row("99", DS)]))
    before = path.read_bytes()
    _deny_reading(monkeypatch, path)
    for args in (["official", "list"], ["official", "clear", "--yes"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, args
        assert "cannot be read (Permission denied)" in result.stderr
        assert "permissions" in result.stderr
        assert "official clear" not in result.stderr
        assert result.stderr.count("\n") == 1
    shown = runner.invoke(app, ["show", "mlops"])
    assert shown.exit_code == 0  # the article's answer stands
    assert "permissions" in shown.stderr
    assert "official clear" not in shown.stderr
    monkeypatch.undo()
    assert path.read_bytes() == before  # nothing was removed or changed


def test_a_cleared_damaged_store_says_what_was_wrong_without_the_advice_to_clear(
    runner: CliRunner, home: Path
) -> None:
    path = home / "official.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database, not even close" * 10)
    result = run(runner, "clear", "--yes")
    assert result.exit_code == 0
    assert "could not be read: not an SQLite database" in result.stderr
    assert "official clear" not in result.stderr
    assert not path.exists()


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid"), reason="POSIX permissions are needed")
def test_a_store_file_without_read_permission_end_to_end(tmp_path: Path) -> None:
    # The real thing, not a stand-in: a store file mode 000, as its owner would see it. As
    # root, the override that lets root read anything is dropped with setpriv.
    import os
    import shutil
    import subprocess
    import sys

    home = tmp_path / "home"
    path = store_from(home, write_csv(tmp_path / "x_M2024_dl.csv", [row("99", DS)]))
    before = path.read_bytes()
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    path.chmod(0)
    try:
        env = {**os.environ, "MLCAREERS_HOME": str(home)}
        for args in (["official", "list"], ["official", "clear", "--yes"]):
            done = subprocess.run(
                [*prefix, sys.executable, "-m", "mlcareers", *args],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            if os.geteuid() == 0 and "Operation not permitted" in done.stderr:
                pytest.skip("setpriv cannot drop capabilities here")
            assert done.returncode == 1, done.stderr
            assert "Permission denied" in done.stderr
            assert "official clear" not in done.stderr
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_a_store_that_cannot_be_written_is_told_to_check_its_permissions(
    runner: CliRunner, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite's own refusal (a read-only file or folder) gets the fix that fits, not `clear`.
    from mlcareers.official import schema

    store_from(home, write_csv(tmp_path / "x_M2024_dl.csv", [row("99", DS)]))
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorcode = sqlite3.SQLITE_READONLY
    said = str(schema._store_error(home / "official.sqlite3", error))
    assert "cannot be written (attempt to write a readonly database)" in said
    assert "permissions of the file and of its folder" in said
    assert "official clear" not in said


def test_a_home_that_is_a_file_is_said_to_be_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A probe on the final main: `official list` said nothing was stored, and an import
    # failed with "(File exists)" and no fix.
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MLCAREERS_HOME", str(home))
    for args in (
        ("list",),
        ("import", str(write_csv(tmp_path / "x_M2024_dl.csv", [row("99", DS)]))),
    ):
        result = run(runner, *args)
        assert result.exit_code == 1, args
        assert f"{home} is a file, not a folder" in result.stderr
        assert "set MLCAREERS_HOME to a folder" in result.stderr
    assert home.read_text(encoding="utf-8") == "not a folder"


def test_the_list_says_what_kinds_of_places_each_file_holds(
    runner: CliRunner, tmp_path: Path, home: Path
) -> None:
    # Two oews.csv of one period are two datasets when they hold different kinds of places:
    # the list told them apart only by their counts.
    (tmp_path / "national").mkdir()
    (tmp_path / "metro").mkdir()
    national = write_csv(tmp_path / "national" / "oews.csv", [row("99", DS)])
    metro = write_csv(tmp_path / "metro" / "oews.csv", [row("12420", DS), row("42660", DS)])
    for path in (national, metro):
        assert run(runner, "import", str(path), "--period", "May 2024").exit_code == 0
    assert [entry["kinds"] for entry in listed(runner)] == [["nation"], ["metro"]]
    table = run(runner, "list").stdout
    assert "Places" in table
    rows = [line.split() for line in table.splitlines() if line.split()[:1] == ["oews.csv"]]
    assert [words[4] for words in rows] == [  # file, source, May, 2024, places
        "nation",
        "metros",
    ]
