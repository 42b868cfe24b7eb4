"""Rules that hold for every input: round trips, name lookup, and a fuzzed command line."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mlcareers.catalogue import find_city, find_role, parse
from mlcareers.cli import app
from mlcareers.models import Catalogue

from .strategies import catalogues

COMMANDS = [
    *("rank", "show", "compare", "validate", "schema", "rnak", "skills", "match", "path"),
    *("learn", "outlook", "faq", "convert", "sources"),
]
OPTIONS = [
    *("--json", "-f", "--format", "--by", "--limit", "-n", "--city", "-c", "--help", "-V"),
    *("--skill", "-s", "--role", "-r", "--have", "--have-file", "--per", "--hours"),
]
VALUES = [
    *("json", "csv", "table", "markdown", "xml", "median", "low", "high", "hourly", "bogus"),
    *("0", "1", "-1", "3", "99999999999999999999999", "1.5", "seattle", "Seattle, WA", "nyc"),
    *("mars", "", "mlops", "ds", "cv", "MLOps engineer", "-", "--", "\x00", "é", "[bold]"),
    *("\x1b[2J", "/dev/zero", "/nonexistent", "/", "python", "PyTorch", "hour", "year"),
    *("nan", "inf", "-0", "1e309", "0.001", "2080", "8785", "python,,docker"),
]
GLOBALS = [[], ["--catalogue", "/dev/zero"], ["--catalogue", "/"], ["--version"]]
word = st.one_of(st.sampled_from(VALUES), st.text(max_size=12))
option = st.tuples(st.sampled_from(OPTIONS), word).map(list)


@st.composite
def arguments(draw: st.DrawFn) -> list[str]:
    """Mostly well-formed command lines with odd values; sometimes pure noise."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.lists(st.one_of(st.sampled_from(OPTIONS + COMMANDS), word), max_size=8))
    args = [*draw(st.sampled_from(GLOBALS)), draw(st.sampled_from(COMMANDS))]
    args += draw(st.lists(word, max_size=2))
    for pair in draw(st.lists(option, max_size=3)):
        args += pair
    return args


@settings(max_examples=300, deadline=None)
@given(arguments())
def test_any_argument_list_exits_cleanly(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr, args


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_any_valid_catalogue_survives_a_json_round_trip(catalogue: Catalogue) -> None:
    assert parse(catalogue.model_dump_json().encode()) == catalogue


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_any_valid_catalogue_passes_validate(catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.json"
        path.write_text(catalogue.model_dump_json(), encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert f"{len(catalogue.roles)} role" in result.stdout


@settings(max_examples=50, deadline=None)
@given(catalogues())
def test_every_name_resolves_to_its_own_role(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        for name in role.names():
            assert find_role(catalogue, name) is role
            assert find_role(catalogue, name.upper()) is role


def test_every_packaged_name_resolves_to_its_own_role_and_city(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        for name in role.names():
            assert find_role(catalogue, name) is role
    for city in catalogue.cities:
        for name in city.names():
            assert find_city(catalogue, name) is city
