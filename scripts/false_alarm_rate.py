"""Share of the corpus's non-conflict posts (kind "other") that produce any event.

    .venv/bin/python scripts/false_alarm_rate.py ../shared/corpus/telegram-iraq-2026.jsonl
"""

from __future__ import annotations

import json
import sys
from datetime import date

from hadath.article import Article
from hadath.pipeline import extract_records


def main(path: str) -> None:
    total = fired = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("kind") != "other":
                continue
            total += 1
            article = Article(row["id"], row["text"], published=date.fromisoformat(row["date"][:10]))
            if extract_records(article):
                fired += 1
    print(f"{fired}/{total} non-conflict posts produce an event ({fired / max(total, 1):.1%})")


if __name__ == "__main__":
    main(sys.argv[1])
