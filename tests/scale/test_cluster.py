"""The Dask run gives the single-process records, less duplicates, on a real LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.batch import extract_stream
from hadath.readers import ReadError, iter_articles
from hadath.scale import connect, run_on_cluster
from hadath.store.dedupe import text_hash

pytest.importorskip("distributed")

CORPUS = Path("/work/shared/corpus")
PARTITION = 64


def _lines(name: str, n: int) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()[:n]


@pytest.fixture(scope="module")
def client():
    with connect("local:2") as c:
        yield c


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, int, set[str]]:
    """~300 corpus articles, one malformed line, and duplicates placed in later partitions."""
    news = _lines("saudinewsnet-2015-08.jsonl", 160)
    tg = _lines("telegram-iraq-2026.jsonl", 140)
    lines = news + tg
    dup_same_id = [tg[i] for i in range(0, 40, 4)]  # same line again, same id
    dup_same_text = []  # same text under a new id: duplicates by normalised text
    for i in range(1, 40, 4):
        rec = json.loads(tg[i])
        rec["id"] = rec["id"] + "-copy"
        dup_same_text.append(json.dumps(rec, ensure_ascii=False))
    lines = lines[:100] + ['{"id": "broken", "text": "no closing quote}'] + lines[100:]
    lines += dup_same_id + dup_same_text
    path = tmp_path_factory.mktemp("scale") / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dup_ids = {json.loads(x)["id"] for x in dup_same_id + dup_same_text}
    return path, 101, dup_ids


@pytest.fixture(scope="module")
def single(built):
    """Records of one process over the same file, with duplicates removed as the store would."""
    path, _, _ = built
    errors: list[ReadError] = []
    outcomes = list(extract_stream(iter_articles([str(path)], errors.append), workers=1))
    seen_ids: set[str] = set()
    seen_text: set[str] = set()
    records, all_records, dups = [], [], 0
    for o in outcomes:
        all_records.extend(o.records)
        h = text_hash(o.article.text)
        if o.article.id in seen_ids or h in seen_text:
            dups += 1
            continue
        seen_ids.add(o.article.id)
        seen_text.add(h)
        records.extend(o.records)
    return records, all_records, errors, dups


def _read_parts(folder: Path, fmt: str = "jsonl") -> list[dict]:
    parts = sorted(folder.glob(f"part-*.{fmt}"))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return [json.loads(r) for p in parts for r in pq.read_table(p).column("record").to_pylist()]
    return [json.loads(line) for p in parts for line in p.read_text(encoding="utf-8").splitlines()]


def test_cluster_output_equals_single_process_less_duplicates(client, built, single, tmp_path,
                                                              capsys):
    path, bad_line, _ = built
    want, all_records, errors, dups = single
    out = tmp_path / "out"
    code = run_on_cluster([str(path)], str(out), "ignored", client=client,
                          partition_size=PARTITION)
    err = capsys.readouterr().err
    assert code == 1  # one bad record
    got = _read_parts(out)
    n_parts = -(-(301 + 20) // PARTITION)
    assert len(list(out.glob("part-*.jsonl"))) == n_parts
    assert not list(out.glob(".part-*"))
    assert dups >= 20 and len(all_records) > len(want)  # duplicates had records to drop
    assert got == want
    assert len({r["event_id"] for r in got}) == len(got)
    assert f"hadath: {path}:{bad_line}: invalid JSON" in err
    assert [e.origin for e in errors] == [f"{path}:{bad_line}"]
    assert f"{dups} duplicate articles" in err


def test_parquet_output_holds_the_same_records(client, built, single, tmp_path):
    path, _, _ = built
    out = tmp_path / "pq"
    code = run_on_cluster([str(path)], str(out), "ignored", client=client, fmt="parquet",
                          partition_size=PARTITION, quiet=True)
    assert code == 1
    assert _read_parts(out, "parquet") == single[0]


def test_strict_stops_and_leaves_no_output(client, built, tmp_path, capsys):
    path, bad_line, _ = built
    out = tmp_path / "strict"
    (out).mkdir()
    (out / "part-00099.jsonl").write_text("stale\n", encoding="utf-8")
    code = run_on_cluster([str(path)], str(out), "ignored", client=client, strict=True,
                          partition_size=PARTITION, quiet=True)
    assert code == 1
    assert f"({path}:{bad_line}) because of --strict" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_unusable_arguments_exit_2_without_starting_a_cluster(tmp_path, capsys):
    assert run_on_cluster(["x.jsonl"], "-", "local:2") == 2
    f = tmp_path / "file.jsonl"
    f.write_text("", encoding="utf-8")
    assert run_on_cluster(["x.jsonl"], str(f), "local:2") == 2
    assert run_on_cluster(["x.jsonl"], str(tmp_path / "o"), "local:2", fmt="csv") == 2
    assert run_on_cluster([str(tmp_path / "missing")], str(tmp_path / "o"), "local:2") == 2
    assert run_on_cluster([str(f)], str(tmp_path / "o"), "local:2") == 0  # nothing to do
    f.write_text('{"id": "a", "text": "نص"}\n', encoding="utf-8")
    assert run_on_cluster([str(f)], str(tmp_path / "o"), "nonsense") == 2
    err = capsys.readouterr().err
    assert "give a folder" in err and "cannot start or reach the cluster 'nonsense'" in err
