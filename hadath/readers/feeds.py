"""RSS and Atom feeds → items → Articles.

A feed item carries a link, a title, a date and often the article itself
(``content:encoded``, Atom ``content``) or at least a summary. Read as a file, each
item becomes an Article from that content; ``hadath watch`` instead fetches the
linked page and uses the item only for what the page lacks (date, title, outlet).
A feed that feedparser cannot make sense of and that yields no items is one
``ReadError``; a feed with a syntax slip but readable items is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from hadath.article import Article
from hadath.readers.base import OnError, ReadError, ReadFailure, make_article
from hadath.readers.clean import clean_text
from hadath.readers.dates import parse_date
from hadath.readers.html import url_id
from hadath.readers.outlets import outlet_for_host, outlet_name
from hadath.readers.text import inline_dateline


@dataclass
class FeedItem:
    key: str  # guid, else link: what "seen before" means
    url: str | None
    title: str | None
    published: date | None
    content_html: str  # the fullest content the feed gives (may be a summary, or "")

    @property
    def id(self) -> str:
        return url_id(self.key)


@dataclass
class Feed:
    title: str | None
    outlet: str | None
    link: str | None
    items: list[FeedItem] = field(default_factory=list)
    problem: str | None = None  # a syntax error feedparser recovered from


def _entry_date(entry: Any) -> date | None:
    # dict.get, not entry.get: feedparser maps a missing "updated" to "published" with
    # a DeprecationWarning; we ask for each key plainly.
    for key in ("published", "updated", "created"):
        d = parse_date(dict.get(entry, key))
        if d:
            return d
    for key in ("published_parsed", "updated_parsed"):
        st = dict.get(entry, key)
        if st:
            return date(st.tm_year, st.tm_mon, st.tm_mday)
    return None


def _content(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def feed_outlet(title: str | None, link: str | None, url: str | None) -> str | None:
    """The outlet a feed speaks for: its title if known, else its site's host, else its title."""
    known = outlet_name(title)
    if known:
        return known
    for u in (link, url):
        o = outlet_for_host(urlsplit(u).hostname) if u else None
        if o:
            return o.name
    if title:
        # "المدى - أخبار العراق": try the part before a separator.
        for sep in (" - ", " | ", " – ", ": "):
            if sep in title and (known := outlet_name(title.split(sep)[0])):
                return known
    return " ".join(title.split()) if title else None


def parse_feed(data: bytes | str, url: str | None = None) -> Feed:
    """Parse RSS/Atom; ``ReadFailure`` if it is not a feed at all."""
    import feedparser

    # Always bytes: given a str, feedparser would take a URL or a file name and open it.
    try:
        parsed = feedparser.parse(data.encode("utf-8") if isinstance(data, str) else data)
    except Exception as e:  # feedparser has crashed on corrupt encoding declarations
        raise ReadFailure(f"not an RSS/Atom feed: {type(e).__name__}: {e}") from e
    problem = str(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if not parsed.entries and (problem or not parsed.get("version")):
        raise ReadFailure(f"not an RSS/Atom feed{': ' + problem if problem else ''}")
    f = parsed.feed
    title = f.get("title")
    link = f.get("link")
    feed = Feed(title=title, outlet=feed_outlet(title, link, url), link=link, problem=problem)
    for e in parsed.entries:
        link_e = e.get("link")
        key = e.get("id") or link_e or ""
        feed.items.append(FeedItem(
            key=key,
            url=link_e,
            title=e.get("title"),
            published=_entry_date(e),
            content_html=_content(e),
        ))
    return feed


def article_from_item(item: FeedItem, feed: Feed, origin: str) -> Article:
    """An Article from the item's own content (no page fetch)."""
    text = clean_text(item.content_html, html_input=True).strip()
    if not text:
        raise ReadFailure("item has no content or summary")
    dl = inline_dateline(text)
    return make_article(
        text=text,
        origin=origin,
        id=item.id if item.key else None,
        outlet=feed.outlet,
        title=item.title,
        published=item.published,
        dateline=dl[0] if dl else None,
        url=item.url,
        cleaned=True,
    )


def articles_from_feed(data: bytes | str, name: str, on_error: OnError) -> Iterator[Article]:
    """Every item of a feed file as an Article; item errors name "path:ITEM"."""
    try:
        feed = parse_feed(data)
    except ReadFailure as e:
        on_error(ReadError(name, str(e)))
        return
    for i, item in enumerate(feed.items, 1):
        try:
            yield article_from_item(item, feed, f"{name}:{i}")
        except ReadFailure as e:
            on_error(ReadError(f"{name}:{i}", str(e)))
