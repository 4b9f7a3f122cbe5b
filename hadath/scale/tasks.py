"""What runs on a worker: extract one partition, then finalise its output file.

Workers hold no state between tasks except what the pipeline itself caches (its
knowledge, loaded lazily on the first article a process sees), so any worker can run
any task and a lost worker only costs a retry. Records are written to a hidden
temporary file next to the final one; only small summaries (ids, text hashes, event
ids and types, errors) travel back to the client, which decides what to drop as a
duplicate, and ``finalise`` then writes ``part-NNNNN.<fmt>`` without those records.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from hadath.readers import ReadError
from hadath.scale.partitions import Partition, read_partition

PART_NAME = "part-{:05d}.{}"
TMP_NAME = ".part-{:05d}.jsonl.tmp"


@dataclass
class ArticleKey:
    """What deduplication needs to know about one extracted article."""

    article_id: str
    text_hash: str
    records: int


@dataclass
class PartitionResult:
    index: int
    tmp_path: str
    articles: list[ArticleKey] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (origin, message)
    cpu_seconds: float = 0.0
    stopped: bool = False  # --strict stopped this partition at its first error


def warm_worker() -> float:
    """Load the pipeline and its knowledge in this worker; seconds it took.

    Optional (the first task would do it anyway); benchmarks call it so that a
    speed-up measures extraction, not each worker's cold start.
    """
    from hadath.article import Article
    from hadath.pipeline import extract_records

    t0 = time.perf_counter()
    extract_records(Article(id="warm-up", text="قتل شخص في هجوم على بغداد أمس."))
    return time.perf_counter() - t0


def extract_partition(part: Partition, out_dir: str, strict: bool = False) -> PartitionResult:
    """Read and extract one partition; records go to a temporary JSONL file in ``out_dir``."""
    from hadath.batch import extract_stream
    from hadath.store.dedupe import text_hash

    cpu0 = time.process_time()
    tmp = os.path.join(out_dir, TMP_NAME.format(part.index))
    result = PartitionResult(part.index, tmp)

    def on_error(err: ReadError) -> None:
        result.errors.append((err.origin, err.message))

    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        for outcome in extract_stream(read_partition(part, on_error), workers=1):
            if strict and result.errors:
                break
            article = outcome.article
            if outcome.error:
                result.errors.append((article.origin or article.id, outcome.error))
                if strict:
                    break
                continue
            result.articles.append(ArticleKey(article.id, text_hash(article.text),
                                              len(outcome.records)))
            for rec in outcome.records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                result.event_ids.append(rec["event_id"])
                result.event_types.append(rec["event_type"])
    result.stopped = strict and bool(result.errors)
    result.cpu_seconds = time.process_time() - cpu0
    return result


def finalise(tmp_path: str, out_dir: str, index: int, drop: frozenset[int],
             fmt: str = "jsonl") -> int:
    """Write ``part-<index>.<fmt>`` from the temporary file, less the records in ``drop``.

    ``drop`` holds record ordinals within the partition. Returns records written.
    """
    final = os.path.join(out_dir, PART_NAME.format(index, fmt))
    if fmt == "jsonl" and not drop:
        with open(tmp_path, "rb") as f:
            n = sum(1 for _ in f)
        os.replace(tmp_path, final)
        return n
    kept: list[str] = []
    with open(tmp_path, encoding="utf-8") as f:
        kept = [line for i, line in enumerate(f) if i not in drop]
    if fmt == "parquet":
        write_parquet([json.loads(line) for line in kept], final)
    else:
        with open(final + ".tmp", "w", encoding="utf-8", newline="") as out:
            out.writelines(kept)
        os.replace(final + ".tmp", final)
    os.remove(tmp_path)
    return len(kept)


def discard(tmp_path: str) -> None:
    """Remove a temporary file (a --strict run that stopped leaves none behind)."""
    try:
        os.remove(tmp_path)
    except FileNotFoundError:
        pass


_INT_COLUMNS = ("time_precision", "inter1", "inter2", "geo_precision", "fatalities",
                "injuries", "geonameid")
_FLOAT_COLUMNS = ("latitude", "longitude", "confidence")


def parquet_schema() -> Any:
    """ACLED's flat columns, hadath's own, and the whole record as JSON (lossless)."""
    import pyarrow as pa

    from hadath.records import ACLED_COLUMNS, EXTRA_COLUMNS

    fields = []
    for name in ACLED_COLUMNS + EXTRA_COLUMNS:
        kind = (pa.int64() if name in _INT_COLUMNS
                else pa.float64() if name in _FLOAT_COLUMNS else pa.string())
        fields.append(pa.field(name, kind))
    fields.append(pa.field("record", pa.string()))
    return pa.schema(fields)


def write_parquet(records: list[dict[str, Any]], path: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from hadath.records import record_to_acled_row

    schema = parquet_schema()
    columns: dict[str, list[Any]] = {f.name: [] for f in schema}
    for rec in records:
        row = record_to_acled_row(rec)
        for f in schema:
            if f.name == "record":
                columns["record"].append(json.dumps(rec, ensure_ascii=False))
                continue
            value = row.get(f.name)
            if value is None or value == "" and f.name in _INT_COLUMNS + _FLOAT_COLUMNS:
                columns[f.name].append(None)
            elif f.name in _INT_COLUMNS:
                columns[f.name].append(int(value))
            elif f.name in _FLOAT_COLUMNS:
                columns[f.name].append(float(value))
            else:
                columns[f.name].append(str(value))
    table = pa.table(columns, schema=schema)
    pq.write_table(table, path + ".tmp")
    os.replace(path + ".tmp", path)


def type_counts(event_types: list[str], drop: frozenset[int]) -> Counter[str]:
    return Counter(t for i, t in enumerate(event_types) if i not in drop)
