"""`hadath extract` end to end, through the real console entry point."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from hadath.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_extract_seed_jsonl_to_stdout(seed_path, event_validator):
    result = run("extract", str(seed_path), "-q")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for r in records:
        event_validator.validate(r)


def test_extract_csv_has_acled_columns(seed_path, tmp_path):
    out = tmp_path / "events.csv"
    result = run("extract", str(seed_path), "-o", str(out), "-q")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 3
    for col in ("event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "inter1", "actor2", "inter2", "country", "admin1",
                "location", "latitude", "longitude", "geo_precision", "source", "notes",
                "fatalities"):
        assert col in rows[0]
    assert {r["source"] for r in rows} == {"Al-Mada"}


def test_extract_geojson(seed_path, tmp_path):
    out = tmp_path / "events.geojson"
    assert run("extract", str(seed_path), "-o", str(out), "-q").exit_code == 0
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert 30 < lon < 50 and 25 < lat < 40


def test_extract_bad_line_is_reported_and_skipped(tmp_path):
    src = tmp_path / "in.jsonl"
    good = {"id": "g1", "outlet": "Wire", "date": "2024-05-12",
            "text": "قتل جنديان بانفجار عبوة ناسفة استهدفت دورية للجيش العراقي في قضاء الطارمية شمالي بغداد اليوم."}
    src.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n"
                   + json.dumps({**good, "id": "g2"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("extract", str(src))
    assert result.exit_code == 1
    assert f"{src}:2" in result.stderr
    ids = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert ids == {"g1", "g2"}


def test_extract_strict_stops_at_first_bad_record(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("{not json\n", encoding="utf-8")
    result = run("extract", str(src), "--strict")
    assert result.exit_code != 0
    assert "strict" in result.stderr


def test_extract_missing_path_is_a_usage_error(tmp_path):
    result = run("extract", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_extract_stdin(seed_path):
    result = run("extract", "-", "-q", input=seed_path.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


def test_extract_workers_give_identical_output(tmp_path, shared):
    src = shared / "gold" / "telegram-dev.jsonl"
    one = run("extract", str(src), "-q")
    two = run("extract", str(src), "-q", "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout


@pytest.mark.slow
def test_console_script_runs(seed_path):
    proc = subprocess.run([sys.executable, "-m", "hadath", "extract", str(seed_path), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 3
