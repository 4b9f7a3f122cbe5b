"""/api/articles, /api/articles/{id}, /api/stats/counts, /api/health, OpenAPI."""

from __future__ import annotations

import pytest


def test_articles_list_without_text(client):
    page = client.get("/api/articles").json()
    assert page["total"] == 5 and page["count"] == 5
    assert all("text" not in a for a in page["articles"])
    assert {a["id"] for a in page["articles"]} >= {"test-xss", "test-yemen-protest"}
    dates = [a["date"] for a in page["articles"]]
    assert dates == sorted(dates, reverse=True)


def test_articles_search_and_paging(client):
    page = client.get("/api/articles", params={"q": "صنعاء"}).json()
    assert [a["id"] for a in page["articles"]] == ["test-yemen-protest"]
    page = client.get("/api/articles", params={"limit": 2, "offset": 4}).json()
    assert page["count"] == 1 and page["next"] is None
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert first["count"] == 2 and "offset=2" in first["next"]


def test_article_detail_has_text_and_events(client, data, seed_path):
    seed = data.read_seed(seed_path)
    article = client.get(f"/api/articles/{seed.id}").json()
    assert article["text"] == seed.text
    assert article["outlet"] == "Al-Mada" and article["date"] == "2019-03-03"
    assert len(article["events"]) == 3
    for record in article["events"]:
        for span in record["evidence"]:
            assert seed.text[span["start"]:span["end"]] == span["text"]


def test_article_detail_keeps_markup_verbatim(client, data):
    article = client.get("/api/articles/test-xss").json()
    assert data.XSS_SCRIPT in article["text"] and data.XSS_IMG in article["text"]


def test_article_unknown_is_404(client):
    assert client.get("/api/articles/nope").status_code == 404


@pytest.mark.parametrize(("by", "expected"), [
    ("event_type", {"Battles": 2, "Explosions/Remote violence": 3,
                    "Strategic developments": 1, "Protests": 1}),
    ("sub_event_type", {"Armed clash": 2, "Air/drone strike": 1, "Peaceful protest": 1,
                        "Change to group/activity": 1, "Shelling/artillery/missile attack": 1,
                        "Remote explosive/landmine/IED": 1}),
    ("country", {"Iraq": 4, "Syria": 2, "Yemen": 1}),
    ("admin1", {"Al Anbar": 2, "Deir ez-Zor": 1, "Aleppo": 1, "Ninawa": 1, "Al Basrah": 1,
                "Amanat al Asimah": 1}),
    ("day", {"2015-08-09": 1, "2015-08-11": 1, "2019-03-02": 1, "2019-03-03": 2,
             "2019-03-05": 1, "2026-05-10": 1}),
])
def test_counts_by_each_key(client, by, expected):
    body = client.get("/api/stats/counts", params={"by": by}).json()
    assert body["by"] == by
    assert {r["key"]: r["count"] for r in body["rows"]} == expected
    assert body["total"] == 7


def test_counts_by_day_is_chronological_with_fatalities(client):
    rows = client.get("/api/stats/counts", params={"by": "day"}).json()["rows"]
    assert [r["key"] for r in rows] == sorted(r["key"] for r in rows)
    assert {r["key"]: r["fatalities"] for r in rows}["2015-08-11"] == 12


def test_counts_take_the_event_filters(client):
    body = client.get("/api/stats/counts", params={"by": "country", "event_type": "Battles"}).json()
    assert {r["key"]: r["count"] for r in body["rows"]} == {"Iraq": 1, "Syria": 1}
    body = client.get("/api/stats/counts", params={"by": "day", "q": "الباغوز"}).json()
    assert body["rows"] == [{"key": "2019-03-02", "count": 1, "fatalities": 0}]


def test_counts_default_to_day(client):
    assert client.get("/api/stats/counts").json()["by"] == "day"


def test_health(client):
    body = client.get("/api/health").json()
    assert body == {"status": "ok", "version": body["version"], "database": "sqlite",
                    "events": 7, "read_only": True}


def test_openapi_document_describes_the_api(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles",
                 "/api/articles/{article_id}", "/api/stats/counts", "/api/health"):
        assert path in doc["paths"], path
    params = {p["name"] for p in doc["paths"]["/api/events"]["get"]["parameters"]}
    assert params >= {"date_from", "date_to", "event_type", "sub_event_type", "country",
                      "admin1", "actor", "q", "bbox", "near", "limit", "offset", "format"}
    assert "/api/ingest" not in doc["paths"]  # read-only app


def test_ui_config_lists_the_taxonomy(client):
    config = client.get("/api/ui-config").json()
    assert config["taxonomy"]["Battles"] == ["Government regains territory",
                                             "Non-state actor overtakes territory",
                                             "Armed clash"]
    assert config["tiles"] is None and config["ingest"] is False
