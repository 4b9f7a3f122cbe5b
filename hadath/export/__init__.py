"""Writers for event records, registered by format name.

Both ``hadath extract`` (per-article records) and ``hadath export`` (canonical events
from the store) write through these, so a CSV from either has the same columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import IO, Any

from hadath.records import ACLED_COLUMNS, EXTRA_COLUMNS, record_to_acled_row

Writer = Callable[[Iterable[dict[str, Any]], IO[str]], int]


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """ACLED's column names first, then hadath's own (and sources for canonical events)."""
    columns = ACLED_COLUMNS + EXTRA_COLUMNS + ["sources", "mention_count"]
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        row = record_to_acled_row(rec)
        if "sources" in rec:
            row["sources"] = "; ".join(
                s.get("outlet") or s.get("article_id", "") if isinstance(s, dict) else str(s)
                for s in rec["sources"])
            row["mention_count"] = rec.get("mention_count")
        writer.writerow(row)
        n += 1
    return n


def to_feature(rec: dict[str, Any]) -> dict[str, Any]:
    props = {k: v for k, v in rec.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [rec["longitude"], rec["latitude"]]},
            "properties": props}


def write_geojson(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """A FeatureCollection, streamed so a large export never sits in memory."""
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for rec in records:
        if n:
            fh.write(",\n")
        fh.write(json.dumps(to_feature(rec), ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


WRITERS: dict[str, Writer] = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}


def get_writer(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(sorted(WRITERS))}") from None
