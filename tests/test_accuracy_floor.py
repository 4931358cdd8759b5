"""Quality gate: extraction accuracy on the shared evaluation files never falls under the pinned floor.

The files live in ../shared/eval/ (their terms forbid copying rows into this repository).
The evaluation is the same command a user runs: `python -m loaders evaluate FILE.csv`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.evaluate import evaluate_file
from tests.conftest import ROOT

EVAL = ROOT.parent / "shared" / "eval"
FLOOR = json.loads((Path(__file__).parent / "accuracy_floor.json").read_text())


@pytest.mark.parametrize("name", [k for k in FLOOR if not k.startswith("_")])
def test_accuracy_not_under_floor(name, capsys):
    path = EVAL / name
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    result = evaluate_file(path)
    with capsys.disabled():
        print(f"\n{name}\n{result.render()}")
    below = {
        field: round(result.rate(field) * 100, 1) for field, floor in FLOOR[name].items() if result.rate(field) * 100 < floor
    }
    assert not below, f"under the pinned floor: {below}"
