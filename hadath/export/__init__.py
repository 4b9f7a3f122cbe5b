"""Writers for event records, registered by format name.

Both ``hadath extract`` (per-article records) and ``hadath export`` (canonical events
from the store) write through these, so a CSV from either has the same columns: ACLED's
column names first (``hadath.records.ACLED_COLUMNS``), then hadath's own, then — for
canonical events — ``sources`` and ``mention_count``. A writer takes an iterable of
records and an open file and returns how many it wrote; it streams, so an export never
holds the whole table. Text formats get a text file, binary ones (parquet) a binary file:
``is_binary(fmt)`` says which.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from hadath.records import ACLED_COLUMNS, EXTRA_COLUMNS, record_to_acled_row

Writer = Callable[[Iterable[dict[str, Any]], IO[Any]], int]
TABLE_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS + ["sources", "mention_count"]


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rec in records:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def table_row(rec: dict[str, Any]) -> dict[str, Any]:
    """One record as a flat row of ``TABLE_COLUMNS`` (CSV and parquet share it).

    ``sources`` lists every source article (URL, else article id) of a canonical event;
    a per-article record has none, and its ``mention_count`` is empty.
    """
    row = record_to_acled_row(rec)
    sources = rec.get("sources")
    row["sources"] = "; ".join(
        (s.get("url") or s.get("article_id") or "") if isinstance(s, dict) else str(s)
        for s in sources) if sources else ""
    row["mention_count"] = rec.get("mention_count")
    return {c: row.get(c) for c in TABLE_COLUMNS}


def write_csv(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """ACLED's column names first, then hadath's own (and sources for canonical events)."""
    writer = csv.DictWriter(fh, fieldnames=TABLE_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(table_row(rec))
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


def write_parquet(records: Iterable[dict[str, Any]], fh: IO[bytes]) -> int:
    from hadath.export.parquet import write_parquet as write

    return write(records, fh)


@dataclass(frozen=True)
class Format:
    name: str
    write: Writer
    binary: bool = False
    suffix: str = ""


WRITERS: dict[str, Format] = {}


def register(name: str, write: Writer, *, binary: bool = False, suffix: str = "") -> None:
    """Add (or replace) a named output format."""
    WRITERS[name] = Format(name, write, binary, suffix or f".{name}")


register("jsonl", write_jsonl)
register("csv", write_csv)
register("geojson", write_geojson)
register("parquet", write_parquet, binary=True)


def _format(fmt: str) -> Format:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from "
                         f"{', '.join(sorted(WRITERS))}") from None


def get_writer(fmt: str) -> Writer:
    return _format(fmt).write


def is_binary(fmt: str) -> bool:
    return _format(fmt).binary


def format_for_path(path: str, default: str = "jsonl") -> str:
    """The format a file name asks for (``events.csv`` → csv, ``.json`` → geojson)."""
    lower = path.lower()
    if lower.endswith(".json"):
        return "geojson"
    for fmt in WRITERS.values():
        if lower.endswith(fmt.suffix):
            return fmt.name
    return default
