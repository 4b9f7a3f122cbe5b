"""The pipeline: named stages run in order over one Article.

Each stage is a plain function ``stage(article) -> article`` in ``hadath/stages``; the
order is data (``DEFAULT_ORDER``), so ``hadath pipeline`` can print it and a caller can
run a prefix of it (the benchmarks time each stage that way). Stages talk only through
the Article, never through globals; knowledge they need is loaded once, lazily.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hadath.article import Article
from hadath.records import to_records
from hadath.stages.describe import describe
from hadath.stages.detect import detect
from hadath.stages.merge import merge
from hadath.stages.normalise import normalise
from hadath.stages.recognise import recognise
from hadath.stages.resolve import resolve
from hadath.stages.segment import segment

Stage = Callable[[Article], Article]

DEFAULT_ORDER: tuple[tuple[str, Stage, str], ...] = (
    ("normalise", normalise, "fold the text for matching; keep the offset map"),
    ("segment", segment, "sentences and paragraphs with original offsets"),
    ("recognise", recognise, "places, actors, triggers, cues, numbers, dates"),
    ("detect", detect, "event candidates: type, sub-type, hierarchy, cancel cues"),
    ("resolve", resolve, "each event's date, place, actors, counts, attribution"),
    ("merge", merge, "one event per real-world event within the article"),
    ("describe", describe, "an English note and a confidence per event"),
)


@dataclass
class Pipeline:
    stages: tuple[tuple[str, Stage, str], ...] = DEFAULT_ORDER
    timings: dict[str, float] = field(default_factory=dict)
    timed: bool = False

    def __call__(self, article: Article) -> Article:
        for name, stage, _ in self.stages:
            if self.timed:
                t0 = time.perf_counter()
                article = stage(article)
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
            else:
                article = stage(article)
        return article

    def names(self) -> list[str]:
        return [name for name, _, _ in self.stages]


_DEFAULT = Pipeline()


def process(article: Article) -> Article:
    """Run the default pipeline over one article."""
    return _DEFAULT(article)


def extract_records(article: Article) -> list[dict]:
    """Run the pipeline and return schema-valid event records for the article."""
    return to_records(process(article))


def extract_many(articles: Iterable[Article]) -> Iterable[tuple[Article, list[dict]]]:
    for article in articles:
        yield article, extract_records(article)
