"""What ``hadath watch`` remembers between polls and across restarts (one SQLite file).

- ``seen``: every feed item handled, by its key (guid, else link) and by URL, so an
  item is never ingested twice even when two feeds carry it or a feed changes guids.
- ``feeds``: each feed's validators (ETag, Last-Modified) for conditional requests,
  and when it was last polled, with what outcome.

Each change is committed at once, so a crash loses at most the item in hand.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,
    url TEXT,
    feed TEXT,
    article_id TEXT,
    outcome TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_url ON seen(url);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_poll REAL,
    last_outcome TEXT
);
"""


class WatchState:
    """The state file; ``path`` may be ":memory:" for a throw-away run."""

    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.executescript(_SCHEMA)
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> WatchState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def is_seen(self, key: str | None, url: str | None) -> bool:
        if key and self._db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone():
            return True
        return bool(url and self._db.execute("SELECT 1 FROM seen WHERE url = ?", (url,)).fetchone())

    def mark_seen(self, key: str, url: str | None, feed: str, article_id: str | None,
                  outcome: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO seen (key, url, feed, article_id, outcome, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (key, url, feed, article_id, outcome, time.time()),
        )
        self._db.commit()

    def seen_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0]

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (feed,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def record_poll(self, feed: str, outcome: str, etag: str | None = None,
                    last_modified: str | None = None, keep_validators: bool = True) -> None:
        """Note a poll; new validators replace old ones, absent ones keep them if asked."""
        old_etag, old_lm = self.validators(feed)
        if keep_validators:
            etag, last_modified = etag or old_etag, last_modified or old_lm
        self._db.execute(
            "INSERT OR REPLACE INTO feeds (url, etag, last_modified, last_poll, last_outcome) "
            "VALUES (?, ?, ?, ?, ?)",
            (feed, etag, last_modified, time.time(), outcome),
        )
        self._db.commit()
