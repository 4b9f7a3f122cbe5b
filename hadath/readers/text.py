"""Plain-text articles: an optional header, then the body.

The layout of archived Arabic newspaper pages (the seed file is one):

    title line
    Sunday 3rd of March 2019 12:00:00 AM ,      <- date line (English or Arabic)
    العدد : 4384                                <- "label : value" header lines
    الصفحة : سياسية ,
     بغداد / المدى                              <- dateline: place / outlet (or reporter)
    body...

Every part is optional. ``Article.text`` is the body from its first character to the
end, after cleaning, so evidence offsets index the body; the title goes to ``title``.
A file with no recognisable header is all body, except that a short first line with
no closing punctuation, set off by a blank line, is taken as the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from hadath.arabic.normalise import fold
from hadath.article import Article
from hadath.knowledge.yaml_data import load_yaml
from hadath.readers.base import make_article
from hadath.readers.clean import clean_text
from hadath.readers.dates import date_line, parse_date
from hadath.readers.outlets import lookup_outlet

_MAX_HEADER_LINES = 14
_TITLE_MAX_CHARS = 200
_SENTENCE_END = (".", "!", "?", "؟", "…", ":", "،", ",", ";", "؛")
_STRIP = " \t,،:;-–—|"
_SEP = r"[/|\-–—]"
# "بغداد / المدى", "بغداد - (أ ف ب)", "بيروت (رويترز)": place, separator, credit.
_DATELINE = re.compile(
    rf"^(?P<place>[^\d/|:()\-–—،,.]{{2,40}}?)\s*(?:{_SEP}\s*\(?(?P<credit>[^/|:()]{{1,40}}?)\)?"
    rf"|\(\s*(?P<credit2>[^()]{{1,40}}?)\s*\))\s*[:\-–—]?$"
)
# The same credit at the very start of the body: "بغداد / المدى: أعلنت ...".
_INLINE_DATELINE = re.compile(
    rf"^(?P<place>[^\d/|:()\-–—،,.\n]{{2,30}}?)\s*(?:{_SEP}\s*\(?(?P<credit>[^/|:()\n]{{1,30}}?)\)?"
    rf"|\(\s*(?P<credit2>[^()\n]{{1,30}}?)\s*\))\s*[:\-–—]"
)


@dataclass
class Header:
    title: str | None = None
    published: date | None = None
    section: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    body_start: int = 0


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern[str], dict[str, str]]:
    raw = load_yaml(
        resources.files("hadath.data").joinpath("reader_headers.yaml").read_text("utf-8")
    )
    kinds = {" ".join(fold(r["ar"]).split()): r["kind"] for r in raw["labels"]}
    alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"^(?P<label>{alt})\s*[:：]\s*(?P<value>.*)$"), kinds


def _labelled(line: str) -> tuple[str, str] | None:
    """("section", "سياسية") for "الصفحة : سياسية ,"; offsets don't matter in the header."""
    pattern, kinds = _labels()
    m = pattern.match(fold(line))
    if not m:
        return None
    # fold() maps one character to at most one, but may delete some; recover the
    # value from the original line by the position of the colon.
    colon = re.search(r"[:：]", line)
    value = line[colon.end():].strip(_STRIP) if colon else ""
    return kinds[" ".join(m["label"].split())], value


def _words(s: str) -> int:
    return len(s.split())


def _dateline(line: str) -> tuple[str, str | None] | None:
    """(place, outlet English name or None) if ``line`` is a dateline."""
    if len(line) > 70:
        return None
    m = _DATELINE.match(line)
    if not m:
        return None
    place = m["place"].strip(_STRIP)
    credit = (m["credit"] or m["credit2"] or "").strip(_STRIP)
    if not place or _words(place) > 3 or _words(credit) > 4:
        return None
    outlet = lookup_outlet(credit)
    return place, (outlet.name if outlet else None)


def inline_dateline(body: str) -> tuple[str, str] | None:
    """(place, outlet) when the body opens with a credit of a *known* outlet."""
    m = _INLINE_DATELINE.match(body[:80])
    if not m:
        return None
    place = m["place"].strip(_STRIP)
    outlet = lookup_outlet((m["credit"] or m["credit2"] or "").strip(_STRIP))
    if not outlet or not place or _words(place) > 3:
        return None
    return place, outlet.name


def _title_like(line: str) -> bool:
    return len(line) <= _TITLE_MAX_CHARS and not line.endswith(_SENTENCE_END)


def parse_header(text: str) -> Header:
    """Find the header fields and where the body starts in cleaned ``text``."""
    h = Header()
    lines: list[tuple[int, str]] = []  # (offset of first non-space char, stripped line)
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lines.append((pos + (len(raw) - len(raw.lstrip())), stripped))
        pos += len(raw) + 1
        if len(lines) > _MAX_HEADER_LINES + 20:
            break

    found_header = False
    title_at: int | None = None
    body_at: int | None = None
    seen = 0
    for i, (_off, line) in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > _MAX_HEADER_LINES:
            body_at = i
            break
        d = date_line(line)
        if d:
            h.published = h.published or d
            found_header = True
            continue
        lab = _labelled(line)
        if lab:
            kind, value = lab
            found_header = True
            if kind == "section" and value:
                h.section = h.section or value
            elif kind == "date":
                h.published = h.published or parse_date(value)
            elif kind == "source":
                o = lookup_outlet(value)
                h.outlet = h.outlet or (o.name if o else value or None)
            continue
        dl = _dateline(line)
        if dl and (title_at is not None or found_header or dl[1]):
            h.dateline, outlet = dl
            h.outlet = outlet or h.outlet
            found_header = True
            continue
        if title_at is None and h.title is None and _title_like(line) and not found_header:
            title_at = i
            continue
        body_at = i
        break

    if title_at is not None and body_at is not None and not found_header:
        # No header field confirms it: keep the first line as a title only if a blank
        # line sets it off and the body is clearly longer.
        blank_after = title_at + 1 < len(lines) and lines[title_at + 1][1] == ""
        rest = len(text) - lines[body_at][0]
        if not (blank_after and rest >= 2 * len(lines[title_at][1])):
            body_at, title_at = title_at, None
    if body_at is None:
        # Only header-ish lines: the last one read is the body (never lose text).
        body_at = title_at if title_at is not None else 0
        title_at = None
        h = Header()
    if title_at is not None:
        h.title = lines[title_at][1]
    h.body_start = lines[body_at][0] if lines else 0
    if h.dateline is None:
        inline = inline_dateline(text[h.body_start:])
        if inline:
            h.dateline, h.outlet = inline[0], h.outlet or inline[1]
    return h


def article_from_text(raw: str, origin: str) -> Article:
    """One plain-text article (already decoded)."""
    text = clean_text(raw)
    h = parse_header(text)
    body = text[h.body_start:].rstrip()
    return make_article(
        text=body,
        origin=origin,
        outlet=h.outlet,
        title=h.title,
        published=h.published,
        section=h.section,
        dateline=h.dateline,
        cleaned=True,
    )
