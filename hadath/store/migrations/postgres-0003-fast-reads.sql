-- version 3: fast reads, as in sqlite-0003-fast-reads.sql. The canonical JSON moves to
-- events_json (a scan or count of events reads narrow rows); case-insensitive filters
-- get lower(...) expression indexes, the page order (event_date DESC, id) an index,
-- places a (latitude, longitude) index and actor names a trigram index for LIKE.
CREATE TABLE events_json (
    event_id TEXT PRIMARY KEY REFERENCES events (id),
    record   JSONB NOT NULL
);
INSERT INTO events_json (event_id, record) SELECT id, record FROM events;
ALTER TABLE events DROP COLUMN record;
DROP INDEX events_date;
DROP INDEX events_country;
CREATE INDEX events_date ON events (event_date DESC, id);
CREATE INDEX events_country ON events (iso, event_date DESC, id);
CREATE INDEX events_country_name ON events (lower(country));
CREATE INDEX events_admin1 ON events (lower(admin1));
CREATE INDEX events_type ON events (lower(event_type));
CREATE INDEX events_sub_type ON events (lower(sub_event_type));
CREATE INDEX events_place ON events (latitude, longitude);
CREATE INDEX events_actors ON events USING gin (actor_text gin_trgm_ops);
