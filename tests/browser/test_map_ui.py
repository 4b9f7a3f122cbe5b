"""The map page in real Chromium: the seed's events on the map and in the table, the
evidence highlighted in the right-to-left article, untrusted text shown as text."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SEED_PLACES = {"Hit", "Al-Qa'im", "Al Baghuz Fawqani"}
SEED_FILTER = "?date_from=2019-03-02&date_to=2019-03-03"


def wait_until(page, expression: str, timeout_ms: int = 10_000) -> None:
    """Poll a JS expression from the test side: the page's CSP forbids the eval that
    Playwright's own wait_for_function would need (which is the point of the CSP)."""
    for _ in range(timeout_ms // 50):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {expression}")


def load(w, url: str) -> None:
    w.page.goto(url)
    w.page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def table_places(page) -> list[str]:
    return page.eval_on_selector_all(
        "#events-table tbody tr td:nth-child(3)", "tds => tds.map(td => td.textContent)")


def settled_counts(page, expected: int) -> tuple[list[str], int]:
    """map_counts once the clustering animation has settled on ``expected`` events."""
    for _ in range(100):
        ids, clustered = map_counts(page)
        if len(ids) + clustered == expected:
            return ids, clustered
        page.wait_for_timeout(50)
    return map_counts(page)


def map_counts(page) -> tuple[list[str], int]:
    """(event ids of single markers drawn, events hidden inside cluster icons)."""
    ids = page.eval_on_selector_all("path.hd-marker[data-event-id]",
                                    "ps => ps.map(p => p.dataset.eventId)")
    clustered = page.eval_on_selector_all(
        ".hd-cluster .cluster-count", "cs => cs.reduce((n, c) => n + Number(c.textContent), 0)")
    return ids, clustered


def test_seed_events_appear_on_the_map_and_in_the_table(watched, server):
    page = watched.page
    load(watched, server.url + SEED_FILTER)
    places = table_places(page)
    assert {p.split(",")[0] for p in places} == SEED_PLACES
    ids, clustered = settled_counts(page, 3)
    assert len(ids) + clustered == 3
    seen = set(ids)
    # Open every cluster: each zooms in until its events are drawn one by one.
    for _ in range(4):
        if not page.query_selector(".hd-cluster"):
            break
        page.click(".hd-cluster")
        page.wait_for_timeout(900)
        seen |= set(map_counts(page)[0])
    wanted = {server.events[p]["event_id"] for p in SEED_PLACES}
    assert seen == wanted
    colours = page.eval_on_selector_all("path.hd-marker", "ps => ps.map(p => p.getAttribute('fill'))")
    assert all(c and c.startswith("#") for c in colours)
    assert page.text_content("#map-status").startswith("3 of 3")
    assert not watched.errors and not watched.dialogs


def test_all_events_counted_and_timeline_drawn(watched, server):
    page = watched.page
    load(watched, server.url)
    assert len(table_places(page)) == 7
    ids, clustered = settled_counts(page, 7)
    assert len(ids) + clustered == 7
    bars = page.query_selector_all("#timeline rect.bar")
    assert len(bars) >= 3
    # A bar filters the page to its dates.
    page.click("#timeline rect.bar >> nth=0")
    wait_until(page, "document.querySelectorAll('#events-table tbody tr').length < 7")
    assert page.input_value("input[name=date_from]")
    assert not watched.errors


def test_baghuz_battle_shows_highlighted_evidence(watched, server, output_dir):
    page = watched.page
    load(watched, server.url + SEED_FILTER)
    page.click("#events-table tbody tr:has-text('Al Baghuz Fawqani')")
    page.wait_for_selector("#panel .article-text mark", timeout=10_000)
    assert page.text_content("#panel-title") == "Armed clash"
    assert "Syrian Democratic Forces" in page.text_content("#panel .fields")
    assert "SDF media office" in page.text_content("#panel .fields")
    assert "Al-Mada" in page.text_content("#panel .sources")
    text = page.query_selector("#panel .article-text")
    assert text.get_attribute("dir") == "rtl"
    marks = page.eval_on_selector_all("#panel .article-text mark", "ms => ms.map(m => m.textContent)")
    assert len(marks) == 2
    assert "الاشتباكات استمرت حتى بعد غروب شمس يوم السبت" in marks[0]
    assert "سبعة من مقاتلي القوات أصيبوا" in marks[1]
    assert "seven SDF fighters were wounded" in page.text_content("#panel .notes")
    page.wait_for_timeout(800)  # let the map finish fanning out the cluster
    page.screenshot(path=str(output_dir / "browser-baghuz.png"))
    page.eval_on_selector("#panel .article", "a => a.scrollIntoView()")
    page.screenshot(path=str(output_dir / "browser-baghuz-article.png"))
    assert "event=" in page.url  # the open event is in the address, shareable
    assert not watched.errors and not watched.dialogs


def test_untrusted_markup_is_shown_as_text(watched, server):
    page = watched.page
    load(watched, server.url)
    assert "<script>alert(5)</script>" in page.text_content("#events-table tbody")
    page.click("#events-table tbody tr:has-text('Mosul')")
    page.wait_for_selector("#panel .article-text", timeout=10_000)
    page.wait_for_timeout(300)
    article = page.text_content("#panel .article-text")
    assert "<script>window.__hadath_xss = 1; alert(1)</script>" in article
    assert '<img src=x onerror="window.__hadath_xss = 2">' in article
    assert "<script>" in page.text_content("#panel .article-text mark")
    assert '<img src=x onerror="alert(6)">' in page.text_content("#panel .notes")
    assert "<b>Evil</b> Outlet" in page.text_content("#panel .sources")
    # No element was made from the text, nothing ran, no unsafe link was made.
    assert page.query_selector_all("#panel img, #panel script, #panel b, #events-table script") == []
    assert page.evaluate("window.__hadath_xss") is None
    assert page.query_selector_all("#panel a[href^='javascript']") == []
    assert watched.dialogs == []
    assert not watched.errors


def test_emoji_before_the_evidence_keeps_offsets_right(watched, server):
    page = watched.page
    load(watched, server.url)
    page.click("#events-table tbody tr:has-text('Basra')")
    page.wait_for_selector("#panel .article-text mark", timeout=10_000)
    assert page.text_content("#panel .article-text mark") == "انفجار عبوة ناسفة"


def test_filters_and_arabic_labels(watched, server):
    page = watched.page
    load(watched, server.url)
    page.fill("input[name=q]", "الباغوز")
    page.click("#filters button[type=submit]")
    wait_until(page, "document.querySelectorAll('#events-table tbody tr').length === 1")
    assert "Al Baghuz Fawqani" in table_places(page)[0]
    page.select_option("select[name=event_type]", "Battles")
    options = page.eval_on_selector_all("select[name=sub_event_type] option", "os => os.map(o => o.value)")
    assert options == ["", "Government regains territory", "Non-state actor overtakes territory",
                       "Armed clash"]
    page.click("#lang-toggle")
    wait_until(page, "document.documentElement.dir === 'rtl'")
    assert page.text_content("#filters-title") == "التصفية"
    wait_until(page, "document.querySelector('#events-table tbody').textContent.includes('اشتباك مسلح')")
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.click("#lang-toggle")
    wait_until(page, "document.documentElement.dir === 'ltr'")
    assert not watched.errors


def test_page_without_vendor_assets_says_how_to_install(watched, bare_server, browser):
    page = watched.page
    load(watched, bare_server.url)
    notice = page.text_content("#notice")
    assert page.is_visible("#notice") and "scripts/setup-web.sh" in notice
    assert len(table_places(page)) == 7  # the table, timeline and panel still work
    page.click("#events-table tbody tr:has-text('Hit')")
    page.wait_for_selector("#panel .article-text mark", timeout=10_000)
    assert not watched.dialogs
