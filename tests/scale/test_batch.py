"""``extract_stream`` with a pool gives exactly what one process gives, in input order."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from hadath.article import Article
from hadath.batch import extract_stream
from hadath.readers import iter_articles

CORPUS = Path("/work/shared/corpus")


def _articles(n: int) -> list[Article]:
    errors: list = []
    news = list(islice(iter_articles([CORPUS / "saudinewsnet-2015-08.jsonl"], errors.append), n))
    tg = list(islice(iter_articles([CORPUS / "telegram-iraq-2026.jsonl"], errors.append), n))
    assert not errors
    # Interleave long and short articles so workers finish out of order.
    return [a for pair in zip(news, tg, strict=True) for a in pair]


def test_two_workers_equal_one_in_order_and_content():
    one = [(o.article.id, o.records, o.error) for o in extract_stream(_articles(120), workers=1)]
    two = [(o.article.id, o.records, o.error)
           for o in extract_stream(iter(_articles(120)), workers=2, chunksize=3)]
    assert [x[0] for x in two] == [x[0] for x in one]
    assert two == one
    assert sum(len(x[1]) for x in one) > 0
    assert all(x[2] is None for x in one)


def test_the_outcome_keeps_the_article_text_and_origin():
    arts = _articles(5)
    outs = list(extract_stream(arts, workers=2))
    assert [(o.article.text, o.article.origin) for o in outs] == [(a.text, a.origin) for a in arts]
