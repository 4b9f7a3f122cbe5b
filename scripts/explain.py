"""Show what each stage found in one text: a debugging aid for lexicon and rule work.

    .venv/bin/python scripts/explain.py "نص عربي" [--date 2019-03-03]
"""

from __future__ import annotations

import argparse
from datetime import date

from hadath.article import Article
from hadath.pipeline import DEFAULT_ORDER, Pipeline
from hadath.records import to_records


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("--date", default=None)
    args = ap.parse_args()
    published = date.fromisoformat(args.date) if args.date else None
    article = Article("explain", args.text, published=published)
    names = [n for n, _, _ in DEFAULT_ORDER]
    article = Pipeline(DEFAULT_ORDER[: names.index("detect") + 1])(article)
    for s in article.sentences:
        print(f"[{s.index}] {article.text[s.start:s.end]}")
        for m in article.mentions:
            if m.sentence == s.index:
                extra = m.value if m.kind in ("cue", "precision", "casualty") else ""
                if m.kind in ("date",):
                    extra = (m.value.date, m.value.precision, m.value.year_only)
                if m.kind == "number":
                    extra = m.value.value
                print(f"    {m.kind:<12} {m.key:<32} {m.text!r} {m.strength} {extra or ''}")
    print("detected:", [(e.sentence, e.sub_event_type, e.trigger.text) for e in article.events])
    article = Pipeline(DEFAULT_ORDER[names.index("detect") + 1:])(article)
    print("countries:", article.countries)
    for r in to_records(article):
        print(r["event_date"], r["sub_event_type"], r["actor1"]["name"], "|",
              (r["actor2"] or {}).get("name"), "|", r["location"], r["iso"], r["geo_precision"],
              r["fatalities"], r["injuries"])


if __name__ == "__main__":
    main()
