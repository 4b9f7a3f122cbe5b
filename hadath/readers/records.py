"""One structured record (a JSON object, a CSV row) → Article.

The agreed shape is ``id, outlet, title, date, text`` plus optional ``url``,
``section``, ``dateline``; common synonyms from scrapers and feeds are accepted
(``body``/``content`` for text, ``published``/``pubDate`` for date, ``source`` for
outlet, ``link`` for url). The outlet is kept as given: a corpus's slug ("aawsat")
is its own vocabulary, and ``hadath.readers.outlets.outlet_name`` maps it on demand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hadath.article import Article
from hadath.readers.base import ReadFailure, make_article
from hadath.readers.dates import parse_date

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "id": ("id", "article_id", "guid", "uid"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "newspaper"),
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "pub_date", "published_at", "datetime", "publication_date"),
    "url": ("url", "link", "href"),
    "section": ("section", "category"),
    "dateline": ("dateline",),
}


def _get(rec: Mapping[str, Any], field: str) -> Any:
    for name in FIELDS[field]:
        if name in rec and rec[name] not in (None, ""):
            return rec[name]
    return None


def lower_keys(rec: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in rec.items()}


def article_from_record(rec: Any, origin: str) -> Article:
    """Build an Article from one record; ``ReadFailure`` if it is not usable."""
    if not isinstance(rec, Mapping):
        raise ReadFailure(f"expected a JSON object, got {type(rec).__name__}")
    rec = lower_keys(rec)
    text = _get(rec, "text")
    if text is None:
        raise ReadFailure("missing 'text'")
    if not isinstance(text, str):
        raise ReadFailure(f"'text' must be a string, got {type(text).__name__}")
    outlet = _get(rec, "outlet")
    if isinstance(outlet, Mapping):  # {"name": ...} objects from some scrapers
        outlet = outlet.get("name") or outlet.get("title")
    return make_article(
        text=text,
        origin=origin,
        id=_get(rec, "id"),
        outlet=outlet,
        title=_get(rec, "title"),
        published=parse_date(_get(rec, "date")),
        section=_get(rec, "section"),
        dateline=_get(rec, "dateline"),
        url=_get(rec, "url"),
    )
