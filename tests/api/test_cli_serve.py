"""``hadath serve``: --get answers in-process; a real server prints its URL and answers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import httpx
from click.testing import CliRunner

from hadath.cli.serve import command


def test_get_prints_one_answer_without_a_server(store):
    result = CliRunner().invoke(command, ["--db", store.url, "--get",
                                          "/api/events?country=YE&limit=5"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["total"] == 1 and body["events"][0]["location"] == "Sanaa"


def test_get_error_exits_1_with_the_message(store):
    result = CliRunner().invoke(command, ["--db", store.url, "--get", "api/events?bbox=1,2"])
    assert result.exit_code == 1
    assert "bbox" in result.output


def test_get_geojson_and_openapi(store):
    runner = CliRunner()
    fc = json.loads(runner.invoke(command, ["--db", store.url, "--get",
                                            "/api/events?format=geojson&limit=2"]).output)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    doc = json.loads(runner.invoke(command, ["--db", store.url, "--get",
                                             "/api/openapi.json"]).output)
    assert "/api/events" in doc["paths"]


def test_bad_tiles_url_is_a_usage_error(store):
    result = CliRunner().invoke(command, ["--db", store.url, "--tiles", "https://x/tile.png",
                                          "--get", "/api/health"])
    assert result.exit_code == 2 and "{z}" in result.output


def test_ingest_token_from_the_environment_enables_ingest(store):
    runner = CliRunner(env={"HADATH_INGEST_TOKEN": "env-token-1234"})
    result = runner.invoke(command, ["--db", store.url, "--get", "/api/health"])
    assert json.loads(result.output)["read_only"] is False


def test_serve_prints_its_url_and_answers(store, tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from hadath.cli.serve import command; command()",
         "--db", store.url, "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        line = proc.stdout.readline()
        match = re.fullmatch(r"Serving hadath at (http://127\.0\.0\.1:(\d+)/)\n", line)
        assert match, line
        url = match.group(1)
        deadline = time.monotonic() + 15
        while True:
            try:
                response = httpx.get(url + "api/health", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.1)
        assert response.json()["events"] == 7
        assert httpx.get(url, timeout=2).text.startswith("<!doctype html>")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
