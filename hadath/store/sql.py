"""What both SQL backends share: ingest with dedupe, queries, migrations.

SQL is written once with ``?`` placeholders; a backend supplies the connection, the
transaction, JSON conversion, full-text and distance clauses, and the schema dump. Every
public method holds the store's lock (the API serves from threads) and turns driver
errors into ``StoreError`` so the CLI can report a store failure in one line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from hadath.arabic.normalise import fold
from hadath.article import Article
from hadath.store import dedupe
from hadath.store.base import COUNT_KEYS, EventQuery, IngestResult, StoreError
from hadath.store.migrate import (
    SCHEMA_VERSION_TABLE,
    latest_schema,
    latest_version,
    migrations,
)

T = TypeVar("T")
MAX_CANDIDATES = 200


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    """Hold the lock; report driver errors as StoreError, on one line."""

    @functools.wraps(method)
    def wrapper(self: SQLStore, *args: Any, **kwargs: Any) -> T:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except self._driver_errors as exc:
                # one line: psycopg's messages wrap over several (DETAIL:, HINT:, ...)
                message = " ".join(str(exc).split()) or type(exc).__name__
                raise StoreError(f"{self.backend} store {self.display_url}: "
                                 f"{message}") from exc

    return wrapper


def like_pattern(term: str) -> str:
    """``%term%`` with LIKE's wildcards escaped (used with ESCAPE '\\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def is_iso2(value: str) -> bool:
    """Whether a country filter is an ISO 3166 alpha-2 code rather than a name."""
    return len(value) == 2 and value.isascii() and value.isalpha()


def query_terms(q: str | None) -> list[str]:
    """Folded search terms; each must occur (as a substring) for a hit."""
    return dedupe.collapse(q).split() if q else []


def _iso(value: date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def canonical_id(record_id: str) -> str:
    return "ev-" + hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:16]


class SQLStore:
    """Store logic over a DB-API connection; subclasses fill in the dialect."""

    backend = "sql"
    # True: the backend keeps folded search text in a ``search`` column of articles and
    # mentions; False: it indexes through ``_index_article``/``_index_mention``.
    _inline_search = False
    _driver_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()

    # --- dialect hooks ------------------------------------------------------------
    @property
    def display_url(self) -> str:
        return self.url

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        raise NotImplementedError

    def _tx(self, write: bool = True) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _json_in(self, obj: Any) -> Any:
        return json.dumps(obj, ensure_ascii=False, sort_keys=True)

    def _json_out(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str | bytes) else value

    def _article_search_clause(self, terms: list[str]) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def _mention_search_clause(self, terms: list[str]) -> tuple[str, list[Any]]:
        """SQL selecting event ids (column ``event_id``) of mentions matching all terms."""
        raise NotImplementedError

    def _km_clause(self, lat: float, lon: float) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def _ci_equals(self, column: str) -> str:
        """``column`` equals one parameter, ignoring case, in a form an index serves."""
        raise NotImplementedError

    def _actor_clause(self, term: str) -> tuple[str, list[Any]]:
        """Events whose ``actor_text`` contains the folded ``term``."""
        raise NotImplementedError

    def _index_event(self, event_id: str, actor_text: str, insert: bool) -> None:
        """Index an event's folded actor names (backends that need a side index)."""

    def _index_article(self, article_id: str, body: str) -> None:
        """Index an article's folded text (backends without a ``search`` column)."""
        raise NotImplementedError

    def _index_mention(self, article_id: str, idx: int, body: str) -> None:
        raise NotImplementedError

    def _apply_sql(self, sql: str) -> None:
        """Run a migration script inside the current transaction."""
        raise NotImplementedError

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def schema_dump(self) -> str:
        raise NotImplementedError

    # --- helpers --------------------------------------------------------------------
    def _all(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return list(self._execute(sql, params).fetchall())

    def _one(self, sql: str, params: tuple | list = ()) -> tuple | None:
        return self._execute(sql, params).fetchone()

    # --- migrations -----------------------------------------------------------------
    def schema_version(self) -> int:
        with self._lock:
            if not self._table_exists("schema_version"):
                return 0
            row = self._one("SELECT max(version) FROM schema_version")
            return int(row[0] or 0) if row else 0

    def migrate(self, target: int | None = None) -> int:
        """Bring the schema to ``target`` (default: latest); returns the version reached.

        A database with no tables gets the latest schema file in one step when the
        target is the latest; otherwise the numbered migrations run one by one, each in
        its own transaction together with its ``schema_version`` row.
        """
        latest = latest_version(self.backend)
        target = latest if target is None else target
        with self._lock:
            with self._tx():
                fresh = not self._table_exists("schema_version")
                if fresh:
                    self._apply_sql(SCHEMA_VERSION_TABLE)
                    if target == latest:
                        self._apply_sql(latest_schema(self.backend))
                        for mig in migrations(self.backend):
                            self._record_version(mig.version, mig.name)
                        return latest
            current = self.schema_version()
            if current > latest:
                raise StoreError(f"database schema version {current} is newer than this "
                                 f"hadath ({latest}); upgrade hadath")
            for mig in migrations(self.backend):
                if current < mig.version <= target:
                    with self._tx():
                        # another process may have migrated meanwhile
                        if self.schema_version() >= mig.version:
                            continue
                        self._apply_sql(mig.sql)
                        self._record_version(mig.version, mig.name)
            return self.schema_version()

    def _record_version(self, version: int, name: str) -> None:
        self._execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                      (version, name, _now()))

    # --- ingest ---------------------------------------------------------------------
    @guarded
    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    @guarded
    def has_text(self, text: str) -> bool:
        """Whether an article with this normalised text is stored (under any id)."""
        return self._one("SELECT 1 FROM articles WHERE text_hash = ?",
                         (dedupe.text_hash(text),)) is not None

    @guarded
    def ingest(self, article: Article, records: list[dict[str, Any]]) -> IngestResult:
        for record in records:
            problem = dedupe.check_record(record)
            if problem:
                raise ValueError(f"{article.id}: {problem}")
        thash = dedupe.text_hash(article.text)
        with self._tx():
            if self._one("SELECT 1 FROM articles WHERE id = ? OR text_hash = ?",
                         (article.id, thash)):
                return IngestResult(article_added=False)
            self._insert_article(article, thash)
            created = joined = 0
            for idx, record in enumerate(records):
                if self._add_mention(article, idx, record):
                    joined += 1
                else:
                    created += 1
            return IngestResult(True, len(records), created, joined)

    def _insert_article(self, article: Article, thash: str) -> None:
        body = fold(f"{article.title or ''}\n{article.text}")
        columns = {"id": article.id, "text_hash": thash, "outlet": article.outlet,
                   "title": article.title, "published": _iso(article.published),
                   "url": article.url, "origin": article.origin, "section": article.section,
                   "dateline": article.dateline, "text": article.text, "ingested_at": _now()}
        if self._inline_search:
            columns["search"] = body
        self._insert("articles", columns)
        if not self._inline_search:
            self._index_article(article.id, body)

    def _insert(self, table: str, columns: dict[str, Any]) -> None:
        names = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        self._execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(columns.values()))

    def _mention_key(self, article_id: str, record: dict[str, Any]) -> dedupe.MentionKey:
        return dedupe.MentionKey(
            article_id=article_id,
            event_type=record["event_type"],
            day=date.fromisoformat(record["event_date"]),
            time_precision=int(record.get("time_precision") or 2),
            latitude=record.get("latitude"),
            longitude=record.get("longitude"),
            geo_precision=record.get("geo_precision"),
            actor1=dedupe.actor_name(record.get("actor1")),
            actor2=dedupe.actor_name(record.get("actor2")),
            evidence=dedupe.evidence_text(record),
        )

    def _candidates(self, key: dedupe.MentionKey) -> list[dedupe.Candidate]:
        geo, geo_params = "", []
        if key.latitude is not None and key.longitude is not None:
            min_lat, max_lat, min_lon, max_lon = dedupe.bbox_around(
                key.latitude, key.longitude, dedupe.MAX_RADIUS_KM)
            geo = (" AND (latitude IS NULL OR (latitude BETWEEN ? AND ? "
                   "AND longitude BETWEEN ? AND ?))")
            geo_params = [min_lat, max_lat, min_lon, max_lon]
        parts, params = [], []
        for precision, first, last in key.search_ranges():
            parts.append("SELECT id, event_type, date_lo, date_hi, latitude, longitude, "
                         "geo_precision, actors1, actors2 FROM events WHERE event_type = ? "
                         f"AND time_precision = ? AND event_date BETWEEN ? AND ?{geo}")
            params += [key.event_type, precision, first.isoformat(), last.isoformat(),
                       *geo_params]
        sql = " UNION ALL ".join(parts) + " ORDER BY 1 LIMIT ?"
        params.append(MAX_CANDIDATES)
        cands = {}
        for row in self._all(sql, params):
            cands[row[0]] = dedupe.Candidate(
                event_id=row[0], event_type=row[1], date_lo=date.fromisoformat(row[2]),
                date_hi=date.fromisoformat(row[3]), latitude=row[4], longitude=row[5],
                geo_precision=row[6], actors1=frozenset(json.loads(row[7])),
                actors2=frozenset(json.loads(row[8])))
        if cands:
            marks = ", ".join("?" * len(cands))
            for event_id, article_id, evidence, day, tp, lat, lon, gp in self._all(
                    "SELECT event_id, article_id, evidence_folded, event_date, time_precision, "
                    f"latitude, longitude, geo_precision FROM mentions WHERE event_id IN ({marks})",
                    list(cands)):
                cand = cands[event_id]
                cand.article_ids.add(article_id)
                cand.evidence.append(evidence)
                cand.members.append(dedupe.Member(date.fromisoformat(day), tp, lat, lon, gp))
        return list(cands.values())

    def _add_mention(self, article: Article, idx: int, record: dict[str, Any]) -> bool:
        """Store one record; True when it joined an existing event."""
        record = dict(record)
        record.setdefault("article_id", article.id)
        record_id = str(record.get("event_id") or f"{article.id}#{idx}")
        key = self._mention_key(article.id, record)
        match = dedupe.choose(key, self._candidates(key))
        info = {"id": article.id, "outlet": article.outlet, "url": article.url,
                "title": article.title, "date": _iso(article.published)}
        if match is None:
            event_id = canonical_id(record_id)
            canon = dedupe.canonical(event_id, [{"record": record, "article": info}])
            self._write_event(event_id, canon, [record], insert=True)
        else:
            event_id = match.event_id
        columns = {
            "article_id": article.id, "idx": idx, "record_id": record_id, "event_id": event_id,
            "event_date": record["event_date"],
            "time_precision": int(record.get("time_precision") or 2),
            "event_type": record["event_type"], "sub_event_type": record.get("sub_event_type"),
            "actor1": key.actor1, "actor2": key.actor2, "latitude": key.latitude,
            "longitude": key.longitude, "geo_precision": key.geo_precision,
            "fatalities": int(record.get("fatalities") or 0), "evidence_folded": key.evidence,
            "record": self._json_in(record), "injuries": record.get("injuries"),
        }
        body = dedupe.search_text(record)
        if self._inline_search:
            columns["search"] = body
        self._insert("mentions", columns)
        if not self._inline_search:
            self._index_mention(article.id, idx, body)
        if match is not None:
            mentions = self._event_mentions(event_id)
            canon = dedupe.canonical(event_id, mentions)
            self._write_event(event_id, canon, [m["record"] for m in mentions], insert=False)
        return match is not None

    def _event_mentions(self, event_id: str) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT m.record, a.id, a.outlet, a.url, a.title, a.published FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? "
            "ORDER BY COALESCE(a.published, ''), a.id, m.idx", (event_id,))
        return [{"record": self._json_out(r[0]),
                 "article": {"id": r[1], "outlet": r[2], "url": r[3], "title": r[4],
                             "date": r[5]}} for r in rows]

    def _write_event(self, event_id: str, canon: dict[str, Any],
                     records: list[dict[str, Any]], insert: bool) -> None:
        day = date.fromisoformat(canon["event_date"])
        lo, hi = dedupe.date_window(day, int(canon.get("time_precision") or 2))
        names1 = sorted({n for r in records
                         if dedupe.known_actor(n := dedupe.actor_name(r.get("actor1")))})
        names2 = sorted({n for r in records
                         if dedupe.known_actor(n := dedupe.actor_name(r.get("actor2")))})
        actor_text = "\n".join(sorted({fold(n) for r in records
                                       for n in dedupe.actor_names(r)}))
        columns = {
            "event_date": canon["event_date"], "date_lo": lo.isoformat(),
            "date_hi": hi.isoformat(), "time_precision": int(canon.get("time_precision") or 2),
            "disorder_type": canon.get("disorder_type"), "event_type": canon["event_type"],
            "sub_event_type": canon.get("sub_event_type"),
            "actor1": dedupe.actor_name(canon.get("actor1")),
            "actor2": dedupe.actor_name(canon.get("actor2")),
            "actors1": json.dumps(names1, ensure_ascii=False),
            "actors2": json.dumps(names2, ensure_ascii=False),
            "actor_text": actor_text, "country": canon.get("country"),
            "iso": canon.get("iso"), "admin1": canon.get("admin1"),
            "admin2": canon.get("admin2"), "location": canon.get("location"),
            "latitude": canon.get("latitude"), "longitude": canon.get("longitude"),
            "geo_precision": canon.get("geo_precision"),
            "fatalities": int(canon.get("fatalities") or 0),
            "mention_count": canon["mention_count"],
            "updated_at": _now(), "injuries": canon.get("injuries"),
        }
        # the JSON lives in events_json so that scans and counts of events stay narrow
        if insert:
            columns["id"] = event_id
            columns["created_at"] = columns["updated_at"]
            self._insert("events", columns)
            self._insert("events_json", {"event_id": event_id, "record": self._json_in(canon)})
        else:
            sets = ", ".join(f"{k} = ?" for k in columns)
            self._execute(f"UPDATE events SET {sets} WHERE id = ?", [*columns.values(), event_id])
            self._execute("UPDATE events_json SET record = ? WHERE event_id = ?",
                          (self._json_in(canon), event_id))
        self._index_event(event_id, actor_text, insert)

    # --- queries --------------------------------------------------------------------
    def _where(self, query: EventQuery, *, use_q: bool = True,
               use_dates: bool = True) -> tuple[str, list[Any]]:
        """WHERE clause over ``events e`` for a query."""
        clauses: list[str] = []
        params: list[Any] = []
        if use_dates and query.date_from:
            clauses.append("e.event_date >= ?")
            params.append(_iso(query.date_from))
        if use_dates and query.date_to:
            clauses.append("e.event_date <= ?")
            params.append(_iso(query.date_to))
        # case-insensitive equality, each served by an index ordered for the page
        for column in ("event_type", "sub_event_type", "admin1"):
            value = getattr(query, column)
            if value:
                clauses.append(self._ci_equals(f"e.{column}"))
                params.append(value)
        if query.country:
            # an ISO2 code (the schema allows nothing else in ``iso``) or a country name
            if is_iso2(query.country):
                clauses.append("e.iso = ?")
                params.append(query.country.upper())
            else:
                clauses.append(self._ci_equals("e.country"))
                params.append(query.country)
        if query.actor:
            clause, clause_params = self._actor_clause(fold(query.actor).strip())
            clauses.append(clause)
            params += clause_params
        terms = query_terms(query.q) if use_q else []
        if terms:
            sub, sub_params = self._mention_search_clause(terms)
            clauses.append(f"e.id IN ({sub})")
            params += sub_params
        if query.bbox:
            min_lon, min_lat, max_lon, max_lat = query.bbox
            clauses.append("e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?")
            params += [min_lon, max_lon, min_lat, max_lat]
        if query.near:
            lat, lon, km = query.near
            min_lat, max_lat, min_lon, max_lon = dedupe.bbox_around(lat, lon, km)
            clauses.append("e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?")
            params += [min_lat, max_lat, min_lon, max_lon]
            expr, expr_params = self._km_clause(lat, lon)
            clauses.append(f"{expr} <= ?")
            params += [*expr_params, km]
        return (" AND ".join(clauses) or "1 = 1"), params

    @guarded
    def events(self, query: EventQuery) -> tuple[list[dict[str, Any]], int]:
        """One page, newest first, and the number of all matches.

        The page's ids are chosen from the narrow events rows (an index in page order
        where a filter has one), and only then is the JSON of those ids read, so rows
        skipped by a deep offset cost an index entry each, not a record.
        """
        where, params = self._where(query)
        with self._tx(write=False):
            total = self._one(f"SELECT count(*) FROM events e WHERE {where}", params)
            rows = self._all(
                "SELECT j.record FROM (SELECT e.id, e.event_date FROM events e "
                f"WHERE {where} ORDER BY e.event_date DESC, e.id LIMIT ? OFFSET ?) p "
                "JOIN events_json j ON j.event_id = p.id ORDER BY p.event_date DESC, p.id",
                [*params, max(0, query.limit), max(0, query.offset)])
        return [self._json_out(r[0]) for r in rows], int(total[0] if total else 0)

    def iter_events(self, query: EventQuery, page: int = 1000) -> Iterator[dict[str, Any]]:
        """Every event matching ``query`` (its limit/offset ignored), oldest first,
        fetched page by page (keyset, not OFFSET) so an export of millions of events
        neither holds them all nor slows down page after page."""
        where, params = self._where(query)
        after: tuple[str, str] | None = None
        while True:
            clause, extra = where, list(params)
            if after is not None:
                clause += " AND (e.event_date > ? OR (e.event_date = ? AND e.id > ?))"
                extra += [after[0], after[0], after[1]]
            rows = self._page(clause, extra, page)
            for row in rows:
                yield self._json_out(row[0])
            if len(rows) < page:
                return
            after = (rows[-1][1], rows[-1][2])

    @guarded
    def _page(self, where: str, params: list[Any], page: int) -> list[tuple]:
        with self._tx(write=False):
            return self._all(
                "SELECT j.record, p.event_date, p.id FROM (SELECT e.id, e.event_date "
                f"FROM events e WHERE {where} ORDER BY e.event_date, e.id LIMIT ?) p "
                "JOIN events_json j ON j.event_id = p.id ORDER BY p.event_date, p.id",
                [*params, page])

    @guarded
    def event(self, event_id: str) -> dict[str, Any] | None:
        with self._tx(write=False):
            row = self._one("SELECT record FROM events_json WHERE event_id = ?", (event_id,))
            if row is None:
                return None
            canon = self._json_out(row[0])
            mentions = self._event_mentions(event_id)
        canon["mentions"] = [{**m["record"], "canonical_event_id": event_id} for m in mentions]
        return canon

    def _article_where(self, q: str | None, query: EventQuery | None
                       ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        terms = query_terms(q)
        if terms:
            sub, sub_params = self._article_search_clause(terms)
            clauses.append(sub)
            params += sub_params
        if query is not None:
            if query.date_from:
                clauses.append("a.published >= ?")
                params.append(_iso(query.date_from))
            if query.date_to:
                clauses.append("a.published <= ?")
                params.append(_iso(query.date_to))
            ev_where, ev_params = self._where(query, use_q=False, use_dates=False)
            if ev_params:
                clauses.append("EXISTS (SELECT 1 FROM mentions m JOIN events e ON "
                               f"e.id = m.event_id WHERE m.article_id = a.id AND {ev_where})")
                params += ev_params
        return (" AND ".join(clauses) or "1 = 1"), params

    @guarded
    def articles(self, q: str | None = None, limit: int = 100, offset: int = 0,
                 query: EventQuery | None = None) -> tuple[list[dict[str, Any]], int]:
        """Articles (no text), newest first; ``query`` optionally narrows them to
        publication dates and to articles with a matching event."""
        where, params = self._article_where(q, query)
        with self._tx(write=False):
            total = self._one(f"SELECT count(*) FROM articles a WHERE {where}", params)
            rows = self._all(
                "SELECT a.id, a.outlet, a.title, a.published, a.url, a.origin, a.ingested_at, "
                "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id) "
                f"FROM articles a WHERE {where} "
                "ORDER BY COALESCE(a.published, '') DESC, a.id LIMIT ? OFFSET ?",
                [*params, max(0, limit), max(0, offset)])
        keys = ("id", "outlet", "title", "date", "url", "origin", "ingested_at",
                "mention_count")
        return [dict(zip(keys, r, strict=True)) for r in rows], int(total[0] if total else 0)

    @guarded
    def article(self, article_id: str) -> dict[str, Any] | None:
        with self._tx(write=False):
            row = self._one(
                "SELECT id, outlet, title, published, url, origin, section, dateline, text, "
                "ingested_at FROM articles WHERE id = ?", (article_id,))
            if row is None:
                return None
            mentions = self._all("SELECT record, event_id FROM mentions WHERE article_id = ? "
                                 "ORDER BY idx", (article_id,))
        keys = ("id", "outlet", "title", "date", "url", "origin", "section", "dateline",
                "text", "ingested_at")
        out = dict(zip(keys, row, strict=True))
        out["events"] = [{**self._json_out(rec), "canonical_event_id": ev}
                         for rec, ev in mentions]
        return out

    @guarded
    def counts(self, by: str, query: EventQuery) -> list[dict[str, Any]]:
        if by not in COUNT_KEYS:
            raise ValueError(f"counts by {by!r}: expected one of {', '.join(COUNT_KEYS)}")
        column = "e.event_date" if by == "day" else f"e.{by}"
        order = "key" if by == "day" else "count(*) DESC, key"
        where, params = self._where(query)
        with self._tx(write=False):
            rows = self._all(
                f"SELECT {column} AS key, count(*), COALESCE(sum(e.fatalities), 0) "
                f"FROM events e WHERE {where} GROUP BY {column} ORDER BY {order}", params)
        return [{"key": k, "count": int(c), "fatalities": int(f)} for k, c, f in rows]

    @guarded
    def totals(self) -> dict[str, int]:
        """Row counts of the main tables (for summaries and tests)."""
        out = {}
        for table in ("articles", "mentions", "events"):
            row = self._one(f"SELECT count(*) FROM {table}")
            out[table] = int(row[0]) if row else 0
        return out

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
