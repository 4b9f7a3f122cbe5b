"""Web pages → Article: main text by trafilatura, metadata from the page itself.

The body is trafilatura's main-text extraction (menus, footers, "read also" boxes
dropped); where it finds nothing, the page's <p> elements are the fallback. The
publication date comes from, in order: the page's own metadata (``article:
published_time`` and friends, JSON-LD ``datePublished``, ``<time datetime>``),
trafilatura's metadata extraction, then the caller's ``fallback_date`` (a feed's
or an archive record's date). The outlet is the caller's, else the one whose site
the URL is on (hadath/data/outlets.yaml), else the page's site name.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from hadath.article import Article
from hadath.readers.base import ReadFailure, make_article
from hadath.readers.clean import clean_text
from hadath.readers.dates import parse_date
from hadath.readers.encoding import DecodeFailure, decode
from hadath.readers.outlets import outlet_for_host, outlet_name
from hadath.readers.text import inline_dateline

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DATE_META = (
    "article:published_time", "og:published_time", "article:published", "datepublished",
    "pubdate", "publishdate", "publish_date", "publish-date", "date", "dc.date",
    "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "article.published", "original-publish-date", "cxenseparse:recs:publishtime",
)
_DATE_FALLBACK_META = ("article:modified_time", "og:updated_time", "lastmod", "last-modified")


@dataclass
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    published: date | None = None
    section: str | None = None
    canonical: str | None = None


def url_id(key: str) -> str:
    """A short stable id for an item known by URL or feed guid (safe in a URL path)."""
    return "url:" + hashlib.sha1(key.strip().encode("utf-8")).hexdigest()[:16]


def decode_html(data: bytes | str, declared: str | None = None) -> str:
    """Bytes → str using the HTTP charset, then <meta charset>, then detection."""
    if isinstance(data, str):
        return data
    if not declared:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    return decode(data, declared=declared).text


def _json_ld_dates(obj: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(obj, list):
        for x in obj:
            yield from _json_ld_dates(x)
    elif isinstance(obj, dict):
        for k in ("datePublished", "dateCreated", "uploadDate"):
            if k in obj:
                yield k, obj[k]
        if "@graph" in obj:
            yield from _json_ld_dates(obj["@graph"])
        pub = obj.get("publisher")
        if isinstance(pub, dict) and pub.get("name"):
            yield "publisher", pub["name"]


def page_meta(html_text: str) -> PageMeta:
    """Title, site name, publication date, section and canonical URL from the markup."""
    import lxml.html

    meta = PageMeta()
    try:
        tree = lxml.html.document_fromstring(html_text)
    except (ValueError, lxml.etree.ParserError):
        return meta
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in metas:
            metas[key] = content.strip()
    for key in _DATE_META:
        if key in metas and (d := parse_date(metas[key])):
            meta.published = d
            break
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except (ValueError, RecursionError):  # bad, 100,000-deep or 5,000-digit JSON
            continue
        for k, v in _json_ld_dates(data):
            if k == "publisher":
                meta.site_name = meta.site_name or str(v)
            elif meta.published is None:
                meta.published = parse_date(v)
    if meta.published is None:
        for el in tree.xpath("//*[@itemprop='datePublished'] | //time[@datetime]"):
            d = parse_date(el.get("datetime") or el.get("content") or el.text_content())
            if d:
                meta.published = d
                break
    if meta.published is None:
        for key in _DATE_FALLBACK_META:
            if key in metas and (d := parse_date(metas[key])):
                meta.published = d
                break
    meta.title = metas.get("og:title") or metas.get("twitter:title")
    if not meta.title:
        t = tree.find(".//title")
        meta.title = t.text_content().strip() if t is not None and t.text_content() else None
    meta.site_name = metas.get("og:site_name") or meta.site_name or metas.get("application-name")
    meta.section = metas.get("article:section")
    link = tree.xpath('//link[@rel="canonical"]/@href')
    meta.canonical = (link[0] if link else None) or metas.get("og:url")
    return meta


def _paragraphs(html_text: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html_text)
    except (ValueError, lxml.etree.ParserError):
        return clean_text(html_text, html_input=True)
    for bad in tree.xpath("//script|//style|//nav|//footer|//header|//aside|//noscript"):
        bad.drop_tree()
    paras = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    paras = [p for p in paras if p]
    if paras:
        return "\n".join(paras)
    body = tree.find("body")
    return clean_text((body if body is not None else tree).text_content())


def main_text(html_text: str, url: str | None = None) -> tuple[str, Any]:
    """(main text, trafilatura Document or None)."""
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html_text, url=url, with_metadata=True, include_comments=False,
            include_tables=False, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted errors on hostile markup
        doc = None
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        text = _paragraphs(html_text)
    return text, doc


def article_from_html(
    data: bytes | str,
    *,
    origin: str,
    url: str | None = None,
    declared_charset: str | None = None,
    fallback_date: date | None = None,
    id: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Article:
    """One web page → Article; ``ReadFailure`` if it has no readable main text."""
    try:
        html_text = decode_html(data, declared_charset)
    except DecodeFailure as e:
        raise ReadFailure(str(e)) from e
    meta = page_meta(html_text)
    url = url or meta.canonical
    text, doc = main_text(html_text, url)
    text = clean_text(text, html_input=False).strip()
    page_title = getattr(doc, "title", None) or meta.title or title
    # trafilatura often starts the text with the headline; the title has its own field.
    if page_title and text.startswith(page_title + "\n"):
        text = text[len(page_title) + 1:].lstrip("\n")
    published = meta.published or parse_date(getattr(doc, "date", None)) or fallback_date
    site = meta.site_name or getattr(doc, "sitename", None)
    if not outlet:
        host = urlsplit(url).hostname if url else None
        known = outlet_for_host(host)
        outlet = known.name if known else (outlet_name(site) or site)
    dl = inline_dateline(text)
    return make_article(
        text=text,
        origin=origin,
        id=id or (url_id(url) if url else None),
        outlet=outlet,
        title=page_title,
        published=published,
        section=meta.section,
        dateline=dl[0] if dl else None,
        url=url,
        cleaned=True,
    )
