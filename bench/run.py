"""hadath's performance benchmark: throughput, stage costs, cold start, memory, scale-out.

    .venv/bin/python bench/run.py                       # everything (a few minutes)
    .venv/bin/python bench/run.py --sizes 1000,10000 --no-dask --json out.json

All figures come from one run over the articles of the shared corpus, replicated in
memory to each size with distinct ids. Throughput is per core: articles divided by
the CPU time of this single process (``time.process_time``), so it does not depend
on what else the machine runs; wall times are printed beside it. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import replicate as rep  # noqa: E402  (bench/ is not a package)

REPO = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    return time.process_time()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def warm() -> float:
    """Load the pipeline's knowledge in this process; seconds it took."""
    from hadath.scale.tasks import warm_worker

    return warm_worker()


BLOCK = 1000  # articles per timed block


def throughput(sources: list[rep.Source], n: int) -> dict[str, Any]:
    """End-to-end ``extract_records`` over ``n`` articles, in this one process.

    Timed as a whole and in blocks of ``BLOCK`` articles: the median block is robust
    to other programs' bursts (they slow even CPU time, through shared caches and
    cores), and the first and last blocks of a long run show whether cost per article
    grows as a run goes on.
    """
    from hadath.pipeline import extract_records

    records = 0
    blocks: list[float] = []
    w0, c0 = time.perf_counter(), _cpu()
    b0, in_block = c0, 0
    for article in rep.replicate(sources, n):
        records += len(extract_records(article))
        in_block += 1
        if in_block == BLOCK:
            now = _cpu()
            blocks.append((now - b0) / BLOCK)
            b0, in_block = now, 0
    cpu, wall = _cpu() - c0, time.perf_counter() - w0
    if not blocks:
        blocks = [cpu / n]
    nbytes = rep.total_bytes(sources, n)
    median = statistics.median(blocks)
    k = max(1, len(blocks) // 10)
    return {"articles": n, "records": records, "cpu_s": cpu, "wall_s": wall,
            "articles_per_cpu_s": n / cpu, "mb_per_cpu_s": nbytes / cpu / 1e6,
            "us_per_article": cpu / n * 1e6, "mb": nbytes / 1e6,
            "median_block_articles_per_cpu_s": 1 / median,
            "median_block_mb_per_cpu_s": nbytes / n / median / 1e6,
            "first_blocks_us": statistics.median(blocks[:k]) * 1e6,
            "last_blocks_us": statistics.median(blocks[-k:]) * 1e6}


def stage_costs(sources: list[rep.Source], n: int) -> dict[str, Any]:
    """CPU per stage (``Pipeline(timed=True)``) and one bare normalisation pass, same text."""
    from hadath.arabic.normalise import normalise
    from hadath.pipeline import Pipeline
    from hadath.records import to_records

    pipe = Pipeline(timed=True)
    c0 = _cpu()
    t_records = 0.0
    for article in rep.replicate(sources, n):
        done = pipe(article)
        t0 = time.perf_counter()
        to_records(done)
        t_records += time.perf_counter() - t0
    pipeline_cpu = _cpu() - c0
    stages = dict(pipe.timings)
    stages["records"] = t_records
    c0 = _cpu()
    for article in rep.replicate(sources, n):
        normalise(article.text)
    normalise_cpu = _cpu() - c0
    total = sum(stages.values())
    return {"articles": n, "pipeline_cpu_s": pipeline_cpu, "normalise_only_cpu_s": normalise_cpu,
            "ratio_to_normalise": pipeline_cpu / normalise_cpu,
            "stages": {k: {"s": v, "us_per_article": v / n * 1e6, "share": v / total}
                       for k, v in stages.items()}}


_COLD = """
import time, sys
t0 = time.perf_counter()
from hadath.article import Article
from hadath.pipeline import extract_records
t1 = time.perf_counter()
n = len(extract_records(Article(id=sys.argv[1], text=sys.argv[2])))
t2 = time.perf_counter()
import resource
print(t1 - t0, t2 - t0, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def cold_start(sources: list[rep.Source], runs: int = 3) -> dict[str, Any]:
    """A fresh interpreter: import hadath and extract one article (cache already warm)."""
    src = next((s for s in sources if len(s.text) < 2000), sources[0])
    cmd = [sys.executable, "-c", _COLD, src.id, src.text]
    subprocess.run(cmd, check=True, capture_output=True)  # builds any cache, not timed
    totals, imports, firsts, rss = [], [], [], []
    for _ in range(runs):
        w0 = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
        totals.append(time.perf_counter() - w0)
        imports.append(float(out[0]))
        firsts.append(float(out[1]))
        rss.append(float(out[3]))
    cli = REPO / ".venv" / "bin" / "hadath"
    seed = rep.SHARED / "seed" / "almada-2019-03-03-hit.txt"
    cli_s = None
    if cli.exists() and seed.exists():
        w0 = time.perf_counter()
        subprocess.run([str(cli), "extract", str(seed), "-o", os.devnull, "-q"],
                       capture_output=True)
        cli_s = time.perf_counter() - w0
    child_rss = max(rss)
    return {"process_to_first_article_s": statistics.median(totals),
            "import_s": statistics.median(imports),
            "import_and_first_article_s": statistics.median(firsts),
            "cli_extract_seed_s": cli_s, "one_article_process_peak_rss_mb": child_rss}


# ---- scale-out -------------------------------------------------------------------------

def _control_share(args: tuple[int, int]) -> float:
    """One process of the multiprocessing control: extract a share of articles; its CPU s."""
    start, n = args
    from hadath.pipeline import extract_records

    c0 = _cpu()
    for a in rep.replicate(_CONTROL_SOURCES, n, start):
        extract_records(a)
    return _cpu() - c0


_CONTROL_SOURCES: list[rep.Source] = []


def mp_control(sources: list[rep.Source], n: int, procs: int) -> dict[str, Any]:
    """``procs`` forked processes extract ``n`` articles between them, nothing else."""
    import multiprocessing as mp

    global _CONTROL_SOURCES
    _CONTROL_SOURCES = sources  # inherited by fork: no pickling of the corpus
    shares = [(i * n // procs, (i + 1) * n // procs - i * n // procs) for i in range(procs)]
    with mp.get_context("fork").Pool(procs) as pool:
        pool.map(_noop, range(procs))  # processes up before the clock starts
        w0 = time.perf_counter()
        cpus = pool.map(_control_share, shares, chunksize=1)
        wall = time.perf_counter() - w0
    return {"wall_s": wall, "worker_cpu_s": cpus, "other_cpu_s": 0.0}


def _noop(_: int) -> None:
    return None


def batch_stream(path: Path, workers: int) -> dict[str, Any]:
    """``hadath.batch.extract_stream`` (the --workers path) over a JSONL file."""
    from hadath.batch import extract_stream
    from hadath.readers import iter_articles

    w0, c0 = time.perf_counter(), _cpu()
    for _ in extract_stream(iter_articles([path], lambda e: None), workers):
        pass
    return {"wall_s": time.perf_counter() - w0, "parent_cpu_s": _cpu() - c0}


def dask_run(path: Path, out: Path, workers: int, partition: int) -> dict[str, Any]:
    """The real ``--cluster`` path on a LocalCluster; wall time and every process's CPU."""
    from hadath.scale import connect, run_on_cluster
    from hadath.scale.tasks import warm_worker

    with connect(f"local:{workers}") as client:
        client.run(warm_worker)  # knowledge loaded in every worker before the clock starts
        w_cpu0 = client.run(time.process_time)
        s_cpu0 = client.run_on_scheduler(time.process_time)
        w0, c0 = time.perf_counter(), _cpu()
        code = run_on_cluster([str(path)], str(out), "", client=client, quiet=True,
                              partition_size=partition)
        wall, client_cpu = time.perf_counter() - w0, _cpu() - c0
        w_cpu = client.run(time.process_time)
        s_cpu = client.run_on_scheduler(time.process_time) - s_cpu0
        if client.run_on_scheduler(os.getpid) == os.getpid():
            s_cpu = 0.0  # a LocalCluster's scheduler runs in this process: counted already
        rss = client.run(_rss_mb)
    if code != 0:
        raise SystemExit(f"the Dask run failed with exit code {code}")
    return {"wall_s": wall, "worker_cpu_s": [w_cpu[k] - w_cpu0[k] for k in sorted(w_cpu)],
            "other_cpu_s": s_cpu + client_cpu, "worker_peak_rss_mb": max(rss.values())}


def cpu_speedup(one: dict[str, Any], two: dict[str, Any], cores: int = 2) -> float:
    """The speed-up the CPU accounts allow on ``cores`` idle cores.

    On a shared machine wall time measures the neighbours too; CPU time does not. Two
    workers can finish no sooner than the busier one's CPU, nor than all the CPU spent
    (workers, scheduler, client) spread over the cores; one worker no sooner than its CPU.
    """
    t1 = max(sum(one["worker_cpu_s"]), (sum(one["worker_cpu_s"]) + one["other_cpu_s"]) / cores)
    t2 = max(max(two["worker_cpu_s"]), (sum(two["worker_cpu_s"]) + two["other_cpu_s"]) / cores)
    return t1 / t2


def task_overhead(sources: list[rep.Source], path: Path, partition: int, tmp: Path,
                  parts: int = 3, rounds: int = 2) -> float:
    """CPU of ``extract_partition`` (read, extract, hash, write) over bare extraction.

    Run in this process on the first ``parts`` partitions, alternating with bare
    ``extract_records`` of the same articles, best of ``rounds``: what hadath's own
    task costs beyond extraction, as opposed to what Dask costs.
    """
    from hadath.pipeline import extract_records
    from hadath.scale import plan_partitions, read_partition
    from hadath.scale.tasks import discard, extract_partition

    plan = plan_partitions([path], lambda e: None, partition)[:parts]
    n = sum(1 for p in plan for _ in read_partition(p, lambda e: None))
    task = bare = float("inf")
    for _ in range(rounds):
        c0 = _cpu()
        for p in plan:
            discard(extract_partition(p, str(tmp)).tmp_path)
        task = min(task, _cpu() - c0)
        c0 = _cpu()
        for a in rep.replicate(sources, n):
            extract_records(a)
        bare = min(bare, _cpu() - c0)
    return task / bare


def scale_out(sources: list[rep.Source], n: int, partition: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="hadath-bench-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        rep.write_jsonl(sources, n, path)
        d1 = dask_run(path, Path(tmp) / "out1", 1, partition)
        d2 = dask_run(path, Path(tmp) / "out2", 2, partition)
        c1 = mp_control(sources, n, 1)
        c2 = mp_control(sources, n, 2)
        b1 = batch_stream(path, 1)
        b2 = batch_stream(path, 2)
        task = task_overhead(sources, path, partition, Path(tmp))
    return {"articles": n, "partition_size": partition, "loadavg": os.getloadavg(),
            "dask": [d1, d2], "control": [c1, c2], "batch": [b1, b2],
            "task_cpu_over_bare": task,
            "dask_speedup": d1["wall_s"] / d2["wall_s"],
            "dask_cpu_speedup": cpu_speedup(d1, d2),
            "dask_2_workers_articles_per_s": n / d2["wall_s"],
            "dask_cpu_overhead": (sum(d2["worker_cpu_s"]) + d2["other_cpu_s"])
            / sum(c1["worker_cpu_s"]),
            "control_speedup": c1["wall_s"] / c2["wall_s"],
            "control_cpu_speedup": cpu_speedup(c1, c2),
            "batch_speedup": b1["wall_s"] / b2["wall_s"]}


# ---- report ----------------------------------------------------------------------------

def report(res: dict[str, Any]) -> str:
    out = [f"hadath benchmark — {res['machine']}",
           f"corpus: {res['corpus_articles']:,} articles, {res['corpus_mb']:.1f} MB of text, "
           f"replicated with distinct ids; load average at start {res['loadavg']}", ""]
    out.append("end to end, one process (per core = CPU time; median of 1,000-article blocks "
               "beside the whole run):")
    out.append(f"  {'articles':>9} {'art/s/core':>11} {'median blk':>11} {'MB/s/core':>10} "
               f"{'median blk':>11} {'wall s':>8} {'records':>9}")
    for t in res["throughput"]:
        out.append(f"  {t['articles']:>9,} {t['articles_per_cpu_s']:>11,.0f} "
                   f"{t['median_block_articles_per_cpu_s']:>11,.0f} {t['mb_per_cpu_s']:>10.2f} "
                   f"{t['median_block_mb_per_cpu_s']:>11.2f} {t['wall_s']:>8.1f} "
                   f"{t['records']:>9,}")
    if res["throughput"]:
        first, last = res["throughput"][0], res["throughput"][-1]
        ratio = first["median_block_articles_per_cpu_s"] / last["median_block_articles_per_cpu_s"]
        out.append(f"  linearity: median block µs/article at {last['articles']:,} is "
                   f"{ratio:.2f}× that at {first['articles']:,}; within the "
                   f"{last['articles']:,} run, last "
                   f"10% of blocks {last['last_blocks_us']:,.0f} µs vs first 10% "
                   f"{last['first_blocks_us']:,.0f} µs")
    s = res["stages"]
    out += ["", f"stage costs over {s['articles']:,} articles (Pipeline(timed=True)):"]
    for name, v in s["stages"].items():
        out.append(f"  {name:<10} {v['us_per_article']:>9,.0f} µs/article {v['share']:>6.1%}")
    out.append(f"  whole pipeline / one bare normalise() pass: {s['ratio_to_normalise']:.1f}× "
               f"({s['pipeline_cpu_s']:.2f} s vs {s['normalise_only_cpu_s']:.2f} s CPU)")
    c = res["cold_start"]
    out += ["", "cold start (gazetteer cache warm, median of 3):",
            f"  fresh process → first article extracted: {c['process_to_first_article_s']:.2f} s "
            f"(imports {c['import_s']:.2f} s, imports + first article "
            f"{c['import_and_first_article_s']:.2f} s)"]
    if c["cli_extract_seed_s"] is not None:
        out.append(f"  `hadath extract seed.txt`: {c['cli_extract_seed_s']:.2f} s")
    out += ["", "memory (peak RSS):",
            f"  one-article process: {c['one_article_process_peak_rss_mb']:.0f} MB; "
            f"this process after every throughput run: {res['peak_rss_mb']:.0f} MB"]
    if "scale_out" in res:
        d = res["scale_out"]
        (d1, d2), (c1, c2), (b1, b2) = d["dask"], d["control"], d["batch"]
        out += ["", f"scale-out, {d['articles']:,} articles, workers warmed first "
                    f"(load average during: {' '.join(f'{x:.1f}' for x in d['loadavg'])}):",
                f"  {'':26} {'1 proc wall':>11} {'2 procs wall':>12} {'speed-up':>9} "
                f"{'CPU-accounted':>14}",
                f"  {'Dask LocalCluster':26} {d1['wall_s']:>10.1f}s {d2['wall_s']:>11.1f}s "
                f"{d['dask_speedup']:>8.2f}× {d['dask_cpu_speedup']:>13.2f}×",
                f"  {'multiprocessing control':26} {c1['wall_s']:>10.1f}s {c2['wall_s']:>11.1f}s "
                f"{d['control_speedup']:>8.2f}× {d['control_cpu_speedup']:>13.2f}×",
                f"  {'extract_stream --workers':26} {b1['wall_s']:>10.1f}s {b2['wall_s']:>11.1f}s "
                f"{d['batch_speedup']:>8.2f}×",
                f"  Dask 2 workers: {d['dask_2_workers_articles_per_s']:,.0f} articles/s wall; "
                f"worker CPU {' + '.join(f'{x:.1f}' for x in d2['worker_cpu_s'])} s, "
                f"scheduler + client {d2['other_cpu_s']:.1f} s; all Dask CPU / control CPU "
                f"= {d['dask_cpu_overhead']:.2f} (of which hadath's task itself, reading, "
                f"hashing and writing: {d['task_cpu_over_bare']:.2f}); worker peak RSS "
                f"{d2['worker_peak_rss_mb']:.0f} MB"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="comma-separated article counts for the throughput runs")
    ap.add_argument("--stage-articles", type=int, default=5000)
    ap.add_argument("--dask-articles", type=int, default=20000)
    ap.add_argument("--partition-size", type=int, default=1000)
    ap.add_argument("--no-dask", action="store_true", help="skip the scale-out runs")
    ap.add_argument("--corpus", action="append", default=None,
                    help="input files or folders (default: the shared corpus)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    res: dict[str, Any] = {"loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
                           "machine": f"{platform.processor() or platform.machine()}, "
                                      f"{os.cpu_count()} CPUs, Python {platform.python_version()}"}
    sources = rep.load(args.corpus or [rep.CORPUS])
    res["corpus_articles"] = len(sources)
    res["corpus_mb"] = rep.total_bytes(sources, len(sources)) / 1e6
    res["cold_start"] = cold_start(sources)
    res["warm_s"] = warm()
    throughput(sources, min(500, len(sources)))  # caches and branch predictors, not timed
    res["throughput"] = [throughput(sources, int(n)) for n in args.sizes.split(",") if n]
    res["stages"] = stage_costs(sources, args.stage_articles)
    res["peak_rss_mb"] = _rss_mb()
    if not args.no_dask:
        res["scale_out"] = scale_out(sources, args.dask_articles, args.partition_size)
    print(report(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
