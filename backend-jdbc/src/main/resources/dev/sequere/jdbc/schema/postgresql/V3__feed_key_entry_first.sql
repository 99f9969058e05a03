-- Sequere JDBC backend, schema version 3, PostgreSQL 15+: feed rows keyed entry first.
-- Replace ${prefix} with the backend's table prefix (default "sequere_") when applying by hand.
-- A fan-out writes one entry into the feeds of every follower. With the unique key in the order
-- (owner_rid, feed_name, entry_id) each of those rows lands on a leaf page of its own owner, so
-- 100 000 deliveries touched about 100 000 key pages; in the order (entry_id, owner_rid,
-- feed_name) they sit side by side, and at the end of the key when entry ids grow with time (as
-- generated action ids do). Lookups of one entry in one feed use all three columns either way, and
-- pages keep using the by-score index. Measured on this project's machine, 20 fan-outs of 100 000
-- into one table: PostgreSQL 15-20% faster and about 40% less WAL; MariaDB 0.6 s instead of 1.7 s
-- per fan-out once the table held a million rows (InnoDB stores rows in key order).
-- The key is rebuilt under an exclusive lock on the table. For a large table without the pause:
-- CREATE UNIQUE INDEX CONCURRENTLY ${prefix}feed_rows_entry_key ON ${prefix}feed_rows (entry_id, owner_rid, feed_name);
-- then, in one transaction, drop ${prefix}feed_rows_pk and ADD CONSTRAINT ${prefix}feed_rows_pk
-- PRIMARY KEY USING INDEX ${prefix}feed_rows_entry_key, and record version 3 as below.
-- The whole script runs in one transaction (PostgreSQL's DDL is transactional).

ALTER TABLE ${prefix}feed_rows DROP CONSTRAINT IF EXISTS ${prefix}feed_rows_pk;
ALTER TABLE ${prefix}feed_rows ADD CONSTRAINT ${prefix}feed_rows_pk PRIMARY KEY (entry_id, owner_rid, feed_name);

INSERT INTO ${prefix}schema_version (version, description) VALUES (3, 'feed_key_entry_first') ON CONFLICT (version) DO NOTHING;
