"""GET /api/events and /api/events/{id} over a real SQLite store: every filter, paging."""

from __future__ import annotations

import math

import pytest

ALL = 7  # seed (3) + yemen + aleppo + xss (Mosul) + basra


def ids(page: dict) -> set[str]:
    return {e["location"] for e in page["events"]}


def get(client, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_lists_every_event_newest_first(client):
    page = get(client)
    assert page["total"] == ALL and page["count"] == ALL and page["next"] is None
    dates = [e["event_date"] for e in page["events"]]
    assert dates == sorted(dates, reverse=True)
    for event in page["events"]:
        assert event["event_id"].startswith("ev-")
        assert event["sources"] and event["evidence"] and event["mention_count"] == 1


def test_events_seed_events_are_the_codebook_three(seed_events):
    assert set(seed_events) == {"Explosions/Remote violence", "Strategic developments", "Battles"}
    assert seed_events["Battles"]["location"] == "Al Baghuz Fawqani"
    assert seed_events["Battles"]["injuries"] == 7
    assert seed_events["Explosions/Remote violence"]["fatalities"] == 3


@pytest.mark.parametrize(("params", "expected"), [
    ({"date_from": "2019-03-03"}, {"Hit", "Al-Qa'im", "Mosul", "Basra"}),
    ({"date_to": "2015-12-31"}, {"Sanaa", "Aleppo"}),
    ({"date_from": "2019-03-02", "date_to": "2019-03-02"}, {"Al Baghuz Fawqani"}),
    ({"event_type": "Battles"}, {"Al Baghuz Fawqani", "Mosul"}),
    ({"sub_event_type": "Air/drone strike"}, {"Hit"}),
    ({"country": "Syria"}, {"Al Baghuz Fawqani", "Aleppo"}),
    ({"country": "SY"}, {"Al Baghuz Fawqani", "Aleppo"}),
    ({"country": "ye"}, {"Sanaa"}),
    ({"admin1": "Al Anbar"}, {"Hit", "Al-Qa'im"}),
    ({"actor": "popular mobilization"}, {"Al-Qa'im"}),
    ({"actor": "الحشد"}, {"Al-Qa'im"}),
    ({"actor": "Islamic State"}, {"Hit", "Al Baghuz Fawqani", "Mosul"}),
    ({"q": "الباغوز"}, {"Al Baghuz Fawqani"}),
    ({"q": "الانبار"}, {"Hit"}),  # the text has الأنبار: the search folds hamza
    ({"q": "عبوة ناسفة"}, {"Basra"}),
    ({"bbox": "35,32,42.5,37.5"}, {"Al Baghuz Fawqani", "Aleppo", "Al-Qa'im"}),
    ({"bbox": "42,15,45,16"}, {"Sanaa"}),
    ({"near": "33.64,42.83,25"}, {"Hit"}),
    ({"near": "34.40,41.00,30"}, {"Al-Qa'im", "Al Baghuz Fawqani"}),
    ({"country": "Iraq", "event_type": "Strategic developments"}, {"Al-Qa'im"}),
    ({"event_type": "Riots"}, set()),
    ({"q": "لا توجد هذه الكلمات"}, set()),
])
def test_events_filters(client, params, expected):
    page = get(client, **params)
    assert ids(page) == expected
    assert page["total"] == len(expected)


def test_events_empty_filter_values_are_ignored(client):
    assert get(client, q="", country="", date_from="")["total"] == ALL


def test_events_pagination_walks_every_event_once(client):
    seen, offset, pages = [], 0, 0
    while True:
        page = get(client, limit=3, offset=offset)
        assert page["total"] == ALL and page["limit"] == 3 and page["offset"] == offset
        seen += [e["event_id"] for e in page["events"]]
        pages += 1
        if page["next"] is None:
            break
        assert f"offset={offset + 3}" in page["next"] and "limit=3" in page["next"]
        offset += 3
    assert pages == math.ceil(ALL / 3)
    assert len(seen) == len(set(seen)) == ALL


@pytest.mark.parametrize(("limit", "offset", "count"), [
    (1, 0, 1), (1000, 0, ALL), (5, 5, 2), (100, 1_000_000, 0), (1, ALL, 0),
])
def test_events_pagination_bounds(client, limit, offset, count):
    page = get(client, limit=limit, offset=offset)
    assert page["count"] == count == len(page["events"])
    assert page["total"] == ALL


def test_events_geojson_is_valid(client):
    response = client.get("/api/events", params={"format": "geojson", "limit": 1000})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    fc = response.json()
    assert fc["type"] == "FeatureCollection" and fc["total"] == ALL
    assert len(fc["features"]) == ALL
    plain = {e["event_id"]: e for e in get(client, limit=1000)["events"]}
    for feature in fc["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        event = plain[feature["id"]]
        # RFC 7946 order: [longitude, latitude]
        assert (lon, lat) == (event["longitude"], event["latitude"])
        assert feature["properties"]["event_id"] == feature["id"]
        assert "latitude" not in feature["properties"]


def test_events_geojson_respects_filters_and_paging(client):
    fc = client.get("/api/events", params={"format": "geojson", "country": "SY",
                                           "limit": 1}).json()
    assert fc["total"] == 2 and len(fc["features"]) == 1 and fc["next"]


def test_event_detail_has_mentions_sources_and_evidence(client, seed_events, data, seed_path):
    battle = seed_events["Battles"]
    response = client.get(f"/api/events/{battle['event_id']}")
    assert response.status_code == 200
    event = response.json()
    assert event["event_id"] == battle["event_id"]
    assert event["sub_event_type"] == "Armed clash"
    assert [m["article_id"] for m in event["mentions"]] == [event["sources"][0]["article_id"]]
    assert event["sources"][0]["outlet"] == "Al-Mada"
    text = data.read_seed(seed_path).text
    assert len(event["evidence"]) == 2
    for span in event["evidence"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert "غروب شمس يوم السبت" in event["evidence"][0]["text"]


def test_event_detail_unknown_id_is_404(client):
    response = client.get("/api/events/ev-does-not-exist")
    assert response.status_code == 404
    assert "ev-does-not-exist" in response.json()["detail"]


def test_events_fields_keep_only_what_is_asked(client):
    page = get(client, fields="event_type,fatalities,no_such_field", country="SY")
    assert page["total"] == 2
    for event in page["events"]:
        assert set(event) == {"event_id", "event_type", "fatalities"}
    fc = client.get("/api/events", params={"format": "geojson", "fields": "location"}).json()
    for feature in fc["features"]:
        assert set(feature["properties"]) == {"event_id", "location"}
        assert feature["geometry"]["type"] == "Point"
