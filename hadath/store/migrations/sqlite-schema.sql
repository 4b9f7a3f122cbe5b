-- hadath store, SQLite: the LATEST schema in one file, used for a fresh database.
-- Must equal what the numbered migrations build one after another (tests/store/test_migrations.py).
-- Dates are ISO 'YYYY-MM-DD' text (they sort and compare as dates). JSON columns hold the
-- complete record so no field is ever lost to the indexed projection next to it; an
-- event's JSON sits in events_json so that scans and counts of events read narrow rows.

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    text_hash   TEXT NOT NULL UNIQUE,      -- sha1 of fold(text), whitespace collapsed
    outlet      TEXT,
    title       TEXT,
    published   TEXT,
    url         TEXT,
    origin      TEXT,
    section     TEXT,
    dateline    TEXT,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);

-- A canonical event: the best fields of its mentions (see hadath/store/dedupe.py).
CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    event_date     TEXT NOT NULL,
    date_lo        TEXT NOT NULL,          -- first day the date could be (precision)
    date_hi        TEXT NOT NULL,          -- last day the date could be
    time_precision INTEGER NOT NULL,
    disorder_type  TEXT,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT,
    actor1         TEXT,
    actor2         TEXT,
    actors1        TEXT NOT NULL DEFAULT '[]',  -- JSON: every known actor1 name of the mentions
    actors2        TEXT NOT NULL DEFAULT '[]',
    actor_text     TEXT NOT NULL DEFAULT '',    -- folded names (English and Arabic) for search
    country        TEXT,
    iso            TEXT,
    admin1         TEXT,
    admin2         TEXT,
    location       TEXT,
    latitude       REAL,
    longitude      REAL,
    geo_precision  INTEGER,
    fatalities     INTEGER NOT NULL DEFAULT 0,
    mention_count  INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    injuries       INTEGER
);
-- dedupe's candidates: same type, then per time_precision a date range
CREATE INDEX events_prefilter ON events (event_type, time_precision, event_date);
-- reads: each filter of EventQuery has an index in page order (event_date DESC, id), so
-- a page stops after LIMIT rows; NOCASE = what lower(x) = lower(?) means in SQLite
CREATE INDEX events_date ON events (event_date DESC, id, fatalities);
CREATE INDEX events_country ON events (iso, event_date DESC, id, fatalities);
CREATE INDEX events_country_name ON events (country COLLATE NOCASE, event_date DESC, id, fatalities);
CREATE INDEX events_country_counts ON events (country, fatalities);
CREATE INDEX events_admin1 ON events (admin1 COLLATE NOCASE, event_date DESC, id, fatalities);
CREATE INDEX events_type ON events (event_type COLLATE NOCASE, event_date DESC, id, fatalities);
CREATE INDEX events_sub_type ON events (sub_event_type COLLATE NOCASE, event_date DESC, id, fatalities);
CREATE INDEX events_place ON events (latitude, longitude);

CREATE TABLE events_json (
    event_id TEXT PRIMARY KEY REFERENCES events (id),
    record   TEXT NOT NULL                 -- JSON: the canonical record
);

-- One extracted record of one article, with its evidence.
CREATE TABLE mentions (
    article_id      TEXT NOT NULL REFERENCES articles (id),
    idx             INTEGER NOT NULL,
    record_id       TEXT NOT NULL,         -- the record's own event_id
    event_id        TEXT NOT NULL REFERENCES events (id),
    event_date      TEXT NOT NULL,
    time_precision  INTEGER NOT NULL,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT,
    actor1          TEXT,
    actor2          TEXT,
    latitude        REAL,
    longitude       REAL,
    geo_precision   INTEGER,
    fatalities      INTEGER NOT NULL DEFAULT 0,
    evidence_folded TEXT NOT NULL,         -- for the similarity test of dedupe
    record          TEXT NOT NULL,         -- JSON: the record as extracted
    injuries        INTEGER,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_record ON mentions (record_id);

-- Full text: trigram tokens over folded text match Arabic words inside clitics
-- ("هيت" in "بهيت", "الانبار" in "والانبار"). rowid = articles.rowid / mentions.rowid.
CREATE VIRTUAL TABLE articles_fts USING fts5 (body, tokenize = 'trigram');
CREATE VIRTUAL TABLE mentions_fts USING fts5 (body, tokenize = 'trigram');
-- actor substring search over events.actor_text; rowid = events.rowid
CREATE VIRTUAL TABLE events_actors_fts USING fts5 (body, tokenize = 'trigram');
