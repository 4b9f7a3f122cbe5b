"""Ingest throughput: extraction alone, then read → extract → store on SQLite and
PostgreSQL, the store alone, and a re-ingest that must add 0 rows.

    .venv/bin/python bench/ingest_throughput.py [PATH ...] [--pg auto|URL|none] [--json]

PATH defaults to /work/shared/corpus (all 1,925 articles). ``--pg auto`` starts a
throw-away local server (hadath.store.testing), ``none`` skips PostgreSQL. Timings are
wall-clock on one process (``--workers`` adds extraction processes).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from hadath.article import Article
from hadath.ingest import ingest_paths
from hadath.readers import iter_articles
from hadath.store import open_store


def read(paths: list[str]) -> list[Article]:
    errors: list[Any] = []
    return list(iter_articles(paths, errors.append))


def bench_extraction(paths: list[str]) -> dict[str, Any]:
    from hadath.pipeline import extract_records

    articles = read(paths)
    t0 = time.perf_counter()
    records = [extract_records(a) for a in articles]
    elapsed = time.perf_counter() - t0
    return {"articles": len(articles), "records": sum(map(len, records)),
            "seconds": round(elapsed, 2), "articles_per_s": round(len(articles) / elapsed, 1)}


def bench_store_only(paths: list[str], url: str) -> dict[str, Any]:
    """store.ingest alone, on records extracted beforehand."""
    from hadath.pipeline import extract_records

    pairs = [(a, extract_records(a)) for a in read(paths)]
    store = open_store(url)
    t0 = time.perf_counter()
    for article, records in pairs:
        store.ingest(article, records)
    elapsed = time.perf_counter() - t0
    totals = store.totals()
    store.close()
    return {**totals, "seconds": round(elapsed, 2),
            "articles_per_s": round(len(pairs) / elapsed, 1)}


def bench_ingest(paths: list[str], url: str, workers: int) -> dict[str, Any]:
    store = open_store(url)
    runs = {}
    for name in ("ingest", "reingest"):
        before = store.totals()
        t0 = time.perf_counter()
        stats = ingest_paths(paths, store, workers=workers)
        elapsed = time.perf_counter() - t0
        after = store.totals()
        runs[name] = {"seconds": round(elapsed, 2),
                      "articles_per_s": round(stats.articles_read / elapsed, 1),
                      "rows_added": {k: after[k] - before[k] for k in after},
                      **stats.as_dict()}
    store.close()
    return runs


@contextmanager
def postgres_urls(pg: str) -> Iterator[list[str] | None]:
    if pg == "none":
        yield None
        return
    if pg != "auto":
        yield [pg, pg]  # caller's server: use the same (empty) database twice
        return
    from hadath.store.testing import temp_postgres

    with temp_postgres() as server:
        yield [server.new_database(), server.new_database()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["/work/shared/corpus"])
    parser.add_argument("--pg", default="auto", help="auto | postgresql://... | none")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {"paths": args.paths, "workers": args.workers}
    out["extraction"] = bench_extraction(args.paths)
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        out["sqlite_store_only"] = bench_store_only(args.paths, str(tmp / "only.db"))
        out["sqlite"] = bench_ingest(args.paths, str(tmp / "hadath.db"), args.workers)
        pg = stack.enter_context(postgres_urls(args.pg))
        if pg:
            out["postgres_store_only"] = bench_store_only(args.paths, pg[0])
            out["postgres"] = bench_ingest(args.paths, pg[1], args.workers)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    ex = out["extraction"]
    print(f"{ex['articles']:,} articles, {ex['records']:,} records")
    print(f"extraction only          {ex['articles_per_s']:>8,.1f} articles/s ({ex['seconds']} s)")
    for backend in ("sqlite", "postgres"):
        if backend not in out:
            continue
        only, run = out[f"{backend}_store_only"], out[backend]
        print(f"{backend:<8} store only        {only['articles_per_s']:>8,.1f} articles/s "
              f"({only['seconds']} s; {only['events']:,} events from "
              f"{only['mentions']:,} mentions)")
        print(f"{backend:<8} read+extract+store{run['ingest']['articles_per_s']:>9,.1f} "
              f"articles/s ({run['ingest']['seconds']} s)")
        re = run["reingest"]
        print(f"{backend:<8} re-ingest         {re['articles_per_s']:>8,.1f} articles/s "
              f"({re['seconds']} s), rows added: {re['rows_added']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
