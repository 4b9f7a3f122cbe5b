"""Coverage-guided fuzzing, time-boxed: every atheris target in fuzz/ for two seconds.

Longer campaigns: ``make fuzz`` (60 s per target) or ``fuzz/run.py --seconds N``.
A crash leaves its input under the artifacts folder; the assertion message prints the
target's output, and ``python fuzz/<target>.py ARTIFACT`` replays it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytest.importorskip("atheris")

SECONDS = 2


def test_every_fuzz_target_runs_clean(tmp_path: Path):
    summary = tmp_path / "fuzz.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "run.py"), "--seconds", str(SECONDS),
         "--seeds", "30", "--jobs", "2", "--artifacts", str(tmp_path / "artifacts"),
         "--json", str(summary)],
        capture_output=True, text=True, timeout=240)
    results = json.loads(summary.read_text()) if summary.exists() else []
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert {r["target"] for r in results} == {"fuzz_normalise", "fuzz_numbers", "fuzz_dates",
                                             "fuzz_readers", "fuzz_extract"}
    for r in results:
        assert r["ok"] and r["runs"] > 0, r
    print("atheris inputs:", {r["target"]: r["runs"] for r in results})
