"""Load gold files and turn their rows into Articles, so gold and prediction share one path."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hadath.article import Article


@dataclass
class GoldItem:
    article: Article
    events: list[dict[str, Any]] = field(default_factory=list)
    category: str | None = None  # sentence gold (upetrarch): ASSAULT or PROTEST


def load_gold(path: str | Path) -> tuple[str, list[GoldItem]]:
    """Return (kind, items): kind is 'articles' (events[] per row) or 'sentences'."""
    items: list[GoldItem] = []
    kind = "articles"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            published = date.fromisoformat(row["date"][:10]) if row.get("date") else None
            article = Article(id=str(row["id"]), text=row["text"], outlet=row.get("outlet"),
                              title=row.get("title"), published=published, url=row.get("url"))
            if "category" in row and "events" not in row:
                kind = "sentences"
                items.append(GoldItem(article, category=row["category"]))
            else:
                items.append(GoldItem(article, list(row.get("events") or [])))
    return kind, items


def load_predictions(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    by_article: dict[str, list[dict[str, Any]]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                by_article.setdefault(str(rec["article_id"]), []).append(rec)
    return by_article
