"""Fuzz the readers: any bytes, under any file name, give Articles or ReadErrors.

The first byte picks the file's extension (.txt, .jsonl, .json, .csv, .tsv, .html,
.xml, .warc, .warc.gz, .jsonl.gz or none), the rest is the file. Seeds are corpus
articles written in every format plus the readers' test fixtures. Properties: no
exception; every ReadError names the file; every Article has non-blank text within the
size limit, a non-empty id, fields that encode as UTF-8 (no lone surrogates, no control
characters) and a plausible publication date.

    python fuzz/fuzz_readers.py -max_total_time=60
"""

from __future__ import annotations

import atexit
import csv
import gzip
import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzkit import REPO, corpus_rows, instrumented, main  # noqa: E402

with instrumented(__name__ == "__main__"):
    from hadath.readers import MAX_CHARS, iter_articles
    from hadath.readers.dates import FIRST_YEAR, LAST_YEAR

EXTS = (".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".xml", ".warc", ".warc.gz",
        ".jsonl.gz", "")
_DIR = Path(tempfile.mkdtemp(prefix="hadath-fuzz-readers-"))
atexit.register(shutil.rmtree, _DIR, True)


def check_file(path: Path) -> int:
    """Read ``path``; assert the readers' contract; return how many articles came out."""
    errors = []
    n = 0
    for article in iter_articles([path], errors.append):
        n += 1
        assert article.text.strip() and len(article.text) <= MAX_CHARS
        assert article.id
        for value in (article.id, article.text, article.url, article.title, article.outlet):
            if value is not None:
                value.encode("utf-8")  # raises on a lone surrogate
                assert "\x00" not in value
        assert article.published is None or FIRST_YEAR <= article.published.year <= LAST_YEAR
    for e in errors:
        assert e.origin.startswith(str(path)) and e.message, e
    return n


def test_one_input(data: bytes) -> None:
    if not data:
        return
    path = _DIR / f"input{EXTS[data[0] % len(EXTS)]}"
    path.write_bytes(data[1:])
    check_file(path)


def _as_formats(row: dict) -> dict[str, bytes]:
    text, title = row["text"], row.get("title") or ""
    outlet, day = row.get("outlet") or "", row.get("date") or ""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "outlet", "title", "date", "text"])
    w.writerow([row["id"], outlet, title, day, text])
    line = json.dumps(row, ensure_ascii=False)
    html = (f'<html><head><title>{title}</title><meta property="article:published_time" '
            f'content="{day}"></head><body><article><p>{text}</p></article></body></html>')
    rss = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>'
           f'{outlet}</title><item><title>{title}</title><description>{text}</description>'
           f'<pubDate>{day}</pubDate></item></channel></rss>')
    payload = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}".encode()
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\n"
            b"WARC-Date: 2019-03-03T10:00:00Z\r\nContent-Type: application/http; msgtype=response"
            b"\r\nContent-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload
            + b"\r\n\r\n")
    return {".jsonl": (line + "\n" + line + "\n").encode(), ".json": f"[{line}]".encode(),
            ".csv": buf.getvalue().encode(), ".tsv": buf.getvalue().replace(",", "\t").encode(),
            ".txt": f"{outlet}\n{title}\n{day}\n{text}\n".encode(), ".html": html.encode(),
            ".xml": rss.encode(), ".warc": warc, ".warc.gz": gzip.compress(warc),
            ".jsonl.gz": gzip.compress(line.encode()), "": text.encode("utf-8")}


def seeds(limit: int) -> list[bytes]:
    out = []
    for row in corpus_rows(max(1, limit // len(EXTS))):
        for ext, data in _as_formats(row).items():
            out.append(bytes([EXTS.index(ext)]) + data)
    fixtures = REPO / "tests" / "fixtures" / "readers"
    for f in sorted(fixtures.glob("*")) if fixtures.is_dir() else []:
        ext = {".atom": ".xml"}.get(f.suffix, f.suffix)
        if ext in EXTS:
            out.append(bytes([EXTS.index(ext)]) + f.read_bytes())
    return out


if __name__ == "__main__":
    main(__file__, test_one_input, seeds)
