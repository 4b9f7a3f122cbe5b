"""Web archives (WARC, ARC; gzipped or not) → Articles via the HTML reader.

Each ``response`` (or ``resource``) record holding an HTML page with status 200 is
one page; its URL is the record's target URI and its capture date the fallback
publication date. Archives are often truncated (interrupted crawls, partial
downloads): what was read before the break is kept, and the break is one
``ReadError`` naming the archive.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from hadath.article import Article
from hadath.readers.base import OnError, ReadError, ReadFailure
from hadath.readers.dates import parse_date

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def articles_from_warc(stream: BinaryIO, name: str, on_error: OnError) -> Iterator[Article]:
    """Every HTML page in the archive; origins are "path@OFFSET" of the record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from hadath.readers.html import article_from_html

    if not _looks_like_archive(stream):
        on_error(ReadError(name, "not a WARC or ARC archive"))
        return
    pages = 0
    end = 0
    try:
        it = ArchiveIterator(stream, arc2warc=True)
        for record in it:
            page = _page(record)
            payload = record.content_stream().read() if page else b""
            short = _short(record)
            # Only now: asking for the offset makes warcio skip to the record's end.
            origin = f"{name}@{it.get_record_offset()}"
            end = it.get_record_offset() + it.get_record_length()
            if short:
                # warcio stops quietly at the end of a cut file; a record that got fewer
                # bytes than its Content-Length says is where the archive was cut.
                on_error(ReadError(name, f"truncated archive: record at {origin} is incomplete "
                                         f"({pages} pages read before it)"))
                return
            if not page:
                continue
            url, ctype = page
            pages += 1
            try:
                yield article_from_html(
                    payload,
                    origin=origin,
                    url=url,
                    declared_charset=_charset(ctype),
                    fallback_date=parse_date(record.rec_headers.get_header("WARC-Date")),
                )
            except ReadFailure as e:
                on_error(ReadError(origin, str(e)))
        tail = _tail(stream, end)
        if tail:
            # A file cut inside a record's header: warcio takes it for the end.
            on_error(ReadError(name, f"truncated archive: {tail} bytes after the last "
                                     f"complete record at {end} ({pages} pages read)"))
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError) as e:
        # AttributeError: warcio trips over headers cut short (a missing target URI).
        on_error(ReadError(name, f"truncated or corrupt archive after {pages} pages: {e}"))


def _page(record: Any) -> tuple[str | None, str] | None:
    """(url, content type) if the record is a successfully fetched HTML page."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response" and record.http_headers is not None:
        if record.http_headers.get_statuscode() != "200":
            return None
        ctype = record.http_headers.get_header("Content-Type")
    else:
        ctype = record.rec_headers.get_header("Content-Type")
    if not ctype or ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    return url, ctype


def _short(record: Any) -> bool:
    """Drain the record's raw bytes; True if the file ended before its declared length."""
    if record.length is None:
        return True  # every WARC/ARC record declares its length; a cut header lost it
    raw = record.raw_stream
    while raw.read(65536):
        pass
    return getattr(raw, "limit", 0) > 0


def _tail(stream: BinaryIO, end: int) -> int:
    """Bytes after offset ``end`` that are not blank (0 if unknown: unseekable stream)."""
    try:
        if not stream.seekable():
            return 0
        stream.seek(end)
        return len(stream.read().strip())
    except (OSError, ValueError):
        return 0


def _looks_like_archive(stream: BinaryIO) -> bool:
    """Does the stream start like a WARC or ARC file (gzipped or not)? True if unknowable."""
    try:
        if not stream.seekable():
            return True
        pos = stream.tell()
        head = stream.read(4096)
        stream.seek(pos)
    except (OSError, ValueError):
        return True
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return False
    head = head.lstrip()
    return head.startswith(b"WARC/") or head.startswith(b"filedesc://")
