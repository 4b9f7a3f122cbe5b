"""The read → extract → store loop, shared by ``hadath ingest`` and ``hadath watch``.

Each article is stored in its own transaction, so a killed run keeps everything it
committed; articles already in the store (by id or by identical normalised text) are
skipped *before* extraction, so a rerun resumes where the last one stopped at almost
no cost. Bad input (a reader error, an article the pipeline fails on, a malformed
record) is reported through ``on_error(origin, message)`` and skipped; a store failure
raises ``StoreError`` and stops the loop (what was committed stays).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from hadath.article import Article
from hadath.store import Store
from hadath.store.dedupe import check_record

OnError = Callable[[str, str], None]


@dataclass
class IngestStats:
    """What a run did; ``bad`` counts every reported problem."""

    articles_read: int = 0
    articles_added: int = 0
    articles_skipped: int = 0  # already stored (resume, re-ingest, reprints)
    mentions_added: int = 0
    events_created: int = 0
    events_joined: int = 0
    bad: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def summary(self) -> str:
        return (f"{self.articles_read:,} articles read: {self.articles_added:,} added, "
                f"{self.articles_skipped:,} already stored; {self.mentions_added:,} event "
                f"mentions: {self.events_created:,} new events, {self.events_joined:,} joined "
                f"existing ones; {self.bad:,} bad records skipped")


def _known(store: Store, article: Article) -> bool:
    has_text = getattr(store, "has_text", None)
    return store.has_article(article.id) or bool(has_text and has_text(article.text))


def ingest_articles(articles: Iterable[Article], store: Store, *, workers: int = 1,
                    on_error: OnError | None = None,
                    progress: Callable[[IngestStats], None] | None = None,
                    stats: IngestStats | None = None) -> IngestStats:
    """Extract and store every article not yet stored; returns the run's statistics."""
    from hadath.batch import extract_stream

    stats = stats or IngestStats()
    report = on_error or (lambda origin, message: None)

    def fresh() -> Iterator[Article]:
        for article in articles:
            stats.articles_read += 1
            if _known(store, article):
                stats.articles_skipped += 1
                continue
            yield article

    for outcome in extract_stream(fresh(), workers):
        article = outcome.article
        origin = article.origin or article.id
        if outcome.error:
            stats.bad += 1
            report(origin, outcome.error)
            continue
        records = []
        for i, record in enumerate(outcome.records):
            problem = check_record(record)
            if problem:
                stats.bad += 1
                report(origin, f"record {i}: {problem}")
            else:
                records.append(record)
        result = store.ingest(article, records)
        if result.article_added:
            stats.articles_added += 1
            stats.mentions_added += result.mentions_added
            stats.events_created += result.events_created
            stats.events_joined += result.events_joined
        else:  # a copy of an article stored earlier in this same run
            stats.articles_skipped += 1
        if progress:
            progress(stats)
    return stats


def ingest_paths(paths: Iterable[str | Path], store: Store, *, workers: int = 1,
                 on_error: OnError | None = None,
                 progress: Callable[[IngestStats], None] | None = None) -> IngestStats:
    """Read files/folders/'-' with ``hadath.readers`` and ingest every article."""
    from hadath.readers import ReadError, iter_articles

    stats = IngestStats()
    report = on_error or (lambda origin, message: None)

    def read_error(err: ReadError) -> None:
        stats.bad += 1
        report(err.origin, err.message)

    return ingest_articles(iter_articles(list(paths), read_error), store, workers=workers,
                           on_error=on_error, progress=progress, stats=stats)
