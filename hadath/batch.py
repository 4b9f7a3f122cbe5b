"""Run extraction over a stream of articles, in one process or a pool, losing nothing.

One bad article (a reader error, or a crash inside the pipeline) is reported with its
origin and skipped; every other article still produces its records, in input order.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from hadath.article import Article


@dataclass
class Outcome:
    article: Article
    records: list[dict[str, Any]]
    error: str | None = None


def _extract_one(article: Article) -> Outcome:
    from hadath.pipeline import extract_records

    try:
        records = extract_records(article)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not cost the run
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Outcome(_light(article), [], f"extraction failed: {detail}")
    return Outcome(_light(article), records)


def _light(article: Article) -> Article:
    """Drop the pipeline's working state before sending an article between processes."""
    article.normalised = None
    article.mentions = []
    article.sentences = []
    article.events = []
    return article


def extract_stream(articles: Iterable[Article], workers: int = 1,
                   chunksize: int = 16) -> Iterator[Outcome]:
    """Yield one Outcome per article, in input order."""
    if workers <= 1:
        for article in articles:
            yield _extract_one(article)
        return
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    if method == "fork":
        _load_knowledge()  # once, before forking: the workers share its pages
    ctx = mp.get_context(method)
    stop: list[BaseException] = []
    with ctx.Pool(workers) as pool:
        yield from pool.imap(_extract_one, _until_error(articles, stop), chunksize=chunksize)
    if stop:
        # the reader stopped (--strict): every article before it has been yielded, as
        # with one worker, and only now does the stop reach the caller
        raise stop[0]


def _until_error(articles: Iterable[Article], stop: list[BaseException]) -> Iterator[Article]:
    """Feed the pool, but keep an exception from the input for after the pool drains:
    raised inside imap's feeder thread it would cost the chunk being built."""
    try:
        yield from articles
    except Exception as exc:  # noqa: BLE001 - re-raised by extract_stream
        stop.append(exc)


def _load_knowledge() -> None:
    """Run the pipeline once on a tiny article, so every lazily loaded lexicon is loaded."""
    from hadath.pipeline import extract_records

    extract_records(Article(id="hadath-warm-up", text="قتل شخص في هجوم على بغداد أمس."))
