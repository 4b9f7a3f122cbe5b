"""Fuzz the whole extraction on mutated Arabic news.

The first three bytes choose the publication date (as in fuzz_dates), the rest is the
article text, cleaned as every reader cleans it (no lone surrogates or control
characters: the pipeline's input contract); seeds are real corpus articles. Properties: ``extract_records`` does not
raise; every record is valid against the event schema; every evidence span is the text
it claims to be; no event is dated after publication; fatalities are non-negative.

    python fuzz/fuzz_extract.py -max_total_time=60
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_dates import published_of  # noqa: E402
from fuzzkit import SHARED, corpus_rows, instrumented, main, text_of  # noqa: E402

with instrumented(__name__ == "__main__"):
    from hadath.article import Article
    from hadath.pipeline import extract_records
    from hadath.readers.clean import drop_unprintable

_VALIDATOR = None


def validator():
    global _VALIDATOR
    if _VALIDATOR is None:
        from jsonschema import Draft202012Validator

        schema = json.loads((SHARED / "schema" / "event.schema.json").read_text("utf-8"))
        _VALIDATOR = Draft202012Validator(schema)
    return _VALIDATOR


def check(text: str, published) -> list[dict]:
    article = Article(id="fuzz", text=text, published=published, outlet="fuzz")
    records = extract_records(article)
    for rec in records:
        errors = sorted(validator().iter_errors(rec), key=str)
        assert not errors, f"schema: {errors[0].message} at {list(errors[0].path)}"
        for ev in rec["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"], ev
        if published is not None:
            assert rec["event_date"] <= published.isoformat(), (rec["event_date"], published)
        assert rec["fatalities"] >= 0
        json.dumps(rec, ensure_ascii=False).encode("utf-8")  # writable as the CLI writes it
    return records


def test_one_input(data: bytes) -> None:
    check(drop_unprintable(text_of(data[3:])), published_of(data[:3]))


def seeds(limit: int) -> list[bytes]:
    from datetime import date

    out = []
    for row in corpus_rows(limit):
        day = date.fromisoformat(row["date"]) if row.get("date") else None
        head = (b"\xff\xff\xff" if day is None else
                (day.toordinal() - date(2019, 3, 3).toordinal() + 0x800000).to_bytes(3, "big"))
        out.append(head + row["text"].encode("utf-8"))
    return out


if __name__ == "__main__":
    main(__file__, test_one_input, seeds)
