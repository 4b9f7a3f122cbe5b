"""Faults under ``hadath ingest``: a full disk, a read-only database, a PostgreSQL server
that goes away mid-run and comes back, and kill -9 at seeded points, again and again.

Every scenario ends the same way: after a rerun, the store holds exactly what a clean,
uninterrupted run stores (same articles, mentions and canonical events, by id): nothing
lost, nothing twice. Each failing run must fail with one clear message (exit 3), never with a
traceback.
"""

from __future__ import annotations

import contextlib
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hadath.ingest import ingest_paths
from hadath.store import EventQuery, open_store

from .conftest import corpus_rows, run_cli, write_jsonl

EXIT_STORE = 3


def ingest_cmd(path: Path, db: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "hadath.cli.ingest", str(path), "--db", db, "-q", *extra]


def snapshot(url: str) -> dict[str, object]:
    """Everything two runs must agree on (timestamps aside)."""
    store = open_store(url)
    try:
        return {
            "articles": sorted(r[0] for r in store._all("SELECT id FROM articles")),
            "mentions": sorted(tuple(r) for r in store._all(
                "SELECT article_id, idx, record_id, event_id FROM mentions")),
            "events": sorted((e["event_id"], e["mention_count"], e["fatalities"],
                              e["event_date"], e["location"],
                              tuple(sorted(s["article_id"] for s in e["sources"])))
                             for e in store.iter_events(EventQuery())),
        }
    finally:
        store.close()


def clean_run(path: Path, url: str) -> dict[str, object]:
    store = open_store(url)
    try:
        assert ingest_paths([path], store).bad == 0
    finally:
        store.close()
    return snapshot(url)


def assert_store_failure(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == EXIT_STORE, (done.returncode, done.stderr[-2000:])
    assert_one_message(done.stderr)
    assert any(w in done.stderr.lower() for w in words), done.stderr


def assert_one_message(stderr: str) -> None:
    """One 'hadath ingest: store failure: ...' message (a driver's message may wrap
    over lines), no traceback."""
    assert stderr.startswith("hadath ingest: store failure: "), stderr[-2000:]
    assert stderr.count("hadath ingest") == 1 and "Traceback" not in stderr, stderr[-2000:]


ARTICLES = 200


@pytest.fixture(scope="module")
def articles(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 short real reports from the Telegram corpus."""
    return write_jsonl(tmp_path_factory.mktemp("faults") / "telegram.jsonl",
                       corpus_rows(shared, ARTICLES))


def ingest(path: Path, db: str) -> subprocess.CompletedProcess:
    """``hadath ingest`` in this process (no interpreter start-up to pay), as a
    CompletedProcess so in- and out-of-process runs are checked alike."""
    run = run_cli("ingest", path, "--db", db, "-q")
    assert run.exception is None, repr(run.exception)
    return subprocess.CompletedProcess([], run.exit_code, "", run.stderr)


@pytest.fixture(scope="module")
def reference(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return clean_run(articles, str(tmp_path_factory.mktemp("clean") / "clean.db"))


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[bool]:
    """Mount a small tmpfs at ``path`` (root only); yields whether it is mounted."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
            capture_output=True).returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _limit_file_size(limit: int):
    def apply() -> None:  # runs in the child: EFBIG instead of death by SIGXFSZ
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_disk_full_fails_cleanly_keeps_commits_and_resumes(articles, reference, tmp_path):
    mnt = tmp_path / "small"
    with tmpfs(mnt, "1m") as mounted:
        db = mnt / "hadath.db"
        if mounted:
            full = ingest(articles, str(db))
        else:  # no tmpfs without root: a file-size limit makes the disk "full" at 1 MB
            full = subprocess.run(ingest_cmd(articles, str(db)), capture_output=True,
                                  text=True, timeout=120, preexec_fn=_limit_file_size(1 << 20))
        assert_store_failure(full, "full", "too large", "disk i/o")
        with sqlite3.connect(db) as conn:  # what was committed is intact
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert kept < len(reference["articles"])
        if mounted:  # the operator frees space: the same files, a bigger disk
            subprocess.run(["mount", "-o", "remount,size=64m", str(mnt)], check=True)
        done = ingest(articles, str(db))
        assert done.returncode == 0, done.stderr
        assert snapshot(str(db)) == reference


def test_read_only_database_fails_cleanly_and_changes_nothing(articles, reference, tmp_path):
    mnt = tmp_path / "ro"
    head = write_jsonl(tmp_path / "head.jsonl", corpus_rows_of(articles, 40))
    with tmpfs(mnt, "16m") as mounted:
        db = mnt / "hadath.db"
        assert ingest(head, str(db)).returncode == 0
        before = snapshot(str(db))
        digest = db.read_bytes()
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        else:
            db.chmod(0o444)
            mnt.chmod(0o555)
        try:
            done = ingest(articles, str(db))
            assert_store_failure(done, "read", "open")
            assert db.read_bytes() == digest
        finally:
            if mounted:
                subprocess.run(["mount", "-o", "remount,rw", str(mnt)], check=True)
            else:
                mnt.chmod(0o755)
                db.chmod(0o644)
        assert snapshot(str(db)) == before
        done = ingest(articles, str(db))
        assert done.returncode == 0, done.stderr
        assert snapshot(str(db)) == reference


def test_read_only_database_can_still_be_served(articles, tmp_path):
    mnt = tmp_path / "ro-serve"
    head = write_jsonl(tmp_path / "head.jsonl", corpus_rows_of(articles, 10))
    with tmpfs(mnt, "16m") as mounted:
        if not mounted:
            pytest.skip("needs root to mount a read-only file system")
        db = mnt / "hadath.db"
        assert ingest(head, str(db)).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        try:
            done = run_cli("serve", "--db", db, "--get", "/api/events?limit=1")
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(mnt)], check=True)
        assert done.exit_code == 0, done.stderr


def corpus_rows_of(path: Path, n: int) -> list[dict]:
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:n]]


def _pg_ctl(server, action: str, *args: str) -> subprocess.CompletedProcess:
    """Stop or restart the test server (hadath.store.testing started it; ``restart``
    reuses its own command line from postmaster.opts)."""
    from hadath.store.testing import pg_bindir

    prefix = []
    if os.geteuid() == 0:
        owner = Path(server.socket_dir).stat().st_uid
        import pwd

        prefix = ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--"]
    data = os.path.join(server.socket_dir, "data")
    log = os.path.join(server.socket_dir, "log")  # else the server holds our stdout pipe
    return subprocess.run([*prefix, str(pg_bindir() / "pg_ctl"), "-D", data, "-l", log,
                           *args, action], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def all_articles(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole Telegram corpus (425 reports): room to stop a server mid-run."""
    return write_jsonl(tmp_path_factory.mktemp("faults-all") / "telegram.jsonl",
                       corpus_rows(shared, 10_000))


@pytest.mark.postgres
def test_postgres_goes_away_mid_ingest_and_comes_back(pg_server, all_articles):
    import psycopg

    articles = all_articles
    reference = clean_run(articles, pg_server.new_database())
    url = pg_server.new_database()
    proc = subprocess.Popen(ingest_cmd(articles, url), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None and stored < 30:
            time.sleep(0.02)
            with contextlib.suppress(Exception), psycopg.connect(url) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert proc.poll() is None, "the run ended before the server could go away"
        stop = _pg_ctl(pg_server, "stop", "-m", "immediate", "-w")
        assert stop.returncode == 0, stop.stderr
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        started = _pg_ctl(pg_server, "restart", "-w", "-t", "30")
    assert started.returncode == 0, started.stderr + started.stdout
    assert proc.returncode == EXIT_STORE, err
    assert_one_message(err)
    partial = snapshot(url)["articles"]
    assert 30 <= len(partial) < len(reference["articles"])
    done = ingest(articles, url)
    assert done.returncode == 0, done.stderr
    assert snapshot(url) == reference


KILLS = 4


def test_kill_9_at_seeded_points_again_and_again(articles, reference, tmp_path):
    """Four runs killed with SIGKILL at seeded points (after a seeded number of stored
    articles, plus a seeded few milliseconds so the kill lands inside a transaction),
    each resuming the last; then one run to the end."""
    rnd = random.Random(6)
    total = len(reference["articles"])
    targets = sorted(rnd.sample(range(10, total - 50), KILLS))
    db = str(tmp_path / "killed.db")
    counts = []
    for target in targets:
        proc = subprocess.Popen(ingest_cmd(articles, db), start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stored = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and stored < target:
            time.sleep(0.005)
            with contextlib.suppress(sqlite3.Error), sqlite3.connect(db, timeout=1) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        time.sleep(rnd.uniform(0, 0.03))
        assert proc.poll() is None, f"the run ended before it could be killed at {target}"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            counts.append(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert counts == sorted(counts) and counts[-1] < total, counts
    done = ingest(articles, db)
    assert done.returncode == 0, done.stderr
    assert snapshot(db) == reference
