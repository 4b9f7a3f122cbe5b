"""SQLite backend: the default, one file, WAL, zero set-up.

WAL lets the API read while ``hadath ingest`` writes; each article is one ``BEGIN
IMMEDIATE`` transaction, so a killed ingest loses nothing it committed. Full text uses
FTS5 with the trigram tokenizer over folded text (rowids shared with ``articles`` and
``mentions``), which matches Arabic words inside clitics.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hadath.store import dedupe
from hadath.store.base import StoreError
from hadath.store.migrate import latest_version
from hadath.store.sql import SQLStore, like_pattern


def _km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    if lat1 is None or lon1 is None:
        return None
    return dedupe.distance_km(lat1, lon1, lat2, lon2)


MMAP_BYTES = 1 << 30


class SQLiteStore(SQLStore):
    backend = "sqlite"
    _driver_errors = (sqlite3.Error,)

    def __init__(self, path: str, *, migrate: bool = True) -> None:
        super().__init__(path)
        # True when the file could only be opened for reading (read-only media or
        # permissions): reads work, writes raise StoreError
        self.read_only = False
        try:
            if path != ":memory:":
                parent = Path(path).expanduser().resolve().parent
                if not parent.is_dir():
                    raise StoreError(f"sqlite store {path}: folder {parent} does not exist")
                path = str(Path(path).expanduser())
            try:
                self._conn = self._open_writable(path)
            except sqlite3.OperationalError as exc:
                if path == ":memory:" or not Path(path).is_file() or not _cannot_write(exc):
                    raise
                self._conn = _open_read_only(path, exc)
                self.read_only = True
            # NORMAL is durable against a killed process (only a power cut may lose the
            # last commits), and much faster than FULL for per-article transactions.
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            # reads of a large store come from memory-mapped pages and a 64 MiB cache
            # rather than one read() a page (the API answers from this connection)
            self._conn.execute("PRAGMA cache_size = -65536")
            self._conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._conn.create_function("hadath_km", 4, _km, deterministic=True)
            if self.read_only:
                self._check_read_only_schema()
            elif migrate:
                self.migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"sqlite store {path}: {exc}") from exc

    @staticmethod
    def _open_writable(path: str) -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            if path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _check_read_only_schema(self) -> None:
        """A read-only file cannot be migrated: refuse one at an older schema clearly
        rather than fail on a missing column in the middle of a query."""
        current, latest = self.schema_version(), latest_version(self.backend)
        if current < latest:
            raise StoreError(f"sqlite store {self.url}: opened read-only at schema version "
                             f"{current}, this hadath needs {latest}; open it once where "
                             f"it is writable to migrate it")

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self._conn.execute(sql, params)

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[None]:
        if write and self.read_only:
            raise StoreError(f"sqlite store {self.url}: opened read-only (the file or its "
                             f"folder is not writable), so nothing can be written")
        if self._conn.in_transaction:  # nested: the outer transaction decides
            yield
            return
        self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")

    def migrate(self, target: int | None = None) -> int:
        """As ``SQLStore.migrate``, with foreign keys off while the scripts run: a
        migration that rebuilds a table (create, copy, drop, rename: the procedure the
        SQLite manual gives) could not drop a table other tables refer to otherwise.
        ``_apply_sql`` checks every reference before its transaction commits."""
        with self._lock:
            self._conn.execute("PRAGMA foreign_keys = OFF")
            try:
                return super().migrate(target)
            finally:
                self._conn.execute("PRAGMA foreign_keys = ON")

    def _apply_sql(self, sql: str) -> None:
        self._run_script(sql)
        broken = self._one("PRAGMA foreign_key_check")
        if broken:
            raise StoreError(f"sqlite store {self.display_url}: migration left a broken "
                             f"reference in table {broken[0]} (rowid {broken[1]})")

    def _run_script(self, sql: str) -> None:
        buffer = ""
        for line in sql.splitlines(keepends=True):
            buffer += line
            if sqlite3.complete_statement(buffer):
                statement = buffer.strip()
                buffer = ""
                if statement.strip(";").strip() and not _only_comments(statement):
                    self._conn.execute(statement)
        if buffer.strip() and not _only_comments(buffer):
            self._conn.execute(buffer)

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                         (name,)) is not None

    def _index_article(self, article_id: str, body: str) -> None:
        self._execute("INSERT INTO articles_fts (rowid, body) "
                      "SELECT rowid, ? FROM articles WHERE id = ?", (body, article_id))

    def _index_mention(self, article_id: str, idx: int, body: str) -> None:
        self._execute("INSERT INTO mentions_fts (rowid, body) SELECT rowid, ? FROM mentions "
                      "WHERE article_id = ? AND idx = ?", (body, article_id, idx))

    @staticmethod
    def _fts(terms: list[str]) -> tuple[str, list[Any]]:
        """WHERE for an FTS5 trigram table: MATCH for terms of 3+ characters, LIKE for
        shorter ones (trigrams cannot index them)."""
        long_terms = [t for t in terms if len(t) >= 3]
        clauses, params = [], []
        if long_terms:
            clauses.append("body MATCH ?")
            params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
        for t in terms:
            if len(t) < 3:
                clauses.append("body LIKE ? ESCAPE '\\'")
                params.append(like_pattern(t))
        return " AND ".join(clauses), params

    def _article_search_clause(self, terms: list[str]) -> tuple[str, list[Any]]:
        where, params = self._fts(terms)
        return f"a.rowid IN (SELECT rowid FROM articles_fts WHERE {where})", params

    def _mention_search_clause(self, terms: list[str]) -> tuple[str, list[Any]]:
        where, params = self._fts(terms)
        return (f"SELECT m.event_id FROM mentions m WHERE m.rowid IN "
                f"(SELECT rowid FROM mentions_fts WHERE {where})"), params

    def _km_clause(self, lat: float, lon: float) -> tuple[str, list[Any]]:
        return "hadath_km(e.latitude, e.longitude, ?, ?)", [lat, lon]

    def _ci_equals(self, column: str) -> str:
        # NOCASE folds ASCII only, exactly as SQLite's lower() does, and matches the
        # COLLATE NOCASE indexes of migration 3
        return f"{column} = ? COLLATE NOCASE"

    def _actor_clause(self, term: str) -> tuple[str, list[Any]]:
        if len(term) < 3:  # trigrams cannot index it: scan the (narrow) events rows
            return "e.actor_text LIKE ? ESCAPE '\\'", [like_pattern(term)]
        where, params = self._fts([term])
        return f"e.rowid IN (SELECT rowid FROM events_actors_fts WHERE {where})", params

    def _index_event(self, event_id: str, actor_text: str, insert: bool) -> None:
        if not insert:
            self._execute("DELETE FROM events_actors_fts WHERE rowid = "
                          "(SELECT rowid FROM events WHERE id = ?)", (event_id,))
        self._execute("INSERT INTO events_actors_fts (rowid, body) "
                      "SELECT rowid, ? FROM events WHERE id = ?", (actor_text, event_id))

    def schema_dump(self) -> str:
        """A structural description of the schema (columns, keys, indexes, virtual
        tables), independent of how the CREATE statements were formatted."""
        with self._lock:
            lines = []
            for kind, name, sql in self._all(
                    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                    "ORDER BY type, name"):
                if kind == "table" and sql and sql.upper().startswith("CREATE VIRTUAL"):
                    lines.append(f"virtual {name}: {' '.join(sql.split())}")
                    continue
                if kind != "table":
                    continue
                lines.append(f"table {name}")
                for col in self._all(f"PRAGMA table_xinfo('{name}')"):
                    lines.append(f"  column {tuple(col)}")
                for fk in self._all(f"PRAGMA foreign_key_list('{name}')"):
                    lines.append(f"  fk {tuple(fk)}")
                for idx in sorted(self._all(f"PRAGMA index_list('{name}')"),
                                  key=lambda r: r[1]):
                    cols = [tuple(c) for c in self._all(f"PRAGMA index_xinfo('{idx[1]}')")]
                    lines.append(f"  index {idx[1]} unique={idx[2]} origin={idx[3]} "
                                 f"partial={idx[4]} {cols}")
            return "\n".join(lines)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _cannot_write(exc: sqlite3.Error) -> bool:
    """Whether opening for writing failed for want of write access (CANTOPEN: WAL
    cannot create its -shm file; READONLY: the journal_mode pragma cannot write)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return False
    return code & 0xFF in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)


def _open_read_only(path: str, cause: sqlite3.Error) -> sqlite3.Connection:
    """Open ``path`` for reading only, for a database on read-only media or without
    write permission. ``mode=ro`` first; a WAL database whose -shm file cannot be
    created then needs ``immutable=1`` (safe here: nobody can write the file either).
    Raises ``cause`` when neither opens."""
    base = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"
    for uri in (base, base + "&immutable=1"):
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            conn.close()
            continue
        return conn
    raise cause


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())
