"""End to end with the real pipeline: ingest, resume after kill -9, re-ingest, failures."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hadath.cli import ingest as ingest_cli
from hadath.ingest import ingest_articles, ingest_paths
from hadath.store import EventQuery, StoreError, open_store

FIXTURES = Path(__file__).parent / "fixtures"


def ingest_cmd(path: Path, db: str, *extra: str, quiet: bool = True) -> list[str]:
    return [sys.executable, "-m", "hadath.cli.ingest", str(path), "--db", db, *extra,
            *(["-q"] if quiet else [])]


def snapshot(url: str) -> dict[str, object]:
    """Everything that must be identical between two runs (not timestamps)."""
    store = open_store(url)
    try:
        return {
            "articles": sorted(r[0] for r in store._all("SELECT id FROM articles")),
            "mentions": sorted(store._all(
                "SELECT article_id, idx, record_id, event_id FROM mentions")),
            "events": sorted((e["event_id"], e["mention_count"], e["fatalities"],
                              e["event_date"], e["location"], tuple(
                                  s["article_id"] for s in e["sources"]))
                             for e in store.iter_events(EventQuery())),
        }
    finally:
        store.close()


def test_ingest_real_pipeline_three_outlets_one_event(store):
    errors: list[tuple[str, str]] = []
    stats = ingest_paths([FIXTURES / "hit_reports.jsonl"], store,
                         on_error=lambda o, m: errors.append((o, m)))
    assert errors == [] and stats.articles_added == 5
    ieds = [e for e in store.iter_events(EventQuery(event_type="Explosions/Remote violence"))
            if {s["outlet"] for s in e["sources"]} >= {"almada", "shafaq", "alsumaria"}]
    assert len(ieds) == 1, "the three reports of the Hit IED should be one event"
    ied = ieds[0]
    assert ied["mention_count"] == 3
    assert ied["fatalities"] == 2  # the lowest of the three tolls: 3, 2 and 4
    protests = store.events(EventQuery(event_type="Protests"))[0]
    assert all(p["event_id"] != ied["event_id"] for p in protests)


@pytest.fixture(scope="session")
def clean_run(thousand_articles, tmp_path_factory) -> dict[str, object]:
    """The snapshot of one uninterrupted ingest of the 1,000 articles (in this process)."""
    url = str(tmp_path_factory.mktemp("clean") / "clean.db")
    with open_store(url) as store:
        assert ingest_paths([thousand_articles], store).bad == 0
    return snapshot(url)


def count_articles(url: str) -> int:
    """Read the count with a bare connection: never wait on the writer's lock."""
    try:
        if url.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(url, connect_timeout=2) as conn:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        with sqlite3.connect(url, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except Exception:  # noqa: BLE001 - not created yet, or busy: try again
        return 0


def test_ingest_kill_9_then_resume_equals_clean_run(thousand_articles, clean_run, store_url):
    proc = subprocess.Popen(ingest_cmd(thousand_articles, store_url), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        if count_articles(store_url) >= 200:
            break
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: kill -9, no clean-up at all
    proc.wait()
    partial = snapshot(store_url)["articles"]
    assert 200 <= len(partial) < 1000
    done = subprocess.run(ingest_cmd(thousand_articles, store_url, quiet=False),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{len(clean_run['articles']) - len(partial):,} added" in done.stderr
    # no article lost or doubled, and the same events from the same mentions
    assert snapshot(store_url) == clean_run
    # one more time: a re-ingest adds nothing
    with open_store(store_url) as store:
        before = store.totals()
    done = subprocess.run(ingest_cmd(thousand_articles, store_url, quiet=False),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "0 added" in done.stderr
    with open_store(store_url) as store:
        assert store.totals() == before


def test_ingest_reports_bad_records_and_continues(tmp_path, store_url):
    good = (FIXTURES / "hit_reports.jsonl").read_text(encoding="utf-8").splitlines()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([good[0], "{broken", good[1], '{"id": "x"}']) + "\n",
                     encoding="utf-8")
    res = CliRunner().invoke(ingest_cli.command, [str(mixed), "--db", store_url])
    assert res.exit_code == 1, res.output
    assert f"{mixed}:2" in res.stderr and f"{mixed}:4" in res.stderr
    assert "2 added" in res.stderr
    with open_store(store_url) as store:
        assert store.totals()["articles"] == 2


def test_ingest_store_failure_keeps_what_was_committed(pg_server):
    from hadath.readers import iter_articles

    url = pg_server.new_database()
    store = open_store(url)
    articles = list(iter_articles([FIXTURES / "hit_reports.jsonl"], lambda e: None))

    def cut_after_two(stats):
        if stats.articles_added == 2:
            with open_store(url) as admin:  # the server drops our session mid-run
                admin._execute("SELECT pg_terminate_backend(?)",
                               (store._conn.info.backend_pid,))

    with pytest.raises(StoreError):
        ingest_articles(articles, store, progress=cut_after_two)
    assert open_store(url).totals()["articles"] == 2
    # a rerun resumes: the rest goes in, nothing twice
    stats = ingest_articles(articles, open_store(url))
    assert (stats.articles_skipped, stats.articles_added) == (2, 3)
