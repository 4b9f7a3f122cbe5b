"""The evaluation gate: extraction on the dev gold must not fall below pinned floors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from hadath.evaluate.run import evaluate_file

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text("utf-8"))


def _metric(report: dict, dotted: str) -> float:
    value = report
    for part in dotted.split("."):
        value = value[part]
    return float(value)


@pytest.mark.parametrize("name", sorted(BASELINE["files"]))
def test_eval_gate(shared, name):
    spec = BASELINE["files"][name]
    path = shared / "gold" / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == spec["sha256"], (
        f"{name} changed: re-run `hadath evaluate` on it and update tests/eval/eval_baseline.json")
    report = evaluate_file(path)
    below = []
    for metric, pin in spec["metrics"].items():
        got = _metric(report, metric)
        if got < pin["floor"]:
            below.append(f"{metric} {got:.3f} < floor {pin['floor']}")
    assert not below, f"{name}: " + "; ".join(below)
