"""Load on the REST API while ``hadath ingest`` writes: throughput, errors, latency.

    .venv/bin/python bench/load_api.py                       # 8 clients, 60 s
    .venv/bin/python bench/load_api.py --clients 32 --seconds 300 --json /tmp/load.json

1. Builds a SQLite store in a temp folder from the first ``--seed-articles`` corpus
   articles (``$HADATH_SHARED/corpus`` or ``../shared/corpus``).
2. Starts ``hadath serve`` on 127.0.0.1, on a free port, in its own process.
3. Starts ``hadath ingest`` of the rest of the corpus into the same store (the API
   reads while it writes; WAL), repeated with fresh copies (``id~k``) until the load
   ends, so the writer is busy for the whole run.
4. ``--clients`` threads, each with one keep-alive connection, send the map page's and
   API clients' typical requests in a seeded random order for ``--seconds``.

Prints requests served, throughput, error rate (5xx, connection errors, timeouts) and
latency percentiles, overall and per request kind; writes bench/out/load_api.json.
tests/reliability/test_load.py runs the same code for ~6 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HADATH_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus" / "telegram-iraq-2026.jsonl"
OUT = REPO / "bench" / "out"

# (kind, path): what the map page and API clients ask for.
REQUESTS = [
    ("events", "/api/events?limit=100"),
    ("events-geojson", "/api/events?format=geojson&limit=1000"),
    ("events-filtered", "/api/events?country=IQ&date_from=2026-01-01&limit=50"),
    ("events-search", "/api/events?q=%D9%82%D8%B5%D9%81&limit=50"),  # قصف
    ("events-near", "/api/events?near=36.19,44.01,100&limit=100"),
    ("counts", "/api/stats/counts?by=day"),
    ("counts-type", "/api/stats/counts?by=event_type"),
    ("articles", "/api/articles?limit=20"),
    ("health", "/api/health"),
]
WEIGHTS = [6, 2, 2, 2, 1, 2, 1, 1, 1]


@dataclass
class LoadResult:
    clients: int
    seconds: float
    requests: int
    errors: int
    throughput_rps: float
    error_rate: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{self.requests:,} requests in {self.seconds:.1f} s from {self.clients} "
                 f"clients: {self.throughput_rps:,.0f} req/s, {self.errors} errors "
                 f"({self.error_rate:.2%}), p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, "
                 f"p99 {self.p99_ms:.1f} ms, max {self.max_ms:.0f} ms"]
        for kind, s in sorted(self.by_kind.items()):
            lines.append(f"  {kind:16} {int(s['n']):>6} req  p50 {s['p50_ms']:7.1f} ms  "
                         f"p95 {s['p95_ms']:7.1f} ms  errors {int(s['errors'])}")
        lines.extend(f"  error: {e}" for e in self.error_samples)
        return "\n".join(lines)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_load(base_url: str, clients: int = 8, seconds: float = 6.0, seed: int = 1,
             requests: list[tuple[str, str]] | None = None,
             weights: list[int] | None = None, timeout: float = 30.0) -> LoadResult:
    """``clients`` threads send requests for ``seconds``; a 5xx, a connection error or a
    timeout is an error. Latency is per request, wall clock."""
    requests = requests or REQUESTS
    weights = weights or (WEIGHTS if requests is REQUESTS else [1] * len(requests))
    samples: list[tuple[str, float, bool]] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Event()
    stop_at = [0.0]

    def client(index: int) -> None:
        rnd = random.Random(seed * 1000 + index)
        mine: list[tuple[str, float, bool]] = []
        with httpx.Client(base_url=base_url, timeout=timeout) as http:
            start.wait()
            while time.monotonic() < stop_at[0]:
                kind, path = rnd.choices(requests, weights)[0]
                t0 = time.perf_counter()
                try:
                    r = http.get(path)
                    bad = r.status_code >= 500
                    why = f"{r.status_code} {path}: {r.text[:200]}" if bad else ""
                except httpx.HTTPError as e:
                    bad, why = True, f"{type(e).__name__} {path}: {e}"
                mine.append((kind, (time.perf_counter() - t0) * 1000, bad))
                if bad:
                    with lock:
                        errors.append(why)
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    t0 = time.monotonic()
    stop_at[0] = t0 + seconds
    start.set()
    for t in threads:
        t.join(seconds + timeout + 30)
    elapsed = time.monotonic() - t0
    latencies = [ms for _, ms, _ in samples]
    n_err = sum(1 for _, _, bad in samples if bad)
    by_kind: dict[str, dict[str, float]] = {}
    for kind in sorted({k for k, _, _ in samples}):
        ms = [m for k, m, _ in samples if k == kind]
        by_kind[kind] = {"n": len(ms), "p50_ms": round(percentile(ms, 0.5), 2),
                         "p95_ms": round(percentile(ms, 0.95), 2),
                         "errors": sum(1 for k, _, b in samples if k == kind and b)}
    return LoadResult(
        clients=clients, seconds=round(elapsed, 2), requests=len(samples), errors=n_err,
        throughput_rps=round(len(samples) / elapsed, 1) if elapsed else 0.0,
        error_rate=round(n_err / len(samples), 6) if samples else 1.0,
        p50_ms=round(percentile(latencies, 0.5), 2), p95_ms=round(percentile(latencies, 0.95), 2),
        p99_ms=round(percentile(latencies, 0.99), 2),
        max_ms=round(max(latencies), 2) if latencies else 0.0,
        by_kind=by_kind, error_samples=errors[:5])


@contextmanager
def serve(db: Path, *, env: dict[str, str] | None = None) -> Iterator[str]:
    """``hadath serve`` on 127.0.0.1 and a free port, in a subprocess; yields its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "hadath", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        match = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        if not match:
            proc.kill()
            raise RuntimeError(f"hadath serve did not start: {line!r} "
                               f"{proc.stderr.read() if proc.stderr else ''}")
        url = match.group(1)
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/api/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("hadath serve did not answer /api/health")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def corpus_rows(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def write_rows(path: Path, rows: list[dict], copy: int = 0) -> Path:
    """Rows as JSONL; ``copy`` > 0 gives every row a distinct id and text (``id~k``)."""
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            if copy:
                r = {**r, "id": f"{r['id']}~{copy}", "text": f"{r['text']}\n({copy})"}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def seed_store(db: Path, rows: list[dict]) -> None:
    from hadath.ingest import ingest_paths
    from hadath.store import open_store

    path = write_rows(db.with_suffix(".seed.jsonl"), rows)
    with open_store(db) as store:
        ingest_paths([path], store)


class Writer(threading.Thread):
    """``hadath ingest`` of ``rows`` into ``db`` again and again (fresh copies each time)
    until stopped; records each run's exit status."""

    def __init__(self, db: Path, rows: list[dict], folder: Path, env=None, repeat=True):
        super().__init__(daemon=True)
        self.db, self.rows, self.folder, self.env, self.repeat = db, rows, folder, env, repeat
        self.stopped = threading.Event()
        self.returncodes: list[int] = []
        self.stderr: list[str] = []
        self.proc: subprocess.Popen | None = None

    def run(self) -> None:
        copy = 0
        while not self.stopped.is_set():
            path = write_rows(self.folder / f"batch-{copy}.jsonl", self.rows, copy)
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "hadath.cli.ingest", str(path), "--db", str(self.db),
                 "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                env=self.env)
            _, err = self.proc.communicate()
            if not self.stopped.is_set() or self.proc.returncode == 0:
                self.returncodes.append(self.proc.returncode)
                self.stderr.append(err[-2000:])
            copy += 1
            if not self.repeat:
                break

    def stop(self) -> None:
        self.stopped.set()
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
        self.join(60)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed-articles", type=int, default=100)
    ap.add_argument("--json", type=Path, default=OUT / "load_api.json")
    args = ap.parse_args(argv)
    rows = corpus_rows()
    folder = Path(tempfile.mkdtemp(prefix="hadath-load-"))
    try:
        db = folder / "hadath.db"
        seed_store(db, rows[:args.seed_articles])
        with serve(db) as url:
            writer = Writer(db, rows[args.seed_articles:], folder)
            writer.start()
            result = run_load(url, args.clients, args.seconds)
            writer.stop()
        print(result.summary())
        print(f"ingest runs during the load: {len(writer.returncodes)} "
              f"(exit codes {sorted(set(writer.returncodes))})")
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({**asdict(result),
                                         "ingest_exit_codes": writer.returncodes}, indent=2))
        return 0 if result.errors == 0 and all(c == 0 for c in writer.returncodes) else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
