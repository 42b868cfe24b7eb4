"""The benchmark's generated catalogues are valid, so that its scale runs measure real work."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from mlcareers.catalogue import load

BENCH = Path(__file__).parent.parent / "bench" / "bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench", module)  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_generated_catalogue_is_valid_and_sized(tmp_path: Path) -> None:
    path = _bench().make_catalogue(50, tmp_path)
    catalogue = load(path)
    assert len(catalogue.roles) == 50
    assert len({role.slug for role in catalogue.roles}) == 50


def test_scale_floor_validates_the_generated_roles(tmp_path: Path) -> None:
    import json
    import subprocess

    bench = _bench()
    templates = json.loads(bench.PACKAGED.read_text(encoding="utf-8"))["roles"]
    floor = tmp_path / "floor_scale.py"
    models = bench.infer_models(templates)
    floor.write_text(bench.SCALE_FLOOR_HEAD + "\n\n" + models + "\n" + bench.SCALE_FLOOR_TAIL)
    catalogue = bench.make_catalogue(20, tmp_path)
    done = subprocess.run(
        [sys.executable, str(floor), str(catalogue)], capture_output=True, text=True, check=True
    )
    assert done.stdout == "20\n"
    assert "class Role(Frozen):" in models


def test_the_bare_dump_writes_every_role_as_rank_does(tmp_path: Path) -> None:
    """bench_outputs's floor does the work rank --json and -f ndjson do: every role, sorted
    by median, written whole; so a ratio against it is a fair one."""
    import json
    import subprocess

    _bench()
    spec = importlib.util.spec_from_file_location(
        "bench_outputs", BENCH.with_name("bench_outputs.py")
    )
    assert spec is not None
    assert spec.loader is not None
    outputs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(outputs)
    catalogue = _bench().make_catalogue(50, tmp_path)
    _, dump = outputs.floors(tmp_path)
    run = [sys.executable, str(dump), str(catalogue)]
    whole = json.loads(subprocess.run([*run, "json"], capture_output=True, check=True).stdout)
    lines = subprocess.run([*run, "ndjson"], capture_output=True, check=True).stdout.splitlines()
    ours = subprocess.run(
        [sys.executable, "-m", "mlcareers", "--catalogue", str(catalogue), "rank", "--json"],
        capture_output=True,
        check=True,
    )
    ranked = json.loads(ours.stdout)
    assert len(whole) == len(lines) == len(ranked) == 50
    assert [role["salary"]["median"] for role in whole] == [r["salary"]["median"] for r in ranked]
    assert {role["slug"] for role in whole} == {role["slug"] for role in ranked}
    assert [json.loads(line)["slug"] for line in lines] == [role["slug"] for role in whole]
