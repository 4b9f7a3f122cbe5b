-- version 2: injuries as a column (backfilled from the JSON record) and the index that
-- lets dedupe find candidate events in O(1): same type, then per time_precision a date
-- range only as wide as that precision allows.
ALTER TABLE events ADD COLUMN injuries INTEGER;
ALTER TABLE mentions ADD COLUMN injuries INTEGER;
UPDATE events SET injuries = json_extract(record, '$.injuries');
UPDATE mentions SET injuries = json_extract(record, '$.injuries');
CREATE INDEX events_prefilter ON events (event_type, time_precision, event_date);
