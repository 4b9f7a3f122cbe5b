"""``iter_articles``: paths in, Articles out, whatever the format.

Format is chosen by extension (``.gz`` is looked through), else by content. A
directory is walked recursively in sorted order, skipping hidden entries and files
of no known format; "-" reads standard input. Every problem becomes a ``ReadError``
handed to ``on_error``; the caller decides whether to stop (``--strict``).
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from hadath.article import Article
from hadath.readers.base import MAX_CHARS, OnError, ReadError, ReadFailure
from hadath.readers.encoding import DecodeFailure, decode, decode_line, sniff_prefix

_SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".warc": "warc", ".arc": "warc",
}
_MAX_SINGLE_FILE_BYTES = 8 * MAX_CHARS  # one article can't need more (UTF-32 would be 4x)
# One JSONL line holds one article: 1M code points, even \u-escaped, fit in 16 MB.
_MAX_LINE_BYTES = 16 * MAX_CHARS
# JSON, CSV and feeds are parsed whole. Past this size (decompressed), a file is refused
# instead of exhausting memory: a 3 MB gzip "bomb" inflates to gigabytes.
_MAX_WHOLE_FILE_BYTES = 512 * 1024 * 1024
_STDIN = "<stdin>"


def format_of(path: str | Path) -> str | None:
    """The reader for ``path`` by its name ("text", "jsonl", ..., "warc") or None."""
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return _SUFFIXES.get(Path(name).suffix)


def sniff_format(head: bytes) -> str:
    """The reader for content that came without a telling name."""
    if head.startswith(b"WARC/") or head[:40].lstrip().startswith(b"filedesc://"):
        return "warc"
    try:
        text = decode(head[:4096]).text
    except DecodeFailure:
        # A prefix may cut a multibyte character; judge from what decodes.
        text = head[:4096].decode("utf-8", "ignore")
    s = text.lstrip("\ufeff \t\r\n")
    if s.startswith("{"):
        first_line = s.split("\n", 1)[0].strip()
        return "jsonl" if first_line.endswith("}") else "json"
    if s.startswith("["):
        return "json"
    if s.startswith("<"):
        low = s[:2048].lower()
        if "<rss" in low or "<feed" in low or "<rdf:rdf" in low:
            return "feed"
        return "html"
    return "text"


def iter_articles(paths: Iterable[str | Path], on_error: OnError) -> Iterator[Article]:
    """Every article in ``paths`` (files, directories, "-" for stdin), in order."""
    for p in paths:
        if str(p) == "-":
            yield from _read_bytes(_read_stdin(), _STDIN, None, on_error)
            continue
        path = Path(p)
        if path.is_dir():
            for f in walk(path):
                yield from read_file(f, on_error)
        elif path.is_file():
            yield from read_file(path, on_error)
        else:
            on_error(ReadError(str(p), "no such file or directory"))


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def walk(root: Path, accept: Callable[[str], object] = format_of) -> Iterator[Path]:
    """Files under ``root`` whose name ``accept`` takes, in sorted path order (a/x, b/y,
    c), hidden entries skipped. The Dask partitioner walks with the same order."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(Path(entry.path), accept)
        elif entry.is_file() and accept(entry.name):
            yield Path(entry.path)


def read_file(path: Path, on_error: OnError) -> Iterator[Article]:
    """All articles in one file."""
    name = str(path)
    fmt = format_of(path)
    gz = path.name.lower().endswith(".gz")
    try:
        if fmt == "warc":
            from hadath.readers.warc import articles_from_warc

            with path.open("rb") as f:
                yield from articles_from_warc(f, name, on_error)
            return
        if fmt == "jsonl":
            with _open(path, gz) as f:
                yield from _stream_jsonl(f, name, on_error)
            return
        limit = _read_limit(fmt)
        if not gz and path.stat().st_size > limit:
            on_error(ReadError(name, _too_large(path.stat().st_size, fmt)))
            return
        with _open(path, gz) as f:
            data = f.read(limit + 1)  # a .gz may inflate far beyond its size on disk
        if len(data) > limit:
            on_error(ReadError(name, _too_large(len(data), fmt, decompressed=True)))
            return
    except (OSError, EOFError, zlib.error) as e:
        on_error(ReadError(name, f"cannot read: {e}"))
        return
    yield from _read_bytes(data, name, fmt, on_error)


def _read_limit(fmt: str | None) -> int:
    return _MAX_SINGLE_FILE_BYTES if fmt in (None, "text", "html") else _MAX_WHOLE_FILE_BYTES


def _too_large(size: int, fmt: str | None, decompressed: bool = False) -> str:
    what = "decompresses to over" if decompressed else f"file of {size:,} bytes is over"
    if fmt in (None, "text", "html"):
        return f"{what} {_MAX_SINGLE_FILE_BYTES:,} bytes: too large for one article"
    return (f"{what} {_MAX_WHOLE_FILE_BYTES:,} bytes: too large to read whole "
            "(split it, or use JSON Lines, which is streamed)")


def _open(path: Path, gz: bool) -> BinaryIO:
    return gzip.open(path, "rb") if gz else path.open("rb")  # type: ignore[return-value]


def _read_bytes(data: bytes, name: str, fmt: str | None, on_error: OnError) -> Iterator[Article]:
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as g:
                data = g.read(_MAX_WHOLE_FILE_BYTES + 1)
        except (OSError, EOFError, zlib.error) as e:
            on_error(ReadError(name, f"broken gzip data: {e}"))
            return
        if len(data) > _MAX_WHOLE_FILE_BYTES:
            on_error(ReadError(name, _too_large(len(data), "json", decompressed=True)))
            return
    if fmt is None:
        fmt = sniff_format(data[:8192])
    if fmt == "warc":
        from hadath.readers.warc import articles_from_warc

        yield from articles_from_warc(io.BytesIO(data), name, on_error)
        return
    if fmt == "html":
        from hadath.readers.html import article_from_html

        yield from _one(lambda: article_from_html(data, origin=name), name, on_error)
        return
    if fmt == "feed":
        from hadath.readers.feeds import articles_from_feed

        yield from articles_from_feed(data, name, on_error)
        return
    try:
        text = decode(data).text
    except DecodeFailure as e:
        on_error(ReadError(name, str(e)))
        return
    if fmt == "jsonl":
        from hadath.readers.jsonl import articles_from_lines

        yield from articles_from_lines(enumerate(text.split("\n"), 1), name, on_error)
    elif fmt == "json":
        from hadath.readers.jsonl import articles_from_json

        yield from articles_from_json(text, name, on_error)
    elif fmt in ("csv", "tsv"):
        from hadath.readers.csv import articles_from_csv

        yield from articles_from_csv(text, name, on_error, tab=(fmt == "tsv"))
    else:
        from hadath.readers.text import article_from_text

        yield from _one(lambda: article_from_text(text, name), name, on_error)


def _one(build: Callable[[], Article], name: str, on_error: OnError) -> Iterator[Article]:
    try:
        yield build()
    except ReadFailure as e:
        on_error(ReadError(name, str(e)))


def _stream_jsonl(f: BinaryIO, name: str, on_error: OnError) -> Iterator[Article]:
    from hadath.readers.jsonl import articles_from_lines

    prefix = f.read(65536)
    enc = sniff_prefix(prefix)
    if enc is None:
        # UTF-16/32 or unclear: decode the whole file at once.
        data = prefix + f.read(_MAX_WHOLE_FILE_BYTES + 1 - len(prefix))
        if len(data) > _MAX_WHOLE_FILE_BYTES:
            on_error(ReadError(name, _too_large(len(data), "json", decompressed=True)))
            return
        try:
            text = decode(data).text
        except DecodeFailure as e:
            # One binary or foreign line must not cost the file's good lines.
            per_line = _decode_lines(data)
            if per_line is None:
                on_error(ReadError(name, str(e)))
            else:
                yield from articles_from_lines(per_line, name, on_error)
            return
        yield from articles_from_lines(enumerate(text.split("\n"), 1), name, on_error)
        return

    def lines() -> Iterator[tuple[int, str | ReadFailure]]:
        # UTF-8 and Windows-1256 are both safe to split on b"\n"; each line is decoded
        # on its own (decode_line), so one line in another encoding costs only itself.
        stream = io.BufferedReader(_Prefixed(prefix, f))  # type: ignore[arg-type]
        lineno = 0
        while raw := stream.readline(_MAX_LINE_BYTES + 1):
            lineno += 1
            if len(raw) > _MAX_LINE_BYTES and not raw.endswith(b"\n"):
                # Too long to be one article: skip to the next line without holding it.
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield lineno, ReadFailure(f"line longer than {_MAX_LINE_BYTES:,} bytes")
                continue
            yield lineno, decode_jsonl_line(lineno, raw)

    yield from articles_from_lines(lines(), name, on_error)


def decode_jsonl_line(lineno: int, raw: bytes) -> str | ReadFailure:
    """One JSONL line decoded on its own (a BOM dropped from line 1), or why it cannot be.
    The streaming reader and the Dask partition reader share it, so both report alike."""
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return decode_line(raw)
    except DecodeFailure as e:
        return ReadFailure(str(e))


def _decode_lines(data: bytes) -> list[tuple[int, str | ReadFailure]] | None:
    """Each line decoded on its own (``decode_line``), or None when most lines are not
    text (a binary file is one error, not one per line) or the file is UTF-16/32."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data.count(b"\x00") > len(data) // 8:
        return None
    out: list[tuple[int, str | ReadFailure]] = []
    good = bad = 0
    for lineno, raw in enumerate(data.split(b"\n"), 1):
        try:
            out.append((lineno, decode_line(raw)))
            good += bool(raw.strip())
        except DecodeFailure as e:
            out.append((lineno, ReadFailure(str(e))))
            bad += 1
    return out if good > bad else None


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read, then continues from the file."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(b), len(self._prefix))
            b[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        chunk = self._rest.read(len(b))
        b[: len(chunk)] = chunk
        return len(chunk)
