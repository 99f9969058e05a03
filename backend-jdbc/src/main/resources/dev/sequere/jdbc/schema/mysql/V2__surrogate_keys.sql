-- Sequere JDBC backend, schema version 2, MySQL 8: surrogate keys.
-- Replace ${prefix} with the backend's table prefix (default "sequere_") when applying by hand.
-- Every resource (type, id) gets a BIGINT surrogate once, in resources; follow edges and feed rows
-- hold those numbers instead of the texts. Rows get narrow and their indexes small, which is what
-- makes a fan-out to 100 000 followers cheap (it writes 100 000 feed rows). Resource rows are
-- never deleted, so a surrogate, once read, stays valid. Ties on time are broken by the
-- surrogate (a stable order of the backend's choosing).
-- The V1 tables are converted and dropped. Every statement can run again after a crash.
-- Indexes are declared inside CREATE TABLE: MySQL has no CREATE INDEX IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS ${prefix}resources (
  rid BIGINT NOT NULL AUTO_INCREMENT,
  res_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  res_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  PRIMARY KEY (rid),
  UNIQUE KEY ${prefix}resources_key (res_type, res_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- One row per edge follower -> followee. The types are copied from resources so that listings
-- filtered by type walk an index of their own.
CREATE TABLE IF NOT EXISTS ${prefix}follow_edges (
  follower_rid BIGINT NOT NULL,
  followee_rid BIGINT NOT NULL,
  since_us BIGINT NOT NULL,
  follower_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  followee_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (follower_rid, followee_rid),
  INDEX ${prefix}follow_edges_out (follower_rid, since_us, followee_rid),
  INDEX ${prefix}follow_edges_out_t (follower_rid, followee_type, since_us, followee_rid),
  INDEX ${prefix}follow_edges_in (followee_rid, since_us, follower_rid),
  INDEX ${prefix}follow_edges_in_t (followee_rid, follower_type, since_us, follower_rid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- One row per entry per feed, unique by entry id; the second index serves pages in score order.
CREATE TABLE IF NOT EXISTS ${prefix}feed_rows (
  owner_rid BIGINT NOT NULL,
  feed_name VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  entry_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
  score BIGINT NOT NULL,
  PRIMARY KEY (owner_rid, feed_name, entry_id),
  INDEX ${prefix}feed_rows_by_score (owner_rid, feed_name, score, entry_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- Conversion of the V1 tables. They are declared again (empty) in case an earlier run of this
-- script dropped them already, so that the copies below always have a source.
CREATE TABLE IF NOT EXISTS ${prefix}follows (follower_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, follower_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL, followee_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, followee_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL, since_us BIGINT NOT NULL) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS ${prefix}feed_entries (owner_type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, owner_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL, feed_name VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, entry_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL, score BIGINT NOT NULL) ENGINE=InnoDB;
INSERT IGNORE INTO ${prefix}resources (res_type, res_id)
  SELECT follower_type, follower_id FROM ${prefix}follows
  UNION SELECT followee_type, followee_id FROM ${prefix}follows
  UNION SELECT owner_type, owner_id FROM ${prefix}feed_entries;
INSERT IGNORE INTO ${prefix}follow_edges (follower_rid, followee_rid, since_us, follower_type, followee_type)
  SELECT a.rid, b.rid, f.since_us, a.res_type, b.res_type FROM ${prefix}follows f
  JOIN ${prefix}resources a ON a.res_type = f.follower_type AND a.res_id = f.follower_id
  JOIN ${prefix}resources b ON b.res_type = f.followee_type AND b.res_id = f.followee_id;
INSERT IGNORE INTO ${prefix}feed_rows (owner_rid, feed_name, entry_id, score)
  SELECT r.rid, e.feed_name, e.entry_id, e.score FROM ${prefix}feed_entries e
  JOIN ${prefix}resources r ON r.res_type = e.owner_type AND r.res_id = e.owner_id;
DROP TABLE IF EXISTS ${prefix}follows, ${prefix}feed_entries;

INSERT IGNORE INTO ${prefix}schema_version (version, description) VALUES (2, 'surrogate_keys');
