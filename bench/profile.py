"""cProfile of the extraction hot path: the top functions by cumulative and by own time.

    .venv/bin/python bench/profile.py                  # 3,000 corpus articles
    .venv/bin/python bench/profile.py -n 10000 --top 40 --out /tmp/hadath.prof

Knowledge is loaded before profiling starts (a cold start is measured by run.py), so
what is shown is the cost per article. ``--out`` saves the raw profile for
``python -m pstats`` or snakeviz.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file's name shadows the standard library's ``profile``, which cProfile imports:
# import the standard modules with bench/ off the path, then put it back for replicate.
_HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if str(Path(p or ".").resolve()) != _HERE]
import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import pstats  # noqa: E402

sys.path.insert(0, _HERE)
import replicate as rep  # noqa: E402  (bench/ is not a package)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=3000)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--out", type=Path, help="save the raw profile here")
    ap.add_argument("--with-load", action="store_true",
                    help="profile the knowledge loading too (a cold start)")
    args = ap.parse_args(argv)

    from hadath.pipeline import extract_records
    from hadath.scale.tasks import warm_worker

    sources = rep.load([rep.CORPUS])
    articles = list(rep.replicate(sources, args.articles))
    prof = cProfile.Profile()
    if args.with_load:
        prof.enable()
    warm_worker()
    prof.enable()
    for article in articles:
        extract_records(article)
    prof.disable()
    if args.out:
        prof.dump_stats(str(args.out))
    for key, title in (("cumulative", "cumulative time"), ("tottime", "own (total) time")):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key)
        stats.print_stats(args.top)
        body = buf.getvalue()
        start = body.find("   ncalls")
        print(f"== top {args.top} by {title}, {args.articles:,} articles ==")
        print(body[start:] if start >= 0 else body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
