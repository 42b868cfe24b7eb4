"""Helpers the test modules share."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Mutate = Callable[[dict[str, Any]], object]


def write_variant(raw: dict[str, Any], mutate: Mutate, path: Path) -> Path:
    """Write a copy of `raw`, changed by `mutate`, to `path`, and return the path."""
    data = copy.deepcopy(raw)
    mutate(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
