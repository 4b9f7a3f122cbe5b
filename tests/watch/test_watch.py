"""The polling loop against a local server: ingestion, politeness, recovery."""

from __future__ import annotations

import io
import logging
from datetime import date

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hadath.readers import iter_articles
from hadath.store import EventQuery
from hadath.watch import USER_AGENT

from .conftest import FIXTURES, Reply, extract, make_rig, pipeline_available


def test_watch_ingests_new_items_from_rss_and_atom(rig) -> None:
    rig.site.standard()
    reports = rig.watcher("/rss.xml", "/atom.xml").poll_once()
    assert [(r.status, r.items, r.new, r.ingested) for r in reports] == [
        ("ok", 2, 2, 2), ("ok", 1, 1, 1)]
    by_url = {a["url"]: a for a in rig.stored()}
    base = rig.site.base
    assert set(by_url) == {f"{base}/news/{i}.html" for i in (1, 2, 3)}
    one = rig.store.article(by_url[f"{base}/news/1.html"]["id"])
    assert one["outlet"] == "Al-Mada" and one["date"] == "2019-03-03"
    assert one["title"] == "مقتل ثلاثة مسلحين بهجوم قرب كركوك"
    # The text is the page's main text, not the feed's shorter content.
    assert "وكانت المحافظة قد شهدت" in one["text"]
    assert "جميع الحقوق" not in one["text"]
    three = by_url[f"{base}/news/3.html"]
    assert three["outlet"] == "Asharq Al-Awsat" and three["date"] == "2019-03-05"
    assert all(h["user-agent"] == USER_AGENT for _, h in rig.site.requests)


@pytest.mark.skipif(not pipeline_available(), reason="hadath.pipeline not importable yet")
def test_watch_events_come_out(rig) -> None:
    rig.site.standard()
    reports = rig.watcher("/rss.xml", "/atom.xml").poll_once()
    expected = sum(len(extract(a)) for a in _stored_articles(rig))
    assert sum(r.events for r in reports) == expected
    assert expected > 0
    events, total = rig.store.events(EventQuery())
    assert total > 0
    kirkuk = [e for e in events
              if any(s["url"] == f"{rig.site.base}/news/1.html" for s in e["sources"])]
    # The clash near Kirkuk reported in the page (three militants killed).
    assert any(e["event_type"] == "Battles" and e["fatalities"] == 3 for e in kirkuk)
    evidence = kirkuk[0]["evidence"]
    assert evidence
    for ev in evidence:  # offsets point into the stored text of the page
        text = rig.store.article(ev["article_id"])["text"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def _stored_articles(rig):
    from hadath.readers.html import article_from_html

    out = []
    for row in rig.stored():
        full = rig.store.article(row["id"])
        path = full["url"].removeprefix(rig.site.base)
        name = {"/news/1.html": "page-1.html", "/news/2.html": "page-time.html",
                "/news/3.html": "page-jsonld.html"}[path]
        out.append(article_from_html((FIXTURES / name).read_bytes(), origin=full["url"],
                                     url=full["url"], id=full["id"], outlet=full["outlet"],
                                     fallback_date=date.fromisoformat(full["date"])))
    return out


def test_watch_conditional_request_304_means_no_refetch(rig) -> None:
    rig.site.standard(etag='"v1"')
    w = rig.watcher("/rss.xml")
    first = w.poll_once()[0]
    second = w.poll_once()[0]
    assert first.ingested == 2
    assert second.status == "not-modified" and second.new == 0
    assert rig.site.hits["/rss.xml"] == 2
    assert rig.site.hits["/news/1.html"] == 1 and rig.site.hits["/news/2.html"] == 1
    feed_requests = [h for p, h in rig.site.requests if p == "/rss.xml"]
    assert "if-none-match" not in feed_requests[0]
    assert feed_requests[1]["if-none-match"] == '"v1"'


def test_watch_last_modified_validator(rig) -> None:
    rig.site.standard()
    lm = "Sun, 03 Mar 2019 21:30:00 GMT"
    rig.site.fixture("/rss.xml", "rss-arabic.xml", "application/rss+xml", last_modified=lm)
    w = rig.watcher("/rss.xml")
    w.poll_once()
    assert w.poll_once()[0].status == "not-modified"
    assert [h.get("if-modified-since") for p, h in rig.site.requests if p == "/rss.xml"] == [None, lm]


def test_watch_no_duplicates_across_polls_feeds_and_restart(rig) -> None:
    rig.site.standard()
    # A second feed carrying the same items (same links, other guids).
    body = (FIXTURES / "rss-arabic.xml").read_text("utf-8").replace("{BASE}", rig.site.base)
    rig.site.static("/mirror.xml", body.replace("almada-", "mirror-").encode(), "application/rss+xml")
    w = rig.watcher("/rss.xml", "/mirror.xml")
    r1 = w.poll_once()
    r2 = w.poll_once()
    assert [r.ingested for r in r1] == [2, 0]
    assert [r.new for r in r2] == [0, 0]
    rig.restart()
    r3 = rig.watcher("/rss.xml", "/mirror.xml", "/atom.xml").poll_once()
    assert [r.new for r in r3] == [0, 0, 1]
    assert rig.site.hits["/news/1.html"] == 1 and rig.site.hits["/news/2.html"] == 1
    assert len(rig.stored()) == 3
    assert rig.state.seen_count() == 3


def test_watch_recovers_from_500_with_backoff(rig) -> None:
    rig.site.standard()
    calls = {"n": 0}
    good = rig.site.routes["/rss.xml"]

    def flaky(h):
        calls["n"] += 1
        return Reply(500, b"oops") if calls["n"] <= 2 else good(h)

    rig.site.routes["/rss.xml"] = flaky
    report = rig.watcher("/rss.xml").poll_once()[0]
    assert report.status == "ok" and report.ingested == 2
    assert rig.clock.sleeps[:2] == [1.0, 2.0]  # exponential back-off, injected sleep


def test_watch_feed_down_or_garbage_does_not_stop_others(rig, caplog) -> None:
    rig.site.standard()
    rig.site.routes["/down.xml"] = lambda h: Reply(503, b"down")
    rig.site.static("/garbage.xml", b"\x00\x01 this is <not a feed", "application/rss+xml")
    rig.site.static("/html.xml", b"<html><body><p>hello</p></body></html>", "text/html")
    with caplog.at_level(logging.INFO, logger="hadath.watch"):
        reports = rig.watcher("/down.xml", "/garbage.xml", "/html.xml", "/atom.xml").poll_once()
    assert [r.status for r in reports] == ["failed", "failed", "failed", "ok"]
    assert "503" in reports[0].message
    assert reports[3].ingested == 1
    assert rig.site.hits["/down.xml"] == 3  # first try + 2 retries
    feed_lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith(rig.site.base)]
    assert len(feed_lines) == 4 and "failed" in feed_lines[0] and "1 ingested" in feed_lines[3]


def test_watch_timeout_is_retried_then_reported(site, tmp_path) -> None:
    site.standard()
    site.routes["/slow.xml"] = lambda h: Reply(200, b"<rss/>", {"Content-Type": "text/xml"}, delay=1.0)
    rig = make_rig(site, tmp_path, timeout=0.2, retries=1)
    try:
        reports = rig.watcher("/slow.xml", "/atom.xml").poll_once()
        assert reports[0].status == "failed" and "timed out" in reports[0].message
        assert site.hits["/slow.xml"] == 2
        assert reports[1].ingested == 1
    finally:
        rig.client.close()
        rig.state.close()
        rig.store.close()


def test_watch_page_failure_is_retried_next_poll(rig) -> None:
    rig.site.standard()
    good = rig.site.routes["/news/2.html"]
    rig.site.routes["/news/2.html"] = lambda h: Reply(502, b"bad gateway")
    w = rig.watcher("/rss.xml")
    first = w.poll_once()[0]
    assert (first.ingested, first.errors) == (1, 1)
    rig.site.routes["/news/2.html"] = good
    second = w.poll_once()[0]
    assert (second.new, second.ingested, second.errors) == (1, 1, 0)
    assert len(rig.stored()) == 2


def test_watch_robots_disallow(rig) -> None:
    rig.site.standard()
    rig.site.static("/robots.txt", b"User-agent: hadath\nDisallow: /news/2.html\n", "text/plain")
    report = rig.watcher("/rss.xml").poll_once()[0]
    assert rig.site.hits["/news/2.html"] == 0
    assert rig.site.hits["/robots.txt"] == 1  # cached for the host
    # The disallowed page's item is still ingested from the feed's own summary.
    assert report.ingested == 2
    two = next(a for a in rig.stored() if a["url"].endswith("/news/2.html"))
    assert rig.store.article(two["id"])["text"].startswith("انفجرت عبوة ناسفة")


def test_watch_robots_disallow_all(rig) -> None:
    rig.site.standard()
    rig.site.static("/robots.txt", b"User-agent: *\nDisallow: /\n", "text/plain")
    report = rig.watcher("/rss.xml").poll_once()[0]
    assert report.status == "failed" and "robots" in report.message
    assert rig.site.hits["/rss.xml"] == 0


def test_watch_rate_limit_spacing_and_crawl_delay(site, tmp_path) -> None:
    site.standard()
    rig = make_rig(site, tmp_path, min_interval=2.0)
    try:
        rig.watcher("/rss.xml", "/atom.xml").poll_once()
        times = [t for t, _ in rig.client.requests]
        assert len(times) == 6  # robots.txt, rss, its 2 pages, atom, its page
        assert all(b - a >= 2.0 for a, b in zip(times, times[1:], strict=False))
    finally:
        rig.client.close()
        rig.state.close()
        rig.store.close()
    site.static("/robots.txt", b"User-agent: *\nCrawl-delay: 7\n", "text/plain")
    rig = make_rig(site, tmp_path / "b", min_interval=1.0)
    try:
        rig.watcher("/rss.xml").poll_once()
        times = [t for t, _ in rig.client.requests]
        gaps = [b - a for a, b in zip(times[1:], times[2:], strict=False)]  # after robots.txt
        assert gaps and all(g >= 7.0 for g in gaps)
    finally:
        rig.client.close()
        rig.state.close()
        rig.store.close()


def test_watch_run_loops_with_injected_sleep(rig) -> None:
    rig.site.standard()
    rig.watcher("/rss.xml").run(every=600, polls=3)
    assert rig.clock.sleeps.count(600) == 2
    assert rig.site.hits["/rss.xml"] == 3 and rig.site.hits["/news/1.html"] == 1


def test_watch_client_fetches_a_served_warc(rig) -> None:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://www.alsumaria.tv/news/1", "response",
                                        payload=io.BytesIO((FIXTURES / "page-time.html").read_bytes()),
                                        http_headers=hh))
    rig.site.static("/crawl.warc.gz", buf.getvalue(), "application/warc")
    got = rig.client.fetch(rig.site.base + "/crawl.warc.gz")
    assert got.ok
    path = rig.tmp / "crawl.warc.gz"
    path.write_bytes(got.content)
    errors: list = []
    (a,) = list(iter_articles([path], errors.append))
    assert errors == [] and a.outlet == "Alsumaria News" and a.published == date(2019, 3, 4)


def test_watch_backoff_is_capped_and_honours_retry_after(site, tmp_path) -> None:
    site.routes["/always500.xml"] = lambda h: Reply(500, b"no")
    site.routes["/busy.xml"] = lambda h: Reply(429, b"slow down", {"Retry-After": "17"})
    rig = make_rig(site, tmp_path, retries=5, backoff_base=10.0, backoff_cap=25.0)
    try:
        got = rig.client.fetch(site.base + "/always500.xml")
        assert got.error == "HTTP 500" and got.attempts == 6
        assert rig.clock.sleeps == [10.0, 20.0, 25.0, 25.0, 25.0]
        rig.clock.sleeps.clear()
        rig.client.politeness.retries = 1
        got = rig.client.fetch(site.base + "/busy.xml")
        assert got.status == 429 and rig.clock.sleeps == [17.0]
    finally:
        rig.client.close()
        rig.state.close()
        rig.store.close()
