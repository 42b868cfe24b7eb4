"""Shared fixtures: a predictable environment, the packaged catalogue, and catalogue variants."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlcareers.catalogue import PACKAGED, load
from mlcareers.models import Catalogue

from .helpers import Mutate, write_variant


@pytest.fixture(autouse=True)
def plain_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every test starts from a dumb terminal with no colour or width settings of the machine's,
    and an empty store of official figures of its own (never the user's)."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("MLCAREERS_HOME", str(tmp_path_factory.mktemp("home")))
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "MLCAREERS_CATALOGUE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def raw() -> dict[str, Any]:
    """The packaged catalogue as plain JSON data."""
    data: dict[str, Any] = json.loads(PACKAGED.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The packaged catalogue, validated."""
    return load()


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner that keeps stdout and stderr apart."""
    return CliRunner()


@pytest.fixture
def variant(raw: dict[str, Any], tmp_path: Path) -> Callable[[Mutate], Path]:
    """Write a copy of the packaged catalogue, changed by `mutate`, and return its path."""

    def write(mutate: Mutate) -> Path:
        return write_variant(raw, mutate, tmp_path / "variant.json")

    return write
