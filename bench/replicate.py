"""Benchmark input: the real corpus, replicated in memory to any size with distinct ids.

Replicas share the original's text object (no copy), so a 100,000-article run costs
the memory of the 1,925 originals plus one small Article at a time; what the peak
RSS then shows is the pipeline's, not the input's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hadath.article import Article

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


@dataclass(frozen=True)
class Source:
    """The fields of one article as read, enough to build fresh copies of it."""

    id: str
    text: str
    outlet: str | None
    title: str | None
    published: object
    url: str | None
    origin: str | None

    @property
    def nbytes(self) -> int:
        return len(self.text.encode("utf-8"))


def load(paths: Sequence[str | Path] = (CORPUS,)) -> list[Source]:
    """Every article under ``paths`` (read with hadath's readers); read errors are fatal."""
    from hadath.readers import iter_articles

    errors: list = []
    out = [Source(a.id, a.text, a.outlet, a.title, a.published, a.url, a.origin)
           for a in iter_articles([str(p) for p in paths], errors.append)]
    if errors:
        raise SystemExit(f"cannot read the benchmark corpus: {errors[0]}")
    if not out:
        raise SystemExit(f"no articles under {', '.join(map(str, paths))}")
    return out


def fresh(src: Source, copy: int = 0) -> Article:
    """A new Article for ``src``; copy k > 0 gets the id ``<id>~k``."""
    return Article(id=src.id if copy == 0 else f"{src.id}~{copy}", text=src.text,
                   outlet=src.outlet, title=src.title, published=src.published,  # type: ignore[arg-type]
                   url=src.url, origin=src.origin)


def replicate(sources: Sequence[Source], n: int, start: int = 0) -> Iterator[Article]:
    """Articles ``start`` .. ``start + n - 1`` of the corpus repeated end to end."""
    k = len(sources)
    for i in range(start, start + n):
        yield fresh(sources[i % k], i // k)


def total_bytes(sources: Sequence[Source], n: int) -> int:
    """UTF-8 bytes of text in the first ``n`` replicated articles."""
    k = len(sources)
    sizes = [s.nbytes for s in sources]
    full, rest = divmod(n, k)
    return full * sum(sizes) + sum(sizes[:rest])


def write_jsonl(sources: Sequence[Source], n: int, path: Path) -> int:
    """Write ``n`` replicated articles as JSON Lines (for runs that read files); bytes written."""
    with path.open("w", encoding="utf-8") as fh:
        for a in replicate(sources, n):
            fh.write(json.dumps({"id": a.id, "outlet": a.outlet, "title": a.title,
                                 "date": a.published.isoformat() if a.published else None,
                                 "url": a.url, "text": a.text}, ensure_ascii=False) + "\n")
    return path.stat().st_size
