"""Prove a speed change changed no output: hash every record of corpus + gold extraction.

    .venv/bin/python bench/check_identical.py --save before.json     # on the old code
    .venv/bin/python bench/check_identical.py --against before.json  # on the new code

Each article's records are hashed (sha256 of canonical JSON: sorted keys, in record
order), keyed by its origin ("path:line"); a digest over all of them is printed. With
``--against``, every article whose records differ is listed and the exit code is 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import replicate as rep  # noqa: E402  (bench/ is not a package)


def record_hashes(paths: list[Path]) -> dict[str, str]:
    from hadath.pipeline import extract_records

    out: dict[str, str] = {}
    for src in rep.load(paths):
        records = extract_records(rep.fresh(src))
        blob = json.dumps(records, sort_keys=True, ensure_ascii=False, default=str)
        out[src.origin or src.id] = hashlib.sha256(blob.encode("utf-8")).hexdigest()
    return out


def digest(hashes: dict[str, str]) -> str:
    h = hashlib.sha256()
    for key in sorted(hashes):
        h.update(f"{key}\t{hashes[key]}\n".encode())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--save", type=Path, help="write the per-article hashes here")
    ap.add_argument("--against", type=Path, help="compare with hashes saved earlier")
    ap.add_argument("paths", nargs="*", type=Path, default=[rep.CORPUS, rep.GOLD])
    args = ap.parse_args(argv)

    hashes = record_hashes(args.paths)
    total = digest(hashes)
    print(f"{len(hashes):,} articles, digest {total}")
    if args.save:
        args.save.write_text(json.dumps({"digest": total, "articles": hashes}, indent=0),
                             encoding="utf-8")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))["articles"]
        changed = sorted(k for k in before.keys() | hashes.keys()
                         if before.get(k) != hashes.get(k))
        for key in changed[:50]:
            print(f"  differs: {key}")
        if changed:
            print(f"{len(changed):,} of {len(hashes):,} articles changed")
            return 1
        print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
