-- Sequere JDBC backend, schema version 1, H2 2.x.
-- Replace ${prefix} with the backend's table prefix (default "sequere_") when applying by hand.
-- Times are epoch microseconds (BIGINT). H2 compares VARCHAR by UTF-16 code units: a fixed,
-- binary order, so ties on time are broken deterministically.

CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  version INT NOT NULL PRIMARY KEY,
  description VARCHAR(200) NOT NULL,
  installed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- One row per edge follower -> followee; the primary key makes duplicates impossible.
CREATE TABLE IF NOT EXISTS ${prefix}follows (
  follower_type VARCHAR(64) NOT NULL,
  follower_id VARCHAR(255) NOT NULL,
  followee_type VARCHAR(64) NOT NULL,
  followee_id VARCHAR(255) NOT NULL,
  since_us BIGINT NOT NULL,
  CONSTRAINT ${prefix}follows_pk PRIMARY KEY (follower_type, follower_id, followee_type, followee_id)
);
-- Listings in (time, ref) order for both directions, all types and one type.
CREATE INDEX IF NOT EXISTS ${prefix}follows_followings ON ${prefix}follows (follower_type, follower_id, since_us, followee_type, followee_id);
CREATE INDEX IF NOT EXISTS ${prefix}follows_followings_t ON ${prefix}follows (follower_type, follower_id, followee_type, since_us, followee_id);
CREATE INDEX IF NOT EXISTS ${prefix}follows_followers ON ${prefix}follows (followee_type, followee_id, since_us, follower_type, follower_id);
CREATE INDEX IF NOT EXISTS ${prefix}follows_followers_t ON ${prefix}follows (followee_type, followee_id, follower_type, since_us, follower_id);

-- One row per entry per feed: narrow (the body lives once in items), unique by entry id.
CREATE TABLE IF NOT EXISTS ${prefix}feed_entries (
  owner_type VARCHAR(64) NOT NULL,
  owner_id VARCHAR(255) NOT NULL,
  feed_name VARCHAR(64) NOT NULL,
  entry_id VARCHAR(255) NOT NULL,
  score BIGINT NOT NULL,
  CONSTRAINT ${prefix}feed_entries_pk PRIMARY KEY (owner_type, owner_id, feed_name, entry_id)
);
CREATE INDEX IF NOT EXISTS ${prefix}feed_entries_by_score ON ${prefix}feed_entries (owner_type, owner_id, feed_name, score, entry_id);

CREATE TABLE IF NOT EXISTS ${prefix}items (
  item_id VARCHAR(255) NOT NULL PRIMARY KEY,
  body CHARACTER VARYING(65535) NOT NULL
);

MERGE INTO ${prefix}schema_version (version, description) KEY (version) VALUES (1, 'sequere');
