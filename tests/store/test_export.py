"""Export writers over canonical events from a real store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from hadath.export import TABLE_COLUMNS, WRITERS, format_for_path, get_writer, is_binary
from hadath.records import ACLED_COLUMNS
from hadath.store import EventQuery


@pytest.fixture
def events(rec, tmp_path):
    from hadath.store import open_store

    store = open_store(str(tmp_path / "x.db"))
    for article, records in rec.hit_scenario():
        store.ingest(article, records)
    out = list(store.iter_events(EventQuery()))
    store.close()
    return out


def test_export_formats_registered():
    assert {"csv", "jsonl", "geojson", "parquet"} <= set(WRITERS)
    assert is_binary("parquet") and not is_binary("csv")
    assert format_for_path("x.parquet") == "parquet" and format_for_path("x.json") == "geojson"
    with pytest.raises(ValueError):
        get_writer("xlsx")


def test_export_csv_acled_columns_sources_evidence(events):
    buf = io.StringIO()
    assert get_writer("csv")(events, buf) == 3
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0])[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert {"sources", "mention_count", "evidence"} <= set(rows[0])
    ied = next(r for r in rows if r["mention_count"] == "3")
    assert ied["fatalities"] == "2"
    assert len(ied["sources"].split("; ")) == 3
    assert ied["evidence"].count(" … ") == 2


def test_export_geojson_and_jsonl(events):
    buf = io.StringIO()
    get_writer("geojson")(events, buf)
    doc = json.loads(buf.getvalue())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3
    assert doc["features"][0]["geometry"]["coordinates"][1] == pytest.approx(33.6366, abs=0.1)
    buf = io.StringIO()
    get_writer("jsonl")(events, buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert {len(x["sources"]) for x in lines} == {1, 3}


def test_export_parquet_roundtrip(events, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "e.parquet"
    with open(path, "wb") as fh:
        assert get_writer("parquet")(events, fh) == 3
    table = pq.read_table(path)
    assert table.column_names == TABLE_COLUMNS
    assert sorted(table.column("fatalities").to_pylist()) == [0, 0, 2]
    assert str(table.schema.field("latitude").type) == "double"
    with open(tmp_path / "empty.parquet", "wb") as fh:
        assert get_writer("parquet")([], fh) == 0
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


def test_export_iter_events_pages_without_gaps(rec, store):
    for article, records in rec.hit_scenario():
        store.ingest(article, records)
    whole = [e["event_id"] for e in store.iter_events(EventQuery())]
    paged = [e["event_id"] for e in store.iter_events(EventQuery(), page=1)]
    assert paged == whole and len(set(whole)) == 3
    assert [e["event_id"] for e in store.iter_events(EventQuery(event_type="Protests"),
                                                      page=1)] != whole
