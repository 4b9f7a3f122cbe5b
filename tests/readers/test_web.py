"""HTML pages, RSS/Atom feeds and WARC archives read as files."""

from __future__ import annotations

import io
from datetime import date

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hadath.readers.feeds import parse_feed
from hadath.readers.html import article_from_html, page_meta

from .conftest import FIXTURES, read_all


def _page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_html_main_text_metadata_and_outlet() -> None:
    a = article_from_html(_page("page-1.html"), origin="p1")
    assert a.title == "مقتل ثلاثة مسلحين بهجوم قرب كركوك"
    assert a.published == date(2019, 3, 3)
    assert a.outlet == "Al-Mada"  # og:site_name "جريدة المدى" through outlets.yaml
    assert a.section == "سياسية"
    assert a.dateline == "كركوك"
    assert a.text.startswith("كركوك / المدى: أعلنت")
    assert "الرئيسية" not in a.text and "جميع الحقوق" not in a.text  # menus, footer gone
    assert "طوقت المنطقة" in a.text


def test_html_date_from_json_ld_and_time_element() -> None:
    assert page_meta(_page("page-jsonld.html").decode()).published == date(2019, 3, 5)
    a = article_from_html(_page("page-jsonld.html"), origin="p")
    assert a.outlet == "Asharq Al-Awsat" and a.published == date(2019, 3, 5)
    b = article_from_html(_page("page-time.html"), origin="p", url="https://www.alsumaria.tv/x/1")
    assert b.published == date(2019, 3, 4)
    assert b.outlet == "Alsumaria News"  # by host
    assert b.id.startswith("url:") and b.url == "https://www.alsumaria.tv/x/1"


def test_html_fallback_date_and_cp1256_meta_charset() -> None:
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            "<title>خبر</title></head><body><p>"
            + "قتل شخصان في اشتباك مسلح بين عشيرتين في محافظة ميسان جنوبي العراق مساء الخميس. " * 3
            + "</p></body></html>")
    a = article_from_html(html.encode("cp1256"), origin="p", fallback_date=date(2020, 1, 2))
    assert a.published == date(2020, 1, 2)
    assert a.text.startswith("قتل شخصان في اشتباك")


def test_feed_files_rss_and_atom() -> None:
    arts, errors = read_all([FIXTURES / "rss-arabic.xml", FIXTURES / "atom-arabic.atom"])
    assert errors == []
    assert [a.title for a in arts] == [
        "مقتل ثلاثة مسلحين بهجوم قرب كركوك", "انفجار عبوة ناسفة في الموصل",
        "غارة جوية على مواقع للمسلحين في إدلب"]
    rss1, rss2, atom = arts
    assert rss1.outlet == "Al-Mada" and atom.outlet == "Asharq Al-Awsat"
    assert rss1.published == date(2019, 3, 3)  # local date of the pubDate, not UTC
    assert atom.published == date(2019, 3, 5)
    assert 'القوات "طوقت" المنطقة' in rss1.text and "<p>" not in rss1.text
    assert rss1.dateline == "كركوك"
    assert rss2.text.startswith("انفجرت عبوة ناسفة")  # escaped HTML summary
    assert rss1.url == "{BASE}/news/1.html"
    assert len({a.id for a in arts}) == 3


def test_feed_garbage_is_one_error(tmp_path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title><item><title>unclosed", "utf-8")
    bad = tmp_path / "notafeed.xml"
    bad.write_text("this is not xml at all", "utf-8")
    arts, errors = read_all([bad])
    assert arts == [] and len(errors) == 1 and errors[0].origin == str(bad)
    feed = parse_feed(path.read_bytes())
    assert feed.problem  # recovered syntax error is recorded, not fatal


def _warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warcinfo_record("t.warc", {"software": "hadath-tests"}))
    for i, name in enumerate(["page-1.html", "page-jsonld.html", "page-time.html"]):
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                              protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(
            f"https://www.almadapaper.net/{i}.html", "response", payload=io.BytesIO(_page(name)),
            http_headers=hh, warc_headers_dict={"WARC-Date": "2019-03-06T00:00:00Z"}))
    hh = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://www.almadapaper.net/404", "response",
                                        payload=io.BytesIO(b"<p>not found</p>"), http_headers=hh))
    return buf.getvalue()


def test_warc_plain_and_gzipped(tmp_path) -> None:
    for name, gz in (("a.warc", False), ("a.warc.gz", True)):
        path = tmp_path / name
        path.write_bytes(_warc(gz))
        arts, errors = read_all([path])
        assert errors == []
        assert [a.url for a in arts] == [f"https://www.almadapaper.net/{i}.html" for i in range(3)]
        assert [a.published for a in arts] == [date(2019, 3, 3), date(2019, 3, 5), date(2019, 3, 4)]
        assert all(a.outlet == "Al-Mada" for a in arts)  # by host
        assert arts[0].origin.startswith(f"{path}@")


def test_warc_truncated_keeps_what_was_read(tmp_path) -> None:
    data = _warc(False)
    # Records: warcinfo, three pages, the 404. Cut halfway through the third page.
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.0\r\n", i)]
    cut = starts[3] + (starts[4] - starts[3]) // 2
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:cut])
    arts, errors = read_all([path])
    assert len(arts) == 2
    assert len(errors) == 1 and errors[0].origin == str(path) and "truncated" in errors[0].message
    gz = _warc(True)
    path.write_bytes(gz[: len(gz) // 2])
    arts, errors = read_all([path])
    assert 0 < len(arts) < 3 and len(errors) == 1 and "truncated" in errors[0].message
