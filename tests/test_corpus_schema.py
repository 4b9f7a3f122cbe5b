"""Every record over the whole shared corpus validates, and every evidence span is exact."""

from __future__ import annotations

import pytest

from hadath.batch import extract_stream
from hadath.readers import iter_articles


@pytest.mark.parametrize("name", ["telegram-iraq-2026.jsonl", "saudinewsnet-2015-08.jsonl"])
def test_corpus_records_are_schema_valid(shared, event_validator, name):
    errors = []
    articles = {}

    def keep(stream):
        for a in stream:
            articles[a.id] = a.text
            yield a

    n_records = 0
    n_articles = 0
    for outcome in extract_stream(keep(iter_articles([shared / "corpus" / name], errors.append))):
        n_articles += 1
        assert outcome.error is None, outcome.error
        for r in outcome.records:
            event_validator.validate(r)
            text = articles[r["article_id"]]
            for span in r["evidence"]:
                assert text[span["start"]:span["end"]] == span["text"]
            n_records += 1
    assert not errors
    assert n_articles > 400
    assert n_records > 50
