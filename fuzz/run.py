"""Run every fuzz target for a while; exit 1 if any of them found a crash.

    .venv/bin/python fuzz/run.py                    # 60 s per target (make fuzz)
    .venv/bin/python fuzz/run.py --seconds 3 --seeds 40 --jobs 2   # what the tests do
    .venv/bin/python fuzz/run.py --only fuzz_dates --seconds 600

Each target runs in its own process (libFuzzer exits when its time is up). Inputs that
crash are written to --artifacts (default ``$HADATH_CACHE/fuzz/artifacts/``); replay one
with ``python fuzz/fuzz_x.py ARTIFACT``. Prints, per target, the inputs tried and the
outcome, and a JSON summary with --json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fuzzkit import cache_dir  # noqa: E402

TARGETS = ("fuzz_normalise", "fuzz_numbers", "fuzz_dates", "fuzz_readers", "fuzz_extract")
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_STAT = re.compile(r"#(\d+)\s")


@dataclass
class Result:
    target: str
    ok: bool
    runs: int
    seconds: float
    artifacts: list[str]
    tail: str


def run_target(target: str, seconds: int, seeds: int, artifacts: Path,
               python: str = sys.executable) -> Result:
    prefix = artifacts / f"{target}-"
    cmd = [python, str(HERE / f"{target}.py"), f"-max_total_time={seconds}",
           "-timeout=30", "-rss_limit_mb=3072", "-print_final_stats=1",
           f"-artifact_prefix={prefix}", f"--seeds={seeds}"]
    t0 = time.monotonic()
    before = set(artifacts.glob(f"{target}-*"))
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                          timeout=seconds + 300)
    out = proc.stdout + proc.stderr
    runs = 0
    if m := _DONE.search(out):
        runs = int(m.group(1))
    else:
        counts = _STAT.findall(out)
        runs = int(counts[-1]) if counts else 0
    found = sorted(str(p) for p in set(artifacts.glob(f"{target}-*")) - before)
    return Result(target, proc.returncode == 0 and not found, runs,
                  round(time.monotonic() - t0, 1), found, out[-3000:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=60, help="per target (default 60)")
    ap.add_argument("--seeds", type=int, default=200, help="corpus seeds per target")
    ap.add_argument("--jobs", type=int, default=1, help="targets run at once")
    ap.add_argument("--only", action="append", choices=TARGETS, help="run just this target")
    ap.add_argument("--artifacts", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the summary here")
    args = ap.parse_args(argv)
    artifacts = args.artifacts or cache_dir() / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    targets = args.only or list(TARGETS)
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(
            lambda t: run_target(t, args.seconds, args.seeds, artifacts), targets))
    for r in results:
        state = "ok" if r.ok else "FAILED"
        print(f"{r.target:16} {state:6} {r.runs:>9,} inputs in {r.seconds:5.1f} s"
              + (f"  crashes: {', '.join(r.artifacts)}" if r.artifacts else ""))
        if not r.ok:
            print(r.tail)
    print(f"total: {sum(r.runs for r in results):,} inputs")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
