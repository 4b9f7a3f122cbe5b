"""The search, export and ingest commands (CliRunner, real stores on both backends)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hadath.cli import export as export_cli
from hadath.cli import ingest as ingest_cli
from hadath.cli import search as search_cli
from hadath.store import open_store


@pytest.fixture
def filled(rec, store_url):
    store = open_store(store_url)
    for article, records in rec.hit_scenario():
        store.ingest(article, records)
    store.close()
    return store_url


def run(command, args):
    result = CliRunner().invoke(command, args, catch_exceptions=False)
    return result


def test_cli_search_json_folds_query(filled):
    res = run(search_cli.command, ["الأنبار عبوه", "--db", filled, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["total_events"] == 1 and out["events"][0]["mention_count"] == 3
    assert out["total_articles"] == 3


def test_cli_search_filters_and_text(filled):
    res = run(search_cli.command, ["--type", "Protests", "--db", filled])
    assert res.exit_code == 0
    assert res.output.startswith("1 events") and "Protesters (Iraq)" in res.output
    # events by event date, articles by publication date (the day after)
    res = run(search_cli.command, ["هيت", "--near", "33.64,42.83,5", "--actor", "الجيش",
                                   "--from", "2019-03-09", "--to", "2019-03-10", "--json",
                                   "--db", filled])
    out = json.loads(res.output)
    assert [e["actor2"]["name"] for e in out["events"]] == ["Military Forces of Iraq"]
    assert [a["id"] for a in out["articles"]] == ["shafaq-2019-03-10-hit-patrol"]
    bad = CliRunner().invoke(search_cli.command, ["--near", "north", "--db", filled])
    assert bad.exit_code == 2


def test_cli_export_csv_and_parquet(filled, tmp_path):
    out = tmp_path / "events.csv"
    res = run(export_cli.command, ["--db", filled, "-o", str(out), "--country", "IQ"])
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id_cnty,event_date") and len(lines) == 4
    res = run(export_cli.command, ["--db", filled, "--format", "jsonl", "--type", "Protests"])
    assert [json.loads(x)["event_type"] for x in res.output.splitlines()] == ["Protests"]
    pq_path = tmp_path / "events.parquet"
    res = run(export_cli.command, ["--db", filled, "-o", str(pq_path), "-q", "عبوه"])
    import pyarrow.parquet as pq

    assert pq.read_table(pq_path).num_rows == 2


def test_cli_ingest_exit_codes_for_unusable_input_and_store(tmp_path):
    res = CliRunner().invoke(ingest_cli.command, [str(tmp_path / "missing.jsonl"),
                                                  "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "no such file" in res.output
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("{not json\n[1, 2]\n", encoding="utf-8")
    res = CliRunner().invoke(ingest_cli.command, [str(garbage), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2, res.output
    assert f"{garbage}:1" in res.output
    res = CliRunner().invoke(ingest_cli.command, [str(garbage), "--db",
                                                  str(tmp_path / "no" / "dir" / "x.db")])
    assert res.exit_code == 3 and "store failure" in res.output
    assert "Traceback" not in res.output
