"""A bounded load test: 8 clients on /api/... for ~6 s while ``hadath ingest`` writes.

``hadath serve`` runs in its own process on 127.0.0.1 and a free port, over a SQLite
store that another process is ingesting into (bench/load_api.py does the work; run it
directly for longer loads). No request may fail (no 5xx, no connection error, no
timeout), the writer must finish cleanly, and readers must see its commits.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from .conftest import REPO, corpus_rows

CLIENTS, SECONDS, SEED_ARTICLES = 8, 6.0, 40


def load_bench():
    import importlib.util
    import sys

    name = "hadath_bench_load_api"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "bench" / "load_api.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules[name]


def test_api_under_load_during_an_ingest(shared: Path, tmp_path: Path):
    bench = load_bench()
    rows = corpus_rows(shared, 10_000)
    db = tmp_path / "hadath.db"
    bench.seed_store(db, rows[:SEED_ARTICLES])
    with bench.serve(db) as url:
        before = httpx.get(url + "/api/health").json()["events"]
        writer = bench.Writer(db, rows[SEED_ARTICLES:], tmp_path)
        writer.start()
        result = bench.run_load(url, CLIENTS, SECONDS)
        writer.stop()
        after = httpx.get(url + "/api/health").json()["events"]
    print("\n" + result.summary())
    (tmp_path / "load.json").write_text(json.dumps(result.__dict__))
    assert result.errors == 0, result.error_samples
    assert result.requests >= 200, result.summary()
    assert writer.returncodes and all(c == 0 for c in writer.returncodes), writer.stderr
    assert after > before, "the readers never saw the writer's commits"
