-- hadath store, PostgreSQL, version 1: articles, mentions, canonical events, full-text search.
-- Dates are ISO 'YYYY-MM-DD' text, as in the SQLite backend, so both answer identically.
--
-- Search uses pg_trgm, not the built-in `arabic` text-search configuration: the `search`
-- columns hold fold(text) (hadath.arabic.normalise) and a query term matches as a
-- substring (LIKE '%term%', served by a GIN trigram index). That is exactly what SQLite's
-- FTS5 trigram tokenizer does, so "هيت" finds "بهيت" and "الانبار" finds "والانبار" on both
-- backends, whereas the Snowball Arabic stemmer matches whole stems only and would make
-- the two backends disagree.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    text_hash   TEXT NOT NULL UNIQUE,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,
    url         TEXT,
    origin      TEXT,
    section     TEXT,
    dateline    TEXT,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    search      TEXT NOT NULL             -- fold(title + text)
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_search ON articles USING gin (search gin_trgm_ops);

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    event_date     TEXT NOT NULL,
    date_lo        TEXT NOT NULL,
    date_hi        TEXT NOT NULL,
    time_precision INTEGER NOT NULL,
    disorder_type  TEXT,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT,
    actor1         TEXT,
    actor2         TEXT,
    actors1        TEXT NOT NULL DEFAULT '[]',
    actors2        TEXT NOT NULL DEFAULT '[]',
    actor_text     TEXT NOT NULL DEFAULT '',
    country        TEXT,
    iso            TEXT,
    admin1         TEXT,
    admin2         TEXT,
    location       TEXT,
    latitude       DOUBLE PRECISION,
    longitude      DOUBLE PRECISION,
    geo_precision  INTEGER,
    fatalities     INTEGER NOT NULL DEFAULT 0,
    mention_count  INTEGER NOT NULL DEFAULT 0,
    record         JSONB NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_country ON events (iso);

CREATE TABLE mentions (
    article_id      TEXT NOT NULL REFERENCES articles (id),
    idx             INTEGER NOT NULL,
    record_id       TEXT NOT NULL,
    event_id        TEXT NOT NULL REFERENCES events (id),
    event_date      TEXT NOT NULL,
    time_precision  INTEGER NOT NULL,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT,
    actor1          TEXT,
    actor2          TEXT,
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    geo_precision   INTEGER,
    fatalities      INTEGER NOT NULL DEFAULT 0,
    evidence_folded TEXT NOT NULL,
    record          JSONB NOT NULL,
    search          TEXT NOT NULL,         -- folded evidence, notes, places, actor names
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_record ON mentions (record_id);
CREATE INDEX mentions_search ON mentions USING gin (search gin_trgm_ops);
