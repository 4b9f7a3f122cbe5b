"""Event store: articles, mentions and deduplicated canonical events.

``open_store(url)`` picks the backend from the URL: a plain path or ``sqlite:///path``
gives SQLite (the default, zero set-up), ``postgresql://...`` gives PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from hadath.store.base import COUNT_KEYS, EventQuery, IngestResult, Store, StoreError

__all__ = ["COUNT_KEYS", "EventQuery", "IngestResult", "Store", "StoreError", "open_store",
           "DEFAULT_DB"]

DEFAULT_DB = "hadath.db"


def open_store(url: str | Path = DEFAULT_DB) -> Store:
    """Open (and migrate to the latest schema) the store at ``url``."""
    url = str(url)
    if url.startswith(("postgresql://", "postgres://")):
        from hadath.store.postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):] or ":memory:"
    elif url.startswith("sqlite://"):
        url = url[len("sqlite://"):] or ":memory:"
    from hadath.store.sqlite import SQLiteStore

    return SQLiteStore(url)
