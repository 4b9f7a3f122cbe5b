"""Schema migrations: a fresh database and one upgraded step by step end identical."""

from __future__ import annotations

import pytest

from hadath.store import EventQuery, StoreError, open_store
from hadath.store.migrate import latest_version, migrations
from hadath.store.postgres import PostgresStore
from hadath.store.sqlite import SQLiteStore


def _open(url: str, migrate: bool):
    cls = PostgresStore if url.startswith("postgresql://") else SQLiteStore
    return cls(url, migrate=migrate)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_migrations_numbered_and_present(backend):
    versions = [m.version for m in migrations(backend)]
    assert versions == list(range(1, latest_version(backend) + 1))
    assert latest_version(backend) >= 2


def test_migrations_fresh_equals_upgraded(rec, store_url, request):
    fresh = open_store(store_url)
    fresh_dump = fresh.schema_dump()
    fresh.close()
    # a second, empty database of the same backend, built one migration at a time, with
    # data written at version 1 that the later migrations must carry along
    old = _open(_second_url(store_url, request), migrate=False)
    assert old.migrate(1) == 1
    article, records = rec.hit_scenario()[0]
    _ingest_v1(old, article, records)
    assert old.migrate() == latest_version(old.backend)
    assert old.schema_dump() == fresh_dump
    # the data written at version 1 survived and was backfilled
    assert old.events(EventQuery())[1] == 1
    row = old._one("SELECT injuries FROM mentions")
    assert row == (5,)
    old.close()


def _second_url(url: str, request) -> str:
    if url.startswith("postgresql://"):
        return request.getfixturevalue("pg_server").new_database()
    return url.replace("hadath.db", "upgraded.db")


def _ingest_v1(store, article, records) -> None:
    """Write one article with the version-1 schema (no injuries column yet)."""
    import json

    with store._tx():
        store._execute(
            "INSERT INTO articles (id, text_hash, text, ingested_at"
            + (", search" if store._inline_search else "") + ") VALUES (?, ?, ?, ?"
            + (", ?" if store._inline_search else "") + ")",
            [article.id, "h1", article.text, "2019-03-10T00:00:00"]
            + (["x"] if store._inline_search else []))
        rec = records[0]
        blob = json.dumps(rec, ensure_ascii=False)
        store._execute(
            "INSERT INTO events (id, event_date, date_lo, date_hi, time_precision, event_type, "
            "record, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ["ev-1", rec["event_date"], rec["event_date"], rec["event_date"], 1,
             rec["event_type"], blob, "t", "t"])
        store._execute(
            "INSERT INTO mentions (article_id, idx, record_id, event_id, event_date, "
            "time_precision, event_type, evidence_folded, record"
            + (", search" if store._inline_search else "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?"
            + (", ?" if store._inline_search else "") + ")",
            [article.id, 0, rec["event_id"], "ev-1", rec["event_date"], 1, rec["event_type"],
             "x", blob] + (["x"] if store._inline_search else []))


def test_migrations_reopen_is_noop_and_newer_schema_refused(store_url):
    s = open_store(store_url)
    dump = s.schema_dump()
    s.close()
    s = open_store(store_url)
    assert s.schema_dump() == dump and s.schema_version() == latest_version(s.backend)
    s._execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
               (99, "future", "t"))
    s.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)
