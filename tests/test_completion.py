"""Shell completion offers inert slug forms from the catalogue, and answers bad requests plainly."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlcareers.completion import candidates, install, script, slug_form
from mlcareers.models import fold

from .helpers import Mutate
from .test_e2e import run

INERT = re.compile(r"-{0,2}[A-Za-z0-9][A-Za-z0-9_.,-]*")
HOSTILE = ("\\$(id>pwned.txt)", "$(touch y)", "`touch z`", "Pandas; touch x", "*a", "a'b\"c")


def _bash(words: str, **env: str) -> tuple[int, list[str], str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = run(
        _MLCAREERS_COMPLETE="bash_complete", COMP_WORDS=words, COMP_CWORD=str(cword), **env
    )
    return result.returncode, result.stdout.splitlines(), result.stderr


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("mlcareers show ml", ["mlops-engineer", "ml-engineer"]),
        ("mlcareers show da", ["data-scientist"]),
        ("mlcareers compare --city s", ["santa-clara", "seattle"]),
        ("mlcareers show zz", []),
        ("mlcareers match --have sci", ["scikit-learn"]),
        ("mlcareers match --have python,do", ["python,docker"]),
        ("mlcareers rank --skill pyt", ["python", "pytorch"]),
    ],
)
def test_bash_completion_prints_only_candidates(words: str, expected: list[str]) -> None:
    assert _bash(words) == (0, expected, "")


@pytest.fixture
def hostile(variant: Callable[[Mutate], Path]) -> Path:
    def add(data: dict[str, Any]) -> None:
        data["roles"][0]["skills"] = [*data["roles"][0]["skills"], *HOSTILE, "Pandas", "C++"]

    return variant(add)


@pytest.mark.parametrize(
    ("shell", "env"),
    [
        ("bash", {"COMP_WORDS": "mlcareers match --have ", "COMP_CWORD": "3"}),
        ("zsh", {"COMP_WORDS": "mlcareers match --have ", "COMP_CWORD": "3"}),
        ("fish", {"COMP_LINE": "mlcareers match --have "}),
        ("powershell", {"COMP_LINE": "mlcareers match --have", "COMP_WORD": ""}),
    ],
)
def test_a_hostile_catalogue_yields_only_inert_candidates(
    hostile: Path, shell: str, env: dict[str, str]
) -> None:
    result = run(_MLCAREERS_COMPLETE=f"{shell}_complete", MLCAREERS_CATALOGUE=str(hostile), **env)
    offered = result.stdout.splitlines()
    assert (result.returncode, result.stderr) == (0, "")
    assert {"pandas", "scikit-learn", "python"} <= set(offered)
    assert all(INERT.fullmatch(line) for line in offered)
    assert not {"c", "pandas-touch-x", "a", "id-pwned-txt"} & set(offered)


def test_completion_reads_the_catalogue_the_command_line_names(hostile: Path) -> None:
    code, offered, _ = _bash(f"mlcareers --catalogue {hostile} match --have pan")
    assert (code, offered) == (0, ["pandas"])
    assert _bash("mlcareers --catalogue /nonexistent/file.json match --have p") == (0, [], "")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Scikit-learn", "scikit-learn"),
        ("PyTorch", "pytorch"),
        ("Apache Spark", "apache-spark"),
        ("Business intelligence tools", "business-intelligence-tools"),
        ("mlops-engineer", "mlops-engineer"),
        ("C++", None),
        ("C#", None),
        ("Pandas; touch x", None),
        ("\\$(id>pwned.txt)", None),
        ("$(touch y)", None),
        ("`touch z`", None),
        ("*a", None),
    ],
)
def test_slug_form_is_offered_only_when_it_names_the_same_thing(
    name: str, slug: str | None
) -> None:
    assert slug_form(name) == slug


def test_candidates_keep_order_drop_repeats_and_complete_after_a_comma() -> None:
    names = ["PyTorch", "Python", "pytorch", "C++", "Pandas; x"]
    assert candidates(names, "py") == ["pytorch", "python"]
    assert candidates(names, "") == ["pytorch", "python"]
    assert candidates(names, "sql,pyth") == ["sql,python"]
    assert candidates(names, "$(x),py") == []


@given(st.lists(st.text(max_size=30), max_size=20), st.text(max_size=5))
def test_every_candidate_is_a_slug_that_folds_to_a_name(names: list[str], incomplete: str) -> None:
    folded = {fold(name) for name in names}
    for candidate in candidates(names, incomplete):
        # After a comma the last item of a list completes: the head is what was typed.
        head, _, last = candidate.rpartition(",")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", last)
        assert re.fullmatch(r"[A-Za-z0-9_.,-]*", head)
        assert candidate.startswith(incomplete)
        assert fold(last) in folded


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"COMP_WORDS": "mlcareers sh", "COMP_CWORD": "abc"}, "COMP_CWORD"),
        ({"COMP_WORDS": "mlcareers sh", "COMP_CWORD": "-1"}, "COMP_CWORD"),
        ({"COMP_WORDS": "mlcareers sh", "COMP_CWORD": "١"}, "COMP_CWORD"),
        ({"COMP_CWORD": "1"}, "COMP_WORDS"),
        ({"_MLCAREERS_COMPLETE": "complete_zsh"}, "reinstall"),
        ({"_MLCAREERS_COMPLETE": "tcsh_complete"}, "reinstall"),
        ({"_MLCAREERS_COMPLETE": "bash"}, "reinstall"),
        ({"_MLCAREERS_COMPLETE": "fish_complete"}, "COMP_LINE"),
    ],
)
def test_a_malformed_completion_request_is_one_line_and_exit_2(
    env: dict[str, str], message: str
) -> None:
    result = run(**{"_MLCAREERS_COMPLETE": "bash_complete", **env})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("mlcareers: error: ")
    assert message in result.stderr


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _mlcareers_completion mlcareers"),
        ("zsh", "#compdef mlcareers"),
        ("fish", "complete --command mlcareers"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName mlcareers"),
        ("pwsh", "Register-ArgumentCompleter -Native -CommandName mlcareers"),
        ("ZSH", "#compdef mlcareers"),
    ],
)
def test_the_completion_script_is_the_shells_own(shell: str, marker: str) -> None:
    result = run("--show-completion", shell)
    assert (result.returncode, result.stderr) == (0, "")
    assert marker in result.stdout
    others = {"bash": "COMPREPLY", "zsh": "compadd", "fish": "commandline", "pwsh": "$Env:"}
    for name, text in others.items():
        if name != shell.lower() and not (name == "pwsh" and shell == "powershell"):
            assert text not in result.stdout
    assert "eval" not in result.stdout


@pytest.mark.parametrize("shell", ["tcsh", "", "$(touch x)"])
def test_an_unknown_shell_is_refused_in_one_line(shell: str, tmp_path: Path) -> None:
    for option in ("--show-completion", "--install-completion"):
        result = run(option, shell, HOME=str(tmp_path))
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.count("\n") == 1
        assert "choose bash, zsh, fish or powershell" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_install_writes_the_script_once_and_loads_it(tmp_path: Path) -> None:
    for _ in range(2):
        path = install("bash", home=tmp_path)
    assert path.read_text(encoding="utf-8") == script("bash")
    rc = (tmp_path / ".bashrc").read_text(encoding="utf-8")
    assert rc.count(str(path)) == 1
    assert install("zsh", home=tmp_path).name == "_mlcareers"
    assert install("fish", home=tmp_path).suffix == ".fish"
