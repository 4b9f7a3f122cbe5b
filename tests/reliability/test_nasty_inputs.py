"""Hostile files through ``hadath extract`` and ``hadath ingest``: each one costs only itself.

For every case of the generated hostile corpus (nasty.py) the run is
``hadath extract good-a.jsonl CASE good-b.jsonl``: it must not crash, must report the
case as a clear error naming its file (and line) or read it correctly, and the good
articles' records must be byte-identical, in order, to a run without the case.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from .conftest import essence, load_local, run_cli

nasty = load_local("nasty")
CASES = nasty.cases()


def test_the_hostile_corpus_covers_the_brief():
    names = " ".join(c.name for c in CASES)
    for kind in ("empty", "ten-mb", "binary", "nul", "mixed-encodings", "mojibake",
                 "surrogate", "unclosed", "rtl-marks", "zero-width", "million-digits",
                 "impossible-dates"):
        assert kind in names, kind
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_costs_only_itself(case, good, tmp_path: Path, event_validator,
                                        report_essence):
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    run = run_cli("extract", good.a, path, good.b, "-q")
    assert run.exception is None, f"crashed: {run.exception!r}"
    assert "Traceback" not in run.stderr
    assert run.exit_code in (0, 1), run.stderr

    # the good articles' records: byte-identical, same order
    ours = [line for line in run.lines if json.loads(line)["article_id"] in good.ids]
    assert ours == good.baseline.lines

    # errors: only about this file, clear, with the line where one applies
    errors = [e for e in run.stderr.splitlines() if e.startswith("hadath: ")]
    assert all(e.startswith(f"hadath: {path}") and len(e) > len(f"hadath: {path}: ") + 5
               for e in errors), errors
    if case.expect == "error":
        assert errors, "the bad input went unreported"
        assert run.exit_code == 1
        if case.line is not None:
            assert any(e.startswith(f"hadath: {path}:{case.line}: ") for e in errors), errors
    elif case.expect == "ok":
        assert not errors and run.exit_code == 0, errors

    # whatever the case yielded is valid, and right where the answer is known
    theirs = defaultdict(list)
    for rec in run.records():
        if rec["article_id"] not in good.ids:
            event_validator.validate(rec)
            theirs[rec["article_id"]].append(essence(rec))
    if case.same_as:
        assert len(theirs) == case.copies, dict(theirs)
        for found in theirs.values():
            assert found == report_essence


def test_impossible_dates_give_real_dates_not_after_publication(tmp_path: Path):
    case = next(c for c in CASES if c.name == "impossible-dates")
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    run = run_cli("extract", path, "-q")
    assert run.exit_code == 0 and run.exception is None, run.stderr
    records = run.records()
    assert len({r["article_id"] for r in records}) == 8  # every article still has its event
    for rec in records:
        assert "1800-01-01" <= rec["event_date"] <= nasty.PUBLISHED


def test_strict_stops_at_the_first_bad_record(good, tmp_path: Path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(next(c for c in CASES if c.name == "binary.txt").data)
    run = run_cli("extract", good.a, bad, good.b, "--strict", "-q")
    assert run.exit_code == 1 and run.exception is None
    assert f"stopped at the first bad record ({bad})" in run.stderr
    only_a = run_cli("extract", good.a, "-q")
    assert run.lines == only_a.lines  # everything before the bad file, nothing after it


def test_strict_with_workers_writes_what_one_worker_writes(good, tmp_path: Path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(next(c for c in CASES if c.name == "binary.txt").data)
    one = run_cli("extract", good.a, bad, good.b, "--strict", "-q")
    two = run_cli("extract", good.a, bad, good.b, "--strict", "-q", "--workers", "2")
    assert two.exit_code == one.exit_code == 1
    assert two.lines == one.lines


def test_metadata_bombs_are_cut_to_size(tmp_path: Path):
    from hadath.readers import iter_articles
    from hadath.readers.base import MAX_FIELD_CHARS, MAX_ID_CHARS

    for name in ("metadata-bombs", "billion-laughs.xml"):
        case = next(c for c in CASES if c.name == name)
        path = tmp_path / case.filename
        path.write_bytes(case.data)
        errors: list = []
        (article,) = iter_articles([path], errors.append)
        assert not errors
        assert len(article.id) <= MAX_ID_CHARS
        for value in (article.title, article.outlet, article.section):
            assert value is None or len(value) <= MAX_FIELD_CHARS
        again = next(iter(iter_articles([path], errors.append)))
        assert again.id == article.id  # a hashed id is still stable: re-ingest skips it


def folder_name(i: int, case) -> str:
    # The million-digit article goes last: every later mention of its event would be
    # compared with its megabyte-long evidence (a dedupe cost reported to the store).
    return f"{(900 if case.name == 'million-digits' else i) + 10:03d}-{case.filename}"


@pytest.fixture(scope="module")
def hostile_folder(good, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case in one folder, good files first and last (directory order is sorted)."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "0-good-a.jsonl").write_bytes(good.a.read_bytes())
    for i, case in enumerate(CASES):
        (folder / folder_name(i, case)).write_bytes(case.data)
    (folder / "zzz-good-b.jsonl").write_bytes(good.b.read_bytes())
    return folder


def test_whole_hostile_corpus_in_one_run_with_workers(good, hostile_folder: Path):
    """One run over everything, in two processes: same output as one process, good
    records intact, each error on its own line."""
    one = run_cli("extract", hostile_folder, "-q")
    two = run_cli("extract", hostile_folder, "-q", "--workers", "2")
    for run in (one, two):
        assert run.exception is None and run.exit_code == 1 and "Traceback" not in run.stderr
    assert two.stdout == one.stdout
    assert sorted(two.stderr.splitlines()) == sorted(one.stderr.splitlines())
    ours = [line for line in one.lines if json.loads(line)["article_id"] in good.ids]
    assert ours == good.baseline.lines
    reported = {e.split(": ", 2)[1].split(":")[0] for e in one.stderr.splitlines()
                if e.startswith("hadath: ")}
    expected = {str(hostile_folder / folder_name(i, c))
                for i, c in enumerate(CASES) if c.expect == "error"}
    assert expected <= reported


def _mentions(db: Path, ids: set[str]) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT article_id, idx, record_id FROM mentions").fetchall()
    return sorted(r for r in rows if r[0] in ids)


def test_whole_hostile_corpus_through_ingest(good, hostile_folder: Path, tmp_path: Path):
    """``hadath ingest`` of everything: reports, skips, stores every good article exactly
    as a clean ingest does, and a rerun adds nothing."""
    clean_db, db = tmp_path / "clean.db", tmp_path / "hostile.db"
    clean = run_cli("ingest", good.a, good.b, "--db", clean_db, "-q")
    assert clean.exit_code == 0, clean.stderr
    run = run_cli("ingest", hostile_folder, "--db", db)
    assert run.exception is None and run.exit_code == 1, run.stderr
    assert "Traceback" not in run.stderr and "store failure" not in run.stderr
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT id FROM articles")}
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert good.ids <= stored
    assert _mentions(db, good.ids) == _mentions(clean_db, good.ids)
    again = run_cli("ingest", hostile_folder, "--db", db)
    assert again.exit_code == 1 and " 0 added" in again.stderr.replace(":", " ")
    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM articles")} == stored


@pytest.mark.postgres
def test_whole_hostile_corpus_into_postgres(good, hostile_folder: Path, pg_server):
    """PostgreSQL refuses NULs and index entries over ~2,700 bytes; nothing the readers
    hand over may hit either (a store failure would stop the whole ingest)."""
    from hadath.store import open_store

    url = pg_server.new_database()
    run = run_cli("ingest", hostile_folder, "--db", url)
    assert run.exception is None and run.exit_code == 1, run.stderr
    assert "store failure" not in run.stderr and "Traceback" not in run.stderr
    with open_store(url) as store:
        stored = {r[0] for r in store._all("SELECT id FROM articles")}
    assert good.ids <= stored
    assert any(i.startswith("id-sha1:") for i in stored)  # the 5,000-character id


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_store_ingest_survives_events_at_the_edge_of_the_calendar(tmp_path: Path, day: str):
    from datetime import date

    from hadath.article import Article
    from hadath.pipeline import extract_records
    from hadath.store import open_store

    article = Article(id=f"edge-{day}", text=nasty.REPORT, outlet="x",
                      published=date.fromisoformat(day))
    records = extract_records(article)
    assert records and records[0]["event_date"][:4] == day[:4]
    with open_store(tmp_path / "edge.db") as store:
        assert store.ingest(article, records).article_added


def test_dedupe_similarity_of_a_huge_sentence_is_bounded_and_normal_text_unchanged():
    """A million-character "sentence" must not cost a third of a second per comparison;
    on text of a real sentence's length the score is the full trigram Jaccard."""
    import time

    from hadath.store.dedupe import MAX_COMPARED_CHARS, collapse, similarity, trigrams

    a = collapse("قتل ثلاثة مدنيين وأصيب خمسة آخرون بانفجار عبوة ناسفة في بغداد")
    b = collapse("مقتل ثلاثة مدنيين بانفجار عبوة ناسفة جنوب بغداد")
    ta, tb = trigrams(a), trigrams(b)
    assert similarity(a, b) == len(ta & tb) / len(ta | tb) > 0
    huge = collapse("انفجار عبوة ناسفة " * 60_000)
    assert len(huge) > 500 * MAX_COMPARED_CHARS
    start = time.perf_counter()
    scores = {similarity(huge, f"{b} {i}") for i in range(50)}
    assert time.perf_counter() - start < 0.5
    assert all(0 < s <= 1 for s in scores)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_date_windows_at_the_edge_of_the_calendar_are_clamped(day: str):
    from datetime import date

    from hadath.store.dedupe import MentionKey, date_window, windows_meet

    d = date.fromisoformat(day)
    for precision in (1, 2, 3):
        lo, hi = date_window(d, precision)
        assert date.min <= lo <= d <= hi <= date.max
        assert windows_meet((lo, hi), (lo, hi))
    key = MentionKey("a", "Battles", d, 3, None, None, None, None, None, "")
    assert all(lo <= hi for _, lo, hi in key.search_ranges())
