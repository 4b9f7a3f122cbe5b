"""PostgreSQL backend (psycopg 3): the same store for a shared server.

Each ingest transaction first takes one transaction-scoped advisory lock, so concurrent
``hadath ingest`` processes cannot both create the same canonical event; readers are
never blocked. The store lives in the connection's ``current_schema()``, so
``?options=-csearch_path%3Dhadath,public`` in the URL keeps it in its own schema.
Search matches folded terms as substrings through ``pg_trgm`` GIN indexes
(see migrations/postgres-0001-initial.sql for why not the ``arabic`` configuration).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from hadath.store.base import StoreError
from hadath.store.sql import SQLStore, like_pattern

INGEST_LOCK = 0x68616461  # "hada": any constant shared by all hadath writers
_PLACEHOLDER = re.compile(r"\?")
_PASSWORD = re.compile(r"(://[^:/@]+:)[^@]*@")


class PostgresStore(SQLStore):
    backend = "postgres"
    _inline_search = True
    _driver_errors = (psycopg.Error,)

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        super().__init__(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
            if migrate:
                self.migrate()
        except psycopg.Error as exc:
            message = " ".join(str(exc).split()) or type(exc).__name__  # one line
            raise StoreError(f"postgres store {self.display_url}: {message}") from exc

    @property
    def display_url(self) -> str:
        return _PASSWORD.sub(r"\1***@", self.url)

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self._conn.execute(_PLACEHOLDER.sub("%s", sql), params)  # type: ignore[arg-type]

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[None]:
        if self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield
            return
        with self._conn.transaction():
            if write:
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
            yield

    def _json_in(self, obj: Any) -> Any:
        return Jsonb(obj)

    def _apply_sql(self, sql: str) -> None:
        self._conn.execute(sql)  # type: ignore[arg-type]  # several statements, no params

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT to_regclass(quote_ident(current_schema()) || '.' || ?) "
                         "IS NOT NULL", (name,)) == (True,)

    @staticmethod
    def _likes(column: str, terms: list[str]) -> tuple[str, list[Any]]:
        return (" AND ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in terms),
                [like_pattern(t) for t in terms])

    def _article_search_clause(self, terms: list[str]) -> tuple[str, list[Any]]:
        return self._likes("a.search", terms)

    def _mention_search_clause(self, terms: list[str]) -> tuple[str, list[Any]]:
        where, params = self._likes("m.search", terms)
        return f"SELECT m.event_id FROM mentions m WHERE {where}", params

    def _km_clause(self, lat: float, lon: float) -> tuple[str, list[Any]]:
        expr = ("(6371.0088 * 2 * asin(least(1.0, sqrt("
                "power(sin(radians(e.latitude - ?) / 2), 2) + cos(radians(?)) * "
                "cos(radians(e.latitude)) * power(sin(radians(e.longitude - ?) / 2), 2)))))")
        return expr, [lat, lat, lon]

    def _ci_equals(self, column: str) -> str:
        return f"lower({column}) = lower(?)"  # served by the lower(...) indexes

    def _actor_clause(self, term: str) -> tuple[str, list[Any]]:
        return "e.actor_text LIKE ? ESCAPE '\\'", [like_pattern(term)]  # trigram index

    def schema_dump(self) -> str:
        """Columns, constraints, indexes and extensions of the store's schema."""
        with self._lock:
            lines = []
            # positions renumbered 1..n: a dropped column leaves a gap in
            # ordinal_position that a fresh table does not have
            for row in self._all(
                    "SELECT table_name, row_number() OVER (PARTITION BY table_name "
                    "ORDER BY ordinal_position), column_name, data_type, is_nullable, "
                    "column_default FROM information_schema.columns WHERE table_schema = "
                    "current_schema() ORDER BY table_name, ordinal_position"):
                lines.append(f"column {tuple(row)}")
            for row in self._all(
                    "SELECT c.conrelid::regclass::text, c.conname, c.contype, "
                    "pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n "
                    "ON n.oid = c.connamespace WHERE n.nspname = current_schema() ORDER BY 1, 2"):
                lines.append(f"constraint {tuple(row)}")
            for row in self._all(
                    "SELECT tablename, indexname, replace(indexdef, "
                    "quote_ident(current_schema()) || '.', '') FROM pg_indexes "
                    "WHERE schemaname = current_schema() ORDER BY 1, 2"):
                lines.append(f"index {tuple(row)}")
            for row in self._all("SELECT extname FROM pg_extension ORDER BY 1"):
                lines.append(f"extension {row[0]}")
            return "\n".join(lines)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


__all__ = ["PostgresStore", "StoreError"]
