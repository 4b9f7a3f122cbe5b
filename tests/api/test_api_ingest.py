"""POST /api/ingest: absent without a token; 401 / 403 / 200 with one; bad bodies are 4xx."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from hadath.api import ApiSettings, create_app
from hadath.store import open_store

TOKEN = "s3cret-ingest-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def ingest_client(tmp_path) -> Iterator[TestClient]:
    store = open_store(tmp_path / "ingest.db")
    with TestClient(create_app(store, ApiSettings(ingest_token=TOKEN))) as c:
        yield c
    store.close()


def test_no_token_configured_means_no_ingest_route(client):
    response = client.post("/api/ingest", json={"text": "نص"}, headers=AUTH)
    assert response.status_code in (404, 405)
    assert client.get("/api/health").json()["read_only"] is True


def test_missing_credentials_is_401(ingest_client):
    response = ingest_client.post("/api/ingest", json={"text": "نص"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]
    other_scheme = ingest_client.post("/api/ingest", json={"text": "نص"},
                                      headers={"Authorization": f"Basic {TOKEN}"})
    assert other_scheme.status_code == 401


@pytest.mark.parametrize("token", ["wrong-token-123", TOKEN + "x", TOKEN[:-1], TOKEN.upper()])
def test_wrong_token_is_403(ingest_client, token):
    response = ingest_client.post("/api/ingest", json={"text": "نص"},
                                  headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert ingest_client.get("/api/articles").json()["total"] == 0


@pytest.mark.parametrize(("body", "param"), [
    (b"{not json", "body"),
    (b"[]", "body"),
    (json.dumps({"title": "no text"}).encode(), "body[0].text"),
    (json.dumps({"text": "   "}).encode(), "body[0].text"),
    (json.dumps({"text": "نص", "date": "03/03/2019"}).encode(), "body[0].date"),
    (json.dumps({"text": "نص", "outlet": {"x": 1}}).encode(), "body[0].outlet"),
    (json.dumps(["just a string"]).encode(), "body[0]"),
    (json.dumps([{"text": "نص"}] * 201).encode(), "body"),
])
def test_bad_ingest_bodies_are_400(ingest_client, body, param):
    response = ingest_client.post("/api/ingest", content=body,
                                  headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json()["param"] == param


def test_oversized_body_is_413(tmp_path):
    store = open_store(tmp_path / "small.db")
    app = create_app(store, ApiSettings(ingest_token=TOKEN, max_ingest_bytes=1000))
    with TestClient(app) as c:
        response = c.post("/api/ingest", json={"text": "ا" * 2000}, headers=AUTH)
        assert response.status_code == 413
    store.close()


def test_ingest_with_token_extracts_and_stores_the_seed(ingest_client, data, seed_path):
    pytest.importorskip("hadath.pipeline", reason="the extraction pipeline is not importable")
    seed = data.read_seed(seed_path)
    article = {"id": seed.id, "text": seed.text, "outlet": seed.outlet, "title": seed.title,
               "date": seed.published.isoformat(), "url": "https://almadapaper.net/x"}
    response = ingest_client.post("/api/ingest", json=article, headers=AUTH)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["articles"][0]["id"] == seed.id
    assert result["articles"][0]["article_added"] is True
    assert result["events_created"] == result["articles"][0]["records"] >= 1
    stored = ingest_client.get(f"/api/articles/{seed.id}").json()
    assert stored["text"] == seed.text
    events = ingest_client.get("/api/events").json()
    assert events["total"] == result["events_created"]
    for event in events["events"]:
        for span in event["evidence"]:
            assert seed.text[span["start"]:span["end"]] == span["text"]
    # the same article again changes nothing
    again = ingest_client.post("/api/ingest", json=[article], headers=AUTH).json()
    assert again["articles"][0]["article_added"] is False and again["events_created"] == 0


def test_openapi_documents_ingest_only_when_enabled(ingest_client):
    doc = ingest_client.get("/api/openapi.json").json()
    assert "post" in doc["paths"]["/api/ingest"]
    assert ingest_client.get("/api/health").json()["read_only"] is False
