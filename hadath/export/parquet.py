"""Parquet output (pyarrow): the CSV table with real types, written in row groups.

Same columns as the CSV (``TABLE_COLUMNS``), so a parquet and a CSV export of the same
query load into identical data frames except that numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from hadath.export import TABLE_COLUMNS, table_row

ROW_GROUP = 10_000
_INTEGER = {"time_precision", "inter1", "inter2", "geo_precision", "fatalities", "injuries",
            "geonameid", "mention_count"}
_FLOAT = {"latitude", "longitude", "confidence"}


def schema() -> Any:
    import pyarrow as pa

    def kind(column: str) -> Any:
        if column in _INTEGER:
            return pa.int64()
        if column in _FLOAT:
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(c, kind(c)) for c in TABLE_COLUMNS])


def _cell(column: str, value: Any) -> Any:
    if value in (None, ""):
        return None
    if column in _INTEGER:
        return int(value)
    if column in _FLOAT:
        return float(value)
    return str(value)


def write_parquet(records: Iterable[dict[str, Any]], fh: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sch = schema()
    n = 0
    with pq.ParquetWriter(fh, sch, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            row = table_row(rec)
            batch.append({c: _cell(c, row[c]) for c in TABLE_COLUMNS})
            n += 1
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=sch))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=sch))
    return n
