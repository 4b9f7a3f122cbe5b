"""``hadath extract --cluster``: the same pipeline over partitions on a Dask cluster.

The client plans partitions (it must see the input), the workers read and extract
them from shared storage, and the client then decides, in input order, which
articles are duplicates (same id, or the same normalised text, as the store
decides) and which records repeat an event id; workers write the final
``part-NNNNN.<fmt>`` files without them. Concatenating the parts in name order gives
the records of ``hadath extract`` on one process, in the same order, less those
duplicates.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.readers import ReadError
from hadath.scale.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions
from hadath.scale.tasks import PartitionResult, discard, extract_partition, finalise

OUTPUT_FORMATS = ("jsonl", "parquet")


@contextlib.contextmanager
def connect(spec: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``local:N`` (a LocalCluster of N processes) or an address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("--cluster needs Dask: pip install 'hadath[scale]'") from exc
    if spec == "local" or spec.startswith("local:"):
        n = int(spec.partition(":")[2] or os.cpu_count() or 1)
        if n < 1:
            raise ValueError(f"local cluster needs at least one worker, got {n}")
        import dask

        # No dashboard, so no use for the workers' statistical profiler: it samples
        # every thread every 10 ms and costs several per cent of the CPU.
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    if "://" not in spec:
        raise ValueError(f"--cluster takes 'local:N' or a scheduler address, got {spec!r}")
    with Client(spec) as client:
        yield client


@dataclass
class Decision:
    """What the client decided after every partition came back."""

    drops: dict[int, frozenset[int]] = field(default_factory=dict)  # partition -> record ordinals
    articles: int = 0
    duplicate_articles: int = 0
    duplicate_events: int = 0


def decide_duplicates(results: Iterable[PartitionResult]) -> Decision:
    """Keep the first article with each id and each text hash, and the first of each event id.

    ``results`` must come in partition order, so "first" means first in input order,
    which is what one process reading the same input would have kept.
    """
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    seen_events: set[str] = set()
    decision = Decision()
    for res in results:
        drop: set[int] = set()
        r = 0
        for key in res.articles:
            decision.articles += 1
            ordinals = range(r, r + key.records)
            r += key.records
            if key.article_id in seen_ids or key.text_hash in seen_hashes:
                decision.duplicate_articles += 1
                drop.update(ordinals)
                continue
            seen_ids.add(key.article_id)
            seen_hashes.add(key.text_hash)
            for i in ordinals:
                if res.event_ids[i] in seen_events:
                    decision.duplicate_events += 1
                    drop.add(i)
                else:
                    seen_events.add(res.event_ids[i])
        decision.drops[res.index] = frozenset(drop)
    return decision


def _clear_old_parts(out: Path) -> None:
    """Remove part files of an earlier run, so the folder holds this run's output only."""
    for f in out.iterdir():
        if f.name.startswith(("part-", ".part-")) and f.suffix in (".jsonl", ".parquet", ".tmp"):
            f.unlink()


def run_partitions(client: Any, parts: list[Partition], out_dir: str, *, strict: bool = False,
                   progress: bool = False) -> list[PartitionResult]:
    """Extract every partition on the cluster; results in partition order."""
    from distributed import as_completed

    futures = client.map(extract_partition, parts, out_dir=out_dir, strict=strict, pure=False)
    results: dict[int, PartitionResult] = {}
    for done, fut in enumerate(as_completed(futures), 1):
        res = fut.result()
        results[res.index] = res
        if progress:
            articles = sum(len(r.articles) for r in results.values())
            print(f"\r{done}/{len(parts)} partitions, {articles:,} articles",
                  end="", file=sys.stderr, flush=True)
    if progress:
        print("", file=sys.stderr)
    return [results[p.index] for p in parts]


def run_on_cluster(paths: Iterable[str], output: str, cluster: str, *, strict: bool = False,
                   quiet: bool = False, fmt: str = "jsonl",
                   partition_size: int = DEFAULT_PARTITION_SIZE, client: Any = None) -> int:
    """Extract ``paths`` on a Dask cluster into the folder ``output``; the exit code.

    Exit codes follow ``hadath extract``: 0 clean, 1 some bad records (reported on
    stderr as ``hadath: origin: message``), 2 nothing read or unusable arguments.
    ``client`` lets a caller reuse a connected ``distributed.Client`` (``cluster`` is
    then ignored).
    """
    from hadath.cli.common import summary_table

    def say(msg: str) -> None:
        print(f"hadath: {msg}", file=sys.stderr)

    if fmt not in OUTPUT_FORMATS:
        say(f"--cluster writes {' or '.join(OUTPUT_FORMATS)}, not {fmt}")
        return 2
    if output in ("-", ""):
        say("--cluster writes partitioned output: give a folder with -o")
        return 2
    out = Path(output)
    if out.exists() and not out.is_dir():
        say(f"--cluster writes partitioned output: {output} is a file, give a folder")
        return 2
    out.mkdir(parents=True, exist_ok=True)
    _clear_old_parts(out)

    plan_errors: list[ReadError] = []
    parts = plan_partitions(paths, plan_errors.append, partition_size)
    for err in plan_errors:
        say(f"{err.origin}: {err.message}")
    if strict and plan_errors:
        say(f"stopped at the first bad record ({plan_errors[0].origin}) because of --strict")
        return 1

    if not parts:
        if not quiet:
            print(summary_table(0, 0, Counter(), len(plan_errors)), file=sys.stderr)
        return 2 if plan_errors else 0
    out_dir = os.path.abspath(out)
    progress = not quiet and sys.stderr.isatty()
    with contextlib.ExitStack() as stack:
        if client is None:
            try:
                client = stack.enter_context(connect(cluster))
            except (ValueError, OSError, RuntimeError) as exc:
                say(f"cannot start or reach the cluster {cluster!r}: {exc}")
                return 2
        results = run_partitions(client, parts, out_dir, strict=strict, progress=progress)
        errors = [e for res in results for e in res.errors]
        for origin, message in errors:
            say(f"{origin}: {message}")
        if strict and errors:
            client.gather(client.map(discard, [r.tmp_path for r in results], pure=False))
            say(f"stopped at the first bad record ({errors[0][0]}) because of --strict")
            return 1
        decision = decide_duplicates(results)
        written = sum(client.gather(client.map(
            finalise, [r.tmp_path for r in results], [out_dir] * len(results),
            [r.index for r in results], [decision.drops[r.index] for r in results],
            [fmt] * len(results), pure=False)))
    by_type: Counter[str] = Counter()
    for res in results:
        drop = decision.drops[res.index]
        by_type.update(t for i, t in enumerate(res.event_types) if i not in drop)
    n_errors = len(errors) + len(plan_errors)
    if not quiet:
        print(summary_table(decision.articles, written, by_type, n_errors), file=sys.stderr)
        print(f"  {len(parts):,} partitions in {output}; dropped "
              f"{decision.duplicate_articles:,} duplicate articles and "
              f"{decision.duplicate_events:,} repeated event ids", file=sys.stderr)
    if decision.articles == 0 and n_errors:
        return 2
    return 1 if n_errors else 0
