-- Sequere JDBC backend, schema version 1, MariaDB 10.11+.
-- Replace ${prefix} with the backend's table prefix (default "sequere_") when applying by hand.
-- Times are epoch microseconds (BIGINT). Ids use utf8mb4 with the binary collation utf8mb4_nopad_bin:
-- byte order, and no trailing-space padding (so 'a' and 'a ' are two ids). VARCHAR(255) holds
-- 255 characters of up to 4 bytes; the widest index (2 176 bytes) stays under InnoDB's 3 072.
-- Type and feed names are [a-z0-9_.-], stored as ascii to keep keys short.
-- Indexes are declared inside CREATE TABLE: MySQL has no CREATE INDEX IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
  version INT NOT NULL PRIMARY KEY,
  description VARCHAR(200) NOT NULL,
  installed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One row per edge follower -> followee; the primary key makes duplicates impossible.
CREATE TABLE IF NOT EXISTS ${prefix}follows (
  follower_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  follower_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  followee_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  followee_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  since_us BIGINT NOT NULL,
  PRIMARY KEY (follower_type, follower_id, followee_type, followee_id),
  INDEX ${prefix}follows_followings (follower_type, follower_id, since_us, followee_type, followee_id),
  INDEX ${prefix}follows_followings_t (follower_type, follower_id, followee_type, since_us, followee_id),
  INDEX ${prefix}follows_followers (followee_type, followee_id, since_us, follower_type, follower_id),
  INDEX ${prefix}follows_followers_t (followee_type, followee_id, follower_type, since_us, follower_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- One row per entry per feed: narrow (the body lives once in items), unique by entry id.
CREATE TABLE IF NOT EXISTS ${prefix}feed_entries (
  owner_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  owner_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  feed_name VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  entry_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  score BIGINT NOT NULL,
  PRIMARY KEY (owner_type, owner_id, feed_name, entry_id),
  INDEX ${prefix}feed_entries_by_score (owner_type, owner_id, feed_name, score, entry_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS ${prefix}items (
  item_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL PRIMARY KEY,
  body MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

INSERT IGNORE INTO ${prefix}schema_version (version, description) VALUES (1, 'sequere');
