"""The polling loop of ``hadath watch``: feeds → new items → pages → Articles → store.

One poll (``Watcher.poll_once``) goes through every feed:
1. Fetch the feed conditionally (ETag / Last-Modified); 304 means nothing new.
2. Parse it; a feed that is down or not a feed is logged and skipped, never fatal.
3. For each item not seen before (by guid or URL): fetch the linked page (robots.txt
   permitting) and read it with the HTML reader, the item giving the date, title and
   outlet the page lacks; with no page (disallowed, or no main text) the item's own
   content is used if it has any.
4. Extract events and ingest article + records in one store transaction, then mark
   the item seen. A page that failed to download is *not* marked, so the next poll
   tries again; an item that can never yield an article is marked so it isn't retried
   forever.
One log line per feed per poll gives the counts. ``run`` repeats polls every
``every`` seconds using the injected ``sleep``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.article import Article
from hadath.readers.base import ReadFailure
from hadath.readers.feeds import Feed, FeedItem, article_from_item, parse_feed
from hadath.readers.html import article_from_html
from hadath.watch.http import PoliteClient
from hadath.watch.state import WatchState

log = logging.getLogger("hadath.watch")

Extract = Callable[[Article], list[dict[str, Any]]]


@dataclass
class FeedReport:
    """What one poll of one feed did."""

    feed: str
    status: str = "ok"  # ok | not-modified | failed
    items: int = 0
    new: int = 0
    ingested: int = 0
    events: int = 0
    skipped: int = 0  # new items that gave no article (marked seen)
    errors: int = 0  # new items to retry next poll
    message: str = ""

    def line(self) -> str:
        if self.status == "not-modified":
            return f"{self.feed}: not modified"
        if self.status == "failed":
            return f"{self.feed}: failed: {self.message}"
        return (f"{self.feed}: {self.items} items, {self.new} new, {self.ingested} ingested, "
                f"{self.events} events, {self.skipped} skipped, {self.errors} to retry")


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs from a text file: one per line, blank lines and # comments ignored."""
    urls: list[str] = []
    for raw in Path(path).read_text("utf-8-sig").splitlines():
        # A comment is a line starting with "#" or " #..." after the URL; a "#" inside a
        # URL (a fragment) has no space before it and stays.
        line = re.split(r"\s#", raw.strip(), maxsplit=1)[0].strip()
        if line and not line.startswith("#") and line not in urls:
            urls.append(line)
    return urls


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)


def parse_duration(text: str) -> float:
    """Seconds in "90", "30s", "10m", "1h", "1d"."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 10m, 1h)")
    return float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2].lower()]


class Watcher:
    """Polls feeds and ingests what is new. Store and extractor are injected."""

    def __init__(self, feeds: list[str], store: Any, state: WatchState, client: PoliteClient,
                 extract: Extract | None = None) -> None:
        self.feeds = feeds
        self.store = store
        self.state = state
        self.client = client
        if extract is None:
            # Imported here, once: a broken install fails now, not on every article.
            from hadath.pipeline import extract_records as extract
        self.extract = extract

    def poll_once(self) -> list[FeedReport]:
        reports = []
        for url in self.feeds:
            try:
                report = self.poll_feed(url)
            except Exception as e:  # one feed must never stop the others
                log.exception("%s: unexpected failure", url)
                report = FeedReport(url, status="failed", message=f"{type(e).__name__}: {e}")
            log.log(logging.WARNING if report.status == "failed" else logging.INFO, "%s",
                    report.line())
            reports.append(report)
        return reports

    def run(self, every: float, once: bool = False, polls: int | None = None) -> None:
        """Poll now, then every ``every`` seconds (``polls`` bounds the count, for tests)."""
        n = 0
        while True:
            self.poll_once()
            n += 1
            if once or (polls is not None and n >= polls):
                return
            self.client.sleep(every)

    def poll_feed(self, url: str) -> FeedReport:
        report = FeedReport(url)
        etag, last_modified = self.state.validators(url)
        got = self.client.fetch(url, etag=etag, last_modified=last_modified)
        if got.not_modified:
            report.status = "not-modified"
            self.state.record_poll(url, "not-modified")
            return report
        if not got.ok:
            report.status, report.message = "failed", got.error or f"HTTP {got.status}"
            self.state.record_poll(url, f"failed: {report.message}")
            return report
        try:
            feed = parse_feed(got.content, url=got.url)
        except ReadFailure as e:
            report.status, report.message = "failed", str(e)
            # Don't keep validators of garbage: next time, fetch it whole again.
            self.state.record_poll(url, f"failed: {e}", keep_validators=False)
            return report
        report.items = len(feed.items)
        for item in feed.items:
            key = item.key or item.url
            if not key or self.state.is_seen(key, item.url):
                continue
            report.new += 1
            self._handle_item(url, feed, item, key, report)
        self.state.record_poll(url, "ok", got.etag, got.last_modified, keep_validators=False)
        return report

    def _handle_item(self, feed_url: str, feed: Feed, item: FeedItem, key: str,
                     report: FeedReport) -> None:
        article: Article | None = None
        why = ""
        if item.url:
            page = self.client.fetch(item.url)
            if page.ok:
                try:
                    article = article_from_html(
                        page.content, origin=item.url, url=item.url,
                        declared_charset=page.charset, fallback_date=item.published,
                        id=item.id, outlet=feed.outlet, title=item.title)
                except ReadFailure as e:
                    why = f"page unreadable: {e}"
            elif page.error == "disallowed by robots.txt" or 400 <= page.status < 500:
                why = page.error or f"HTTP {page.status}"
            else:
                # Down or timing out: try again next poll.
                log.warning("%s: page %s: %s (will retry)", feed_url, item.url, page.error)
                report.errors += 1
                return
        if article is None and item.content_html:
            try:
                article = article_from_item(item, feed, origin=item.url or feed_url)
            except ReadFailure as e:
                why = why or str(e)
        if article is None:
            log.info("%s: item %s skipped: %s", feed_url, item.url or key, why or "no content")
            self.state.mark_seen(key, item.url, feed_url, None, f"skipped: {why}")
            report.skipped += 1
            return
        try:
            records = self.extract(article)
        except Exception as e:  # a pipeline bug on one article must not stop the watch
            log.exception("%s: extraction failed on %s", feed_url, item.url or key)
            self.state.mark_seen(key, item.url, feed_url, article.id, f"error: {e}")
            report.skipped += 1
            return
        result = self.store.ingest(article, records)
        self.state.mark_seen(key, item.url, feed_url, article.id, "ingested")
        report.ingested += 1
        report.events += len(records)
        log.debug("%s: %s → %s", feed_url, item.url or key, result)
