"""What every reader shares: the error record, the article id and the size limit.

Readers never raise on bad input: they hand a ``ReadError`` to the caller's
``on_error`` and go on with the next record, because one broken line in a
million-line archive must not cost the other 999,999. ``ReadFailure`` is the
internal exception a helper raises to say "skip this one"; the dispatcher turns it
into a ``ReadError``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hadath.article import Article
from hadath.readers.clean import clean_text, drop_unprintable
from hadath.readers.dates import plausible

MAX_CHARS = 1_000_000  # larger "articles" are dumps or concatenations, not news items
# Metadata is short in real input. Hostile input is not: an XML entity expands a title
# to megabytes, and a 3,000-character id cannot be indexed by PostgreSQL (one such
# record would stop a whole ingest). Ids longer than MAX_ID_CHARS (the API's limit
# too) are replaced by a hash of themselves, which keeps re-ingest idempotent.
MAX_ID_CHARS = 200
MAX_FIELD_CHARS = 1_000
MAX_URL_CHARS = 4_000


@dataclass(frozen=True)
class ReadError:
    """One input that could not be read: where ("path:line" or "path") and why."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


OnError = Callable[[ReadError], None]


class ReadFailure(Exception):
    """Raised inside a reader to skip one record (or file) with a message."""


def article_id(outlet: str | None, title: str | None, text: str) -> str:
    """A stable id for an article that came without one: same content, same id."""
    h = hashlib.sha1()
    for part in (outlet or "", title or "", text):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return "sha1:" + h.hexdigest()[:16]


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(clean_text(str(value)).split())
    if len(s) > MAX_FIELD_CHARS:
        s = s[:MAX_FIELD_CHARS - 1].rstrip() + "…"
    return s or None


def _clean_id(value: object) -> str:
    given = drop_unprintable(str(value)).strip()
    if len(given) > MAX_ID_CHARS:
        return "id-sha1:" + hashlib.sha1(given.encode("utf-8")).hexdigest()[:20]
    return given


def make_article(
    *,
    text: str,
    origin: str,
    id: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: date | None = None,
    section: str | None = None,
    dateline: str | None = None,
    url: str | None = None,
    cleaned: bool = False,
) -> Article:
    """Build an Article from reader output: clean, check size and emptiness, fill the id.

    ``cleaned`` says the text was already cleaned (the plain-text reader cleans before
    it parses the header, so its offsets are already final).
    """
    if not cleaned:
        text = clean_text(text)
    if len(text) > MAX_CHARS:
        raise ReadFailure(f"article has {len(text):,} characters, over the {MAX_CHARS:,} limit")
    if not text.strip():
        raise ReadFailure("no text")
    outlet = _clean_field(outlet)
    title = _clean_field(title)
    # Ids and URLs are written out verbatim (JSON, CSV, SQL): a lone surrogate or a
    # control character from a hostile record would make them unwritable.
    given = _clean_id(id) if id is not None else ""
    url = drop_unprintable(str(url)).strip() if url else None
    if url and len(url) > MAX_URL_CHARS:
        url = None
    return Article(
        id=given or article_id(outlet, title, text),
        text=text,
        outlet=outlet,
        title=title,
        published=plausible(published),
        section=_clean_field(section),
        dateline=_clean_field(dateline),
        url=url or None,
        origin=origin,
    )
