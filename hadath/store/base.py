"""The store's contract: one Protocol, one query object, one result type.

Both backends (SQLite, PostgreSQL) implement ``Store`` exactly, so the CLI, the API
and ``watch`` never know which database they talk to. Everything here is plain data;
the backends live in ``sqlite.py`` and ``postgres.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from hadath.article import Article

COUNT_KEYS = ("day", "event_type", "sub_event_type", "country", "admin1")


class StoreError(Exception):
    """A database failure the CLI reports in one line (exit code 3)."""


@dataclass
class EventQuery:
    """Filters shared by ``events``, ``counts``, search and export.

    ``country`` accepts an English name or an ISO2 code; ``actor`` is a case-insensitive
    substring of any actor name (English or Arabic); ``q`` is folded exactly like the
    extraction folds text, so "الأنبار" finds "الانبار"; ``bbox`` is
    (min_lon, min_lat, max_lon, max_lat); ``near`` is (lat, lon, km).
    """

    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class IngestResult:
    """What one ``Store.ingest`` call changed; all zero/False for a repeat article."""

    article_added: bool
    mentions_added: int = 0
    events_created: int = 0
    events_joined: int = 0


@runtime_checkable
class Store(Protocol):
    """A database of articles, their extracted records (mentions) and canonical events."""

    url: str

    def ingest(self, article: Article, records: list[dict[str, Any]]) -> IngestResult:
        """Store one article and its records in one transaction, deduplicating into
        canonical events. Idempotent by article id and by identical normalised text."""
        ...

    def has_article(self, article_id: str) -> bool: ...

    def events(self, query: EventQuery) -> tuple[list[dict[str, Any]], int]:
        """One page of canonical events (newest first) and the total matching count."""
        ...

    def event(self, event_id: str) -> dict[str, Any] | None:
        """A canonical event with "mentions", "sources" and "evidence"."""
        ...

    def articles(self, q: str | None, limit: int, offset: int
                 ) -> tuple[list[dict[str, Any]], int]:
        """A page of articles (without text), optionally full-text filtered."""
        ...

    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article with "text" and "events" (its mention records)."""
        ...

    def counts(self, by: str, query: EventQuery) -> list[dict[str, Any]]:
        """Rows {"key", "count", "fatalities"} grouped by one of ``COUNT_KEYS``."""
        ...

    def close(self) -> None: ...
