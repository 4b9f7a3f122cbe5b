-- hadath store, PostgreSQL: the LATEST schema in one file, used for a fresh database.
-- Must equal what the numbered migrations build one after another (tests/store/test_migrations.py).
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
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    injuries       INTEGER
);
CREATE INDEX events_prefilter ON events (event_type, time_precision, event_date);
CREATE INDEX events_date ON events (event_date DESC, id);
CREATE INDEX events_country ON events (iso, event_date DESC, id);
CREATE INDEX events_country_name ON events (lower(country));
CREATE INDEX events_admin1 ON events (lower(admin1));
CREATE INDEX events_type ON events (lower(event_type));
CREATE INDEX events_sub_type ON events (lower(sub_event_type));
CREATE INDEX events_place ON events (latitude, longitude);
CREATE INDEX events_actors ON events USING gin (actor_text gin_trgm_ops);

-- the canonical record, apart so that scans and counts of events read narrow rows
CREATE TABLE events_json (
    event_id TEXT PRIMARY KEY REFERENCES events (id),
    record   JSONB NOT NULL
);

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
    injuries        INTEGER,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_record ON mentions (record_id);
CREATE INDEX mentions_search ON mentions USING gin (search gin_trgm_ops);
