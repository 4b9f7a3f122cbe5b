"""Bad parameters: always a clear 4xx that names the parameter, never a 500."""

from __future__ import annotations

import pytest

BAD = [
    # (path, params, the parameter the answer must name)
    ("/api/events", {"date_from": "2019-13-01"}, "date_from"),
    ("/api/events", {"date_from": "yesterday"}, "date_from"),
    ("/api/events", {"date_to": "2019-02-30"}, "date_to"),
    ("/api/events", {"date_to": "2019-3-1"}, "date_to"),
    ("/api/events", {"date_from": "2019-03-05", "date_to": "2019-03-01"}, "date_from"),
    ("/api/events", {"event_type": "Battle"}, "event_type"),
    ("/api/events", {"event_type": "battles; DROP TABLE events"}, "event_type"),
    ("/api/events", {"sub_event_type": "Airstrike"}, "sub_event_type"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox"),
    ("/api/events", {"bbox": "a,b,c,d"}, "bbox"),
    ("/api/events", {"bbox": "10,20,5,30"}, "bbox"),  # min_lon > max_lon
    ("/api/events", {"bbox": "10,50,20,40"}, "bbox"),  # min_lat > max_lat
    ("/api/events", {"bbox": "-190,0,10,10"}, "bbox"),
    ("/api/events", {"bbox": "0,-95,10,10"}, "bbox"),
    ("/api/events", {"bbox": "nan,0,10,10"}, "bbox"),
    ("/api/events", {"bbox": "0,0,inf,10"}, "bbox"),
    ("/api/events", {"near": "33,42"}, "near"),
    ("/api/events", {"near": "33,42,0"}, "near"),
    ("/api/events", {"near": "33,42,-5"}, "near"),
    ("/api/events", {"near": "95,42,10"}, "near"),
    ("/api/events", {"near": "33,200,10"}, "near"),
    ("/api/events", {"near": "33,42,1e9"}, "near"),
    ("/api/events", {"near": "x,y,z"}, "near"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "1001"}, "limit"),
    ("/api/events", {"limit": "-1"}, "limit"),
    ("/api/events", {"limit": "ten"}, "limit"),
    ("/api/events", {"offset": "-1"}, "offset"),
    ("/api/events", {"offset": "1000001"}, "offset"),
    ("/api/events", {"offset": "1.5"}, "offset"),
    ("/api/events", {"format": "csv"}, "format"),
    ("/api/events", {"q": "x" * 201}, "q"),
    ("/api/events", {"actor": "a\x00b"}, "actor"),
    ("/api/events", {"datefrom": "2019-01-01"}, "datefrom"),
    ("/api/events", {"fields": "event_type,notes;drop"}, "fields"),
    ("/api/events", {"fields": ",".join(f"f{i}" for i in range(41))}, "fields"),
    ("/api/events/" + "e" * 201, {}, "event_id"),
    ("/api/articles", {"limit": "5000"}, "limit"),
    ("/api/articles", {"offset": "abc"}, "offset"),
    ("/api/articles", {"q": "y" * 500}, "q"),
    ("/api/articles", {"country": "IQ"}, "country"),
    ("/api/stats/counts", {"by": "week"}, "by"),
    ("/api/stats/counts", {"by": "actor"}, "by"),
    ("/api/stats/counts", {"by": "day", "limit": "5"}, "limit"),
    ("/api/stats/counts", {"date_to": "31/12/2019"}, "date_to"),
    ("/api/stats/counts", {"bbox": "1,1,1"}, "bbox"),
    ("/api/boundaries/admin1", {"country": "IRQ"}, "country"),
    ("/api/boundaries/admin1", {"country": ",".join(["IQ"] * 13)}, "country"),
    ("/api/boundaries/admin1", {}, "country"),
]


def test_there_are_at_least_25_cases():
    assert len(BAD) >= 25


@pytest.mark.parametrize(("path", "params", "param"), BAD,
                         ids=[f"{p}?{'&'.join(q)}"[:60] for p, q, _ in BAD])
def test_bad_parameter_is_a_clear_400(client, path, params, param):
    response = client.get(path, params=params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["param"] == param
    assert body["detail"].startswith(f"{param}:")
    assert len(body["detail"]) > len(param) + 5  # says what was expected


@pytest.mark.parametrize("path", [
    "/api/nope", "/vendor/leaflet/package.json", "/vendor/../pyproject.toml",
    "/vendor/leaflet/dist/../../../../etc/passwd", "/static/index.html", "/static/../app.py",
])
def test_unknown_paths_are_404_not_500(client, path):
    response = client.get(path)
    assert response.status_code == 404


def test_wrong_method_is_405(client):
    assert client.post("/api/events").status_code == 405
    assert client.delete("/api/events/x").status_code == 405
