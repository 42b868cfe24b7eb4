"""Shell completion offers roles and cities from the catalogue, and nothing else."""

from __future__ import annotations

import pytest

from .test_e2e import run


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("mlcareers show ml", ["mlops-engineer", "ml-engineer"]),
        ("mlcareers show da", ["data-scientist"]),
        ("mlcareers compare --city s", ["santa-clara", "seattle"]),
        ("mlcareers show zz", []),
    ],
)
def test_bash_completion_prints_only_candidates(words: str, expected: list[str]) -> None:
    result = run(
        _MLCAREERS_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - 1),
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.split() == expected


def test_completion_script_can_be_shown() -> None:
    result = run("--show-completion", "bash")
    assert result.returncode == 0
    assert "_MLCAREERS_COMPLETE=complete_bash" in result.stdout
