"""The REST API under hostile requests: schemathesis over the OpenAPI document, injection
and traversal strings in every parameter, huge pages, bad tokens, markup in articles.

The store holds real extracted data (Telegram reports) plus articles whose text carries
XSS payloads. Rules: never a 5xx; the store is unchanged by anything a reader sends;
markup comes back as JSON data, never as a page that could run it.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from hadath.api import ApiSettings, create_app
from hadath.ingest import ingest_paths
from hadath.store import open_store

from .conftest import corpus_rows, load_local, write_jsonl

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

nasty = load_local("nasty")
TOKEN = "reliability-token-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
XSS = ['<script>window.__x=1</script>', '<img src=x onerror="alert(1)">',
       '"><svg onload=alert(1)>', "javascript:alert(1)", "{{constructor.constructor('x')()}}"]

# SQL (both dialects, FTS5 MATCH syntax, LIKE wildcards), traversal, odd values, markup.
SQLI = ["' OR '1'='1", "'; DROP TABLE events; --", '" OR 1=1 --', "%' --",
        "' UNION SELECT sql FROM sqlite_master --", "\\", "%", "_", '"', "NEAR(a b)",
        "col:val", "(", "'; SELECT pg_sleep(5); --", "1' AND 1=CAST((SELECT version()) AS int)--"]
TRAVERSAL = ["../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "..\\..\\windows\\win.ini",
             "file:///etc/passwd"]
ODD = ["", "-1", "1e309", "NaN", "9" * 400, "ا" * 300, "😀\u202e", "{{7*7}}${jndi:ldap://x/a}",
       XSS[0], XSS[2]]
PAYLOADS = SQLI + TRAVERSAL + ODD
# Sent percent-encoded as they are: invalid UTF-8, a surrogate, NUL, CRLF injection.
RAW = ["%ED%A0%80", "%FF%FE", "%00", "%0d%0aSet-Cookie:%20x=1", "a%00b%25"]


@pytest.fixture(scope="module")
def store_path(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    rows = corpus_rows(shared, 40)
    # Markup escaped as entities survives the readers' tag stripping as literal text.
    escaped = " ".join(x.replace("<", "&lt;").replace(">", "&gt;") for x in XSS)
    rows.append({"id": "xss-read", "outlet": "<b>outlet</b>", "title": XSS[1],
                 "date": nasty.PUBLISHED, "text": f"{nasty.REPORT} {escaped}"})
    path = write_jsonl(folder / "rows.jsonl", rows)
    db = folder / "hadath.db"
    with open_store(db) as store:
        assert ingest_paths([path], store).bad == 0
    return db


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    store = open_store(store_path)
    app = create_app(store, ApiSettings(ingest_token=TOKEN))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    store.close()


def fingerprint(client: TestClient) -> tuple:
    """What must not change: every table's rows by id, and the schema."""
    store = client.app.state.hadath.store
    return (tuple(store._all("SELECT id FROM articles ORDER BY id")),
            tuple(store._all("SELECT article_id, idx, event_id FROM mentions ORDER BY 1, 2")),
            tuple(store._all("SELECT id, mention_count FROM events ORDER BY id")),
            tuple(store._all("SELECT type, name, sql FROM sqlite_master ORDER BY name")))


def get_operations(client: TestClient) -> dict[str, list[str]]:
    """GET routes of the OpenAPI document and their query parameters."""
    doc = client.get("/api/openapi.json").json()
    ops = {}
    for path, methods in doc["paths"].items():
        if "get" in methods:
            ops[path] = [p["name"] for p in methods["get"].get("parameters", [])
                         if p["in"] == "query"]
    return ops


def fill(path: str, value: str) -> str:
    """The path with its {placeholders} set to ``value`` (URL-encoded)."""
    import re

    return re.sub(r"\{[^}]+\}", quote(value, safe=""), path)


def test_injection_and_traversal_in_every_parameter_never_5xx(client):
    before = fingerprint(client)
    ops = get_operations(client)
    assert {"/api/events", "/api/articles", "/api/stats/counts"} <= set(ops)
    statuses: dict[int, int] = {}
    failures = []
    for path, params in ops.items():
        targets = [fill(path, v) for v in PAYLOADS] if "{" in path else [path]
        for target in targets:
            for param in params or [None]:
                for value in (PAYLOADS if param else [None]):
                    r = client.get(target, params={param: value} if param else None)
                    statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                    if r.status_code >= 500 or "json" not in r.headers["content-type"]:
                        failures.append((r.status_code, target, param, value))
            for param in params:
                for raw in RAW:
                    r = client.get(f"{fill(target, 'x')}?{param}={raw}")
                    statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                    if r.status_code >= 500 or "set-cookie" in r.headers:
                        failures.append((r.status_code, target, param, raw))
    assert not failures, failures[:10]
    assert set(statuses) <= {200, 400, 404, 422}, statuses
    assert sum(statuses.values()) > 1000
    assert fingerprint(client) == before
    print("hostile parameter requests:", sum(statuses.values()), statuses)


@pytest.mark.parametrize("raw", RAW + [quote(t, safe="") for t in TRAVERSAL] + TRAVERSAL[:1])
def test_hostile_path_segments_never_5xx(client, raw: str):
    for prefix in ("/api/events/", "/api/articles/", "/static/", "/vendor/leaflet/"):
        r = client.get(prefix + raw)
        assert r.status_code < 500, (prefix + raw, r.status_code)
        assert "root:" not in r.text


def test_nul_in_a_vendor_path_is_404_not_500(client):
    assert client.get("/vendor/leaflet/dist/%00").status_code == 404


@pytest.mark.parametrize("path", ["/api/events", "/api/articles"])
def test_huge_page_sizes_and_deep_offsets(client, path: str):
    total = client.get(path, params={"limit": 1}).json()["total"]
    biggest = client.get(path, params={"limit": 1000})
    assert biggest.status_code == 200 and biggest.json()["count"] == min(total, 1000)
    deep = client.get(path, params={"limit": 1000, "offset": 1_000_000})
    assert deep.status_code == 200 and deep.json()["count"] == 0 and deep.json()["next"] is None
    for limit, offset in [(1001, 0), (10**12, 0), (2**63, 0), (0, 0), (-1, 0), (1, -1),
                          (1, 1_000_001), (1, 2**64), ("1e3", 0), ("0x10", 0), (1, "NaN")]:
        r = client.get(path, params={"limit": limit, "offset": offset})
        assert r.status_code == 400, (limit, offset, r.status_code)
        assert r.json()["param"] in ("limit", "offset")
    geo = client.get("/api/events", params={"limit": 1000, "format": "geojson"})
    assert geo.status_code == 200 and geo.headers["content-type"].startswith(
        "application/geo+json")


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": ""}, 401),
    ({"Authorization": "Bearer"}, 401),
    ({"Authorization": "Bearer "}, 401),
    ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": f"Token {TOKEN}"}, 401),
    ({"Authorization": "Bearer wrong-token-0123"}, 403),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403),
    ({"Authorization": f"Bearer {TOKEN.upper()}"}, 403),
    ({"Authorization": "Bearer ' OR '1'='1"}, 403),
    ({"X-Ingest-Token": TOKEN}, 401),
    ({"Cookie": f"token={TOKEN}"}, 401),
])
def test_ingest_without_or_with_a_wrong_token_stores_nothing(client, headers, status):
    before = fingerprint(client)
    body = json.dumps({"id": "intruder", "text": nasty.REPORT, "date": nasty.PUBLISHED})
    r = client.post("/api/ingest", content=body.encode(),
                    headers={"content-type": "application/json", **headers})
    assert r.status_code == status, r.text
    r = client.post(f"/api/ingest?token={TOKEN}", content=body.encode(), headers=headers)
    assert r.status_code == status
    assert fingerprint(client) == before


def test_xss_payloads_come_back_as_data_never_markup(client):
    """Posted and read-in article text with markup is stored and returned verbatim, as
    JSON with nosniff and a script-free CSP; no HTML response ever contains it."""
    posted = {"id": "xss-post", "text": f"خبر: {nasty.REPORT} " + " ".join(XSS), "title": XSS[0],
              "outlet": XSS[2], "url": "javascript:alert(1)", "date": nasty.PUBLISHED}
    r = client.post("/api/ingest", json=posted, headers=AUTH)
    assert r.status_code == 200, r.text
    for article_id in ("xss-post", "xss-read"):
        r = client.get(f"/api/articles/{article_id}")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/json")
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert all(x in r.json()["text"] for x in XSS), r.json()["text"]
    stored = client.get("/api/articles/xss-post").json()
    assert (stored["text"], stored["title"]) == (posted["text"], posted["title"])
    # an event of the posted article carries the markup in its evidence, as data
    events = client.get("/api/events", params={"q": "script", "limit": 100}).json()["events"]
    hits = client.get("/api/events", params={"q": "عبوة ناسفة", "limit": 1000})
    assert hits.status_code == 200 and "events" in hits.json()
    for e in events:
        assert isinstance(e["evidence"], list)
    # payloads echoed in errors are JSON too, and the HTML page never contains them
    for url in ["/api/events?event_type=<script>alert(1)</script>",
                "/api/articles/<script>alert(1)</script>", "/api/nope<script>"]:
        r = client.get(url)
        assert r.status_code in (400, 404)
        assert "html" not in r.headers["content-type"]
    for url in ["/", "/?q=<script>alert(1)</script>", "/#<script>"]:
        r = client.get(url)
        assert r.status_code == 200 and "alert(1)" not in r.text


@pytest.mark.parametrize("body", [
    b"[" * 100_000,
    b'{"text": "x", "id": ' + b"9" * 5000 + b"}",
    json.dumps({"text": nasty.REPORT + "\ud800", "date": nasty.PUBLISHED}).encode(),
    json.dumps({"text": nasty.REPORT, "id": "\udc00", "date": nasty.PUBLISHED}).encode(),
    json.dumps({"text": nasty.REPORT, "url": "\udc00", "date": nasty.PUBLISHED}).encode(),
    json.dumps({"text": nasty.REPORT, "date": "0001-01-01"}).encode(),
    json.dumps({"text": nasty.REPORT, "date": "9999-12-31"}).encode(),
], ids=["deep", "bigint", "surrogate-text", "surrogate-id", "surrogate-url", "year-1",
        "year-9999"])
def test_hostile_ingest_bodies_are_4xx(client, body: bytes):
    r = client.post("/api/ingest", content=body,
                    headers={**AUTH, "content-type": "application/json"})
    assert r.status_code < 500, r.status_code


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
ARTICLE = st.fixed_dictionaries(
    {"text": st.one_of(st.sampled_from([nasty.REPORT, "", " ", "<p>x"]), st.text(max_size=80))},
    optional={"id": st.one_of(st.text(max_size=30), st.integers(), JSON_VALUE),
              "date": st.one_of(st.dates(date(1800, 1, 1), date(2200, 12, 31)).map(str),
                                st.text(max_size=12), JSON_VALUE),
              "title": JSON_VALUE, "outlet": JSON_VALUE, "url": JSON_VALUE,
              "extra": JSON_VALUE})


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(ARTICLE, st.lists(ARTICLE, max_size=3), JSON_VALUE))
def test_generated_ingest_bodies_never_5xx(client, body):
    """Any JSON body (outside the classes pinned above) is a 200 or a clear 4xx."""
    r = client.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code in (200, 400, 413, 422), (r.status_code, r.text[:300])
    if r.status_code == 400:
        assert r.json()["param"].startswith("body")


EXAMPLES_PER_OPERATION = 6  # per generation mode (positive, negative)


def test_schemathesis_never_a_server_error(client):
    """Requests generated from the OpenAPI document by schemathesis, valid and invalid,
    for every operation, with the ingest token: no 5xx. (Driven from a plain test: the
    schemathesis pytest plugin's lazy-fixture loader fails on pytest 9.)"""
    schemathesis = pytest.importorskip("schemathesis")
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    sent = 0
    for op in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                      database=None, suppress_health_check=list(HealthCheck))
            @given(case=op.as_strategy(generation_mode=mode))
            def run(case) -> None:
                nonlocal sent
                response = case.call(headers=AUTH)
                sent += 1
                case.validate_response(response, checks=[not_a_server_error])

            try:
                run()
            except Unsatisfiable:  # no parameter to make invalid (e.g. /api/health)
                assert mode is GenerationMode.NEGATIVE
    assert sent >= len(operations) * EXAMPLES_PER_OPERATION
    print("schemathesis requests:", sent)


@pytest.mark.postgres
def test_nul_in_posted_text_on_postgres_is_not_a_server_error(pg_server):
    store = open_store(pg_server.new_database())
    try:
        with TestClient(create_app(store, ApiSettings(ingest_token=TOKEN)),
                        raise_server_exceptions=False) as c:
            r = c.post("/api/ingest", headers=AUTH, json={
                "id": "nul", "text": nasty.REPORT + "\x00", "date": nasty.PUBLISHED})
    finally:
        store.close()
    assert r.status_code < 500, r.text


def test_openapi_declares_the_error_responses_routes_give(client):
    """Clients generated from the document must know a 400 names a parameter, that a
    missing id is a 404, and what the ingest route refuses."""
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/articles", "/api/stats/counts", "/api/health"):
        assert "400" in paths[path]["get"]["responses"], path
    for path in ("/api/events/{event_id}", "/api/articles/{article_id}",
                 "/api/boundaries/admin1"):
        assert {"400", "404"} <= set(paths[path]["get"]["responses"]), path
    assert {"400", "401", "403", "413", "422"} <= set(paths["/api/ingest"]["post"]["responses"])
    error = paths["/api/events/{event_id}"]["get"]["responses"]["404"]["content"]
    assert "application/json" in error


def test_posted_fields_are_cleaned_as_the_readers_clean_them(client):
    """NUL, controls and lone surrogates are dropped from posted text and fields (markup
    stays: what was posted is what is stored); an id of only such characters gets the
    text's hash."""
    text = nasty.REPORT + " (نص تجربة التنظيف)"  # not posted by any other test
    body = {"id": "\udc00\x00", "text": text + "\x00\ud800", "title": "عنوان\x07",
            "url": " https://example.org/a\udc00 ", "date": nasty.PUBLISHED}
    r = client.post("/api/ingest", content=json.dumps(body).encode(),
                    headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 200, r.text
    article_id = r.json()["articles"][0]["id"]
    assert article_id.startswith("api-")
    stored = client.get(f"/api/articles/{article_id}").json()
    assert r.json()["articles"][0]["article_added"]
    assert stored["text"] == text
    assert stored["title"] == "عنوان"
    assert stored["url"] == "https://example.org/a"


@pytest.mark.parametrize(("body", "param"), [
    ({"text": "نص", "date": "0001-01-01"}, "body[0].date"),
    ({"text": "نص", "date": "2201-01-01"}, "body[0].date"),
    ({"text": "نص", "id": "x" * 201}, "body[0].id"),
    ({"text": "نص", "url": "https://e.org/" + "a" * 4000}, "body[0].url"),
    ([{"text": "نص"}, {"text": "\x00\ud800"}], "body[1].text"),
])
def test_posted_fields_that_cannot_be_cleaned_are_400s_naming_them(client, body, param):
    before = fingerprint(client)
    r = client.post("/api/ingest", content=json.dumps(body).encode(),
                    headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 400, r.text
    assert r.json()["param"] == param
    assert fingerprint(client) == before
