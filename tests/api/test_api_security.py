"""Security headers, the read-only default, the static files, and the page without vendor."""

from __future__ import annotations

import pytest

from hadath.api import ApiSettings, create_app
from hadath.api.settings import tiles_origin


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/events?limit=0", "/static/app.js",
                                  "/api/nope"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["default-src"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_page_has_no_inline_script_or_style(client):
    html = client.get("/").text
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert "onclick" not in html and "javascript:" not in html
    assert '<script defer src="/static/app.js">' in html


def test_own_static_files_and_vendor_files(client):
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/labels.json").json()["event_types"]["Battles"]["ar"]
    response = client.get("/vendor/leaflet/dist/leaflet.js")
    if response.status_code == 404:
        pytest.skip("vendor assets not installed (scripts/setup-web.sh)")
    assert "Leaflet" in response.text[:200]
    assert client.get("/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"


def test_labels_cover_the_taxonomy(client):
    labels = client.get("/static/labels.json").json()
    taxonomy = client.get("/api/ui-config").json()["taxonomy"]
    assert set(labels["event_types"]) == set(taxonomy)
    assert set(labels["sub_event_types"]) == {s for subs in taxonomy.values() for s in subs}
    assert set(labels["ui"]["en"]) == set(labels["ui"]["ar"])


def test_page_loads_without_vendor_assets_and_says_how_to_install(store, tmp_path):
    from fastapi.testclient import TestClient

    app = create_app(store, ApiSettings(vendor_dir=tmp_path / "no-vendor"))
    with TestClient(app) as c:
        assert c.get("/").status_code == 200
        config = c.get("/api/ui-config").json()
        assert config["vendor"] is False and config["admin1"] is False
        assert config["setup"] == "scripts/setup-web.sh"
        missing = c.get("/vendor/leaflet/dist/leaflet.js")
        assert missing.status_code == 404 and "setup-web.sh" in missing.json()["detail"]
        assert c.get("/api/events").json()["total"] == 7
        boundaries = c.get("/api/boundaries/admin1", params={"country": "IQ"})
        assert boundaries.status_code == 404 and "setup-web.sh" in boundaries.json()["detail"]
    labels = c.get("/static/labels.json").json()
    assert "{setup}" in labels["ui"]["en"]["vendor_missing"]


def test_admin1_boundaries_are_named_in_english_and_arabic(client):
    response = client.get("/api/boundaries/admin1", params={"country": "IQ,SY"})
    if response.status_code == 404:
        pytest.skip("vendor assets not installed (scripts/setup-web.sh)")
    fc = response.json()
    names = {f["properties"]["name"]: f for f in fc["features"]}
    assert "Al Anbar" in names and "Deir ez-Zor" in names
    assert names["Al Anbar"]["properties"]["name_ar"] == "الأنبار"
    assert {f["properties"]["iso"] for f in fc["features"]} == {"IQ", "SY"}
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in fc["features"])


def test_tiles_layer_opens_only_its_origin_in_the_csp(store):
    from fastapi.testclient import TestClient

    settings = ApiSettings(tiles_url="https://{s}.tile.example.org/{z}/{x}/{y}.png",
                           tiles_attribution="© example")
    with TestClient(create_app(store, settings)) as c:
        csp = c.get("/").headers["content-security-policy"]
        assert "img-src 'self' data: https://*.tile.example.org" in csp
        assert c.get("/api/ui-config").json()["tiles"] == {
            "url": "https://{s}.tile.example.org/{z}/{x}/{y}.png", "attribution": "© example"}


@pytest.mark.parametrize("url", ["https://tiles.example.org/tile.png", "ftp://x/{z}/{x}/{y}",
                                 "https://a b/{z}/{x}/{y}", "/{z}/{x}/{y}.png"])
def test_bad_tile_urls_are_refused(url):
    with pytest.raises(ValueError):
        tiles_origin(url)
    with pytest.raises(ValueError):
        ApiSettings(tiles_url=url)


def test_short_ingest_token_is_refused():
    with pytest.raises(ValueError):
        ApiSettings(ingest_token="short")


def test_page_script_never_parses_strings_as_markup(client):
    script = client.get("/static/app.js").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "setTimeout('", 'setTimeout("'):
        assert sink not in script, sink
    assert "textContent" in script and "createTextNode" in script
