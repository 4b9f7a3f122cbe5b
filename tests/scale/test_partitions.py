"""Partitions must cover the input exactly once and read back as the readers read it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hadath.readers import ReadError, iter_articles
from hadath.scale import partitions as P
from hadath.scale.cluster import decide_duplicates
from hadath.scale.tasks import ArticleKey, PartitionResult

CORPUS = Path("/work/shared/corpus")
SEED = Path("/work/shared/seed/almada-2019-03-03-hit.txt")


def _fields(a):
    return (a.id, a.text, a.outlet, a.title, a.published, a.url, a.origin)


def _read_parts(parts):
    errors: list[ReadError] = []
    articles = [a for p in parts for a in P.read_partition(p, errors.append)]
    return articles, errors


def _read_whole(paths):
    errors: list[ReadError] = []
    return list(iter_articles(paths, errors.append)), errors


@pytest.mark.parametrize("size", [1, 2, 3, 5, 100])
@pytest.mark.parametrize("trailing_newline", [True, False])
def test_line_ranges_cover_the_file_in_runs_of_size_lines(tmp_path, monkeypatch, size,
                                                          trailing_newline):
    monkeypatch.setattr(P, "_SCAN_CHUNK", 7)  # cuts fall inside and across chunks
    lines = ["x" * (i % 11 + 1) for i in range(23)]
    data = "\n".join(lines).encode() + (b"\n" if trailing_newline else b"")
    f = tmp_path / "a.jsonl"
    f.write_bytes(data)
    ranges = P.line_ranges(str(f), size)
    assert b"".join(data[s:e] for s, e, _ in ranges) == data
    assert [first for _, _, first in ranges] == list(range(1, 24, size))
    for s, e, _ in ranges[:-1]:
        assert data[s:e].count(b"\n") == size


def test_jsonl_partitions_read_like_the_reader_with_the_same_origins(tmp_path):
    parts = P.plan_partitions([str(CORPUS)], lambda e: pytest.fail(str(e)), size=97)
    assert all(p.kind == "lines" for p in parts)
    assert len(parts) == sum(-(-sum(1 for _ in open(f, "rb")) // 97)
                             for f in sorted(CORPUS.glob("*.jsonl")))
    got, got_errors = _read_parts(parts)
    want, want_errors = _read_whole([str(CORPUS)])
    assert [_fields(a) for a in got] == [_fields(a) for a in want]
    assert got_errors == want_errors == []


def test_bad_lines_are_reported_with_their_real_line_numbers(tmp_path):
    good = CORPUS.joinpath("telegram-iraq-2026.jsonl").read_bytes().split(b"\n")[:12]
    lines = [b"\xef\xbb\xbf" + good[0]] + good[1:5] + [b'{"id": "cut", "text": '] + good[5:9]
    lines += [b"", b'{"id": "bad-bytes", "text": "caf\xe9 au lait, plain latin text"}', b"[1, 2]"] + good[9:]
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    parts = P.plan_partitions([str(f)], lambda e: pytest.fail(str(e)), size=4)
    assert len(parts) == 4
    got, got_errors = _read_parts(parts)
    want, want_errors = _read_whole([str(f)])
    assert [_fields(a) for a in got] == [_fields(a) for a in want]
    assert got_errors == want_errors
    assert [e.origin for e in got_errors] == [f"{f}:6", f"{f}:12", f"{f}:13"]


def test_parquet_rows_partition_like_the_records(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = CORPUS / "telegram-iraq-2026.jsonl"
    recs = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()[:120]]
    recs[30]["text"] = None  # one unusable row
    f = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(recs), f, row_group_size=50)
    parts = P.plan_partitions([str(tmp_path)], lambda e: pytest.fail(str(e)), size=37)
    assert [(p.kind, p.start, p.end) for p in parts] == [
        ("rows", 0, 37), ("rows", 37, 74), ("rows", 74, 111), ("rows", 111, 120)]
    got, errors = _read_parts(parts)
    assert [a.id for a in got] == [r["id"] for i, r in enumerate(recs) if i != 30]
    assert [a.text for a in got[:3]] == [r["text"] for r in recs[:3]]
    assert got[0].origin == f"{f}:1" and got[-1].origin == f"{f}:120"
    assert [e.origin for e in errors] == [f"{f}:31"]


def test_whole_files_are_grouped_in_reading_order_under_their_given_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        shutil.copy(SEED, folder / f"s{i}.txt")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    lines = (CORPUS / "telegram-iraq-2026.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "m.jsonl").write_text("\n".join(lines[:7]) + "\n", encoding="utf-8")
    errors: list[ReadError] = []
    parts = P.plan_partitions([str(folder), "-", str(tmp_path / "missing")], errors.append,
                              size=3)
    assert [p.kind for p in parts] == ["files", "lines", "lines", "lines", "files", "files"]
    assert [e.origin for e in errors] == ["<stdin>", str(tmp_path / "missing")]
    got, got_errors = _read_parts(parts)
    want, want_errors = _read_whole([str(folder)])
    assert [_fields(a) for a in got] == [_fields(a) for a in want]
    assert got_errors == want_errors and len(got_errors) == 1  # empty.txt: no text


def test_relative_names_survive_into_origins(tmp_path, monkeypatch):
    (tmp_path / "e.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    errors: list[ReadError] = []
    parts = P.plan_partitions(["e.txt"], errors.append)
    assert parts[0].files == ((str(tmp_path / "e.txt"), "e.txt"),)
    list(P.read_partition(parts[0], errors.append))
    assert [e.origin for e in errors] == ["e.txt"]


def _result(index, articles, event_ids):
    keys = [ArticleKey(i, h, n) for i, h, n in articles]
    return PartitionResult(index, "", keys, event_ids, ["Battles"] * len(event_ids))


def test_duplicates_keep_the_first_in_input_order():
    results = [
        _result(0, [("a", "ha", 2), ("b", "hb", 0), ("c", "hc", 1)], ["e1", "e2", "e3"]),
        # "a" again by id, "z" is "c"'s text under another id, "d" repeats an event id.
        _result(1, [("a", "hx", 1), ("z", "hc", 2), ("d", "hd", 2)], ["e1", "e4", "e5",
                                                                      "e6", "e3"]),
    ]
    d = decide_duplicates(results)
    assert d.drops == {0: frozenset(), 1: frozenset({0, 1, 2, 4})}
    assert (d.articles, d.duplicate_articles, d.duplicate_events) == (6, 2, 1)
