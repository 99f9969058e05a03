-- Sequere JDBC backend, schema version 5, MariaDB 10.11+: follow counts.
-- Replace ${prefix} with the backend's table prefix (default "sequere_") when applying by hand.
-- Follower and following counts in O(1): counter rows per resource and direction (0 = followers,
-- 1 = followings), each split into 8 slots so that the followers of a popular resource, who all
-- change its count, do not all update one row. A follow or unfollow adds +1 or -1 to a random
-- slot of each end in the transaction that inserts or deletes the edge; a count is the sum of the
-- slots. The backfill counts the existing edges into slot 0. Edges written meanwhile by instances
-- still running an older release (no counters) would not be counted: upgrade every instance
-- before it writes again, or run the backfill again on a quiet database after emptying the table.

CREATE TABLE IF NOT EXISTS ${prefix}follow_counts (
  rid BIGINT NOT NULL,
  direction SMALLINT NOT NULL,
  slot SMALLINT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (rid, direction, slot)
) ENGINE=InnoDB;
INSERT IGNORE INTO ${prefix}follow_counts (rid, direction, slot, n)
  SELECT followee_rid, 0, 0, COUNT(*) FROM ${prefix}follow_edges GROUP BY followee_rid;
INSERT IGNORE INTO ${prefix}follow_counts (rid, direction, slot, n)
  SELECT follower_rid, 1, 0, COUNT(*) FROM ${prefix}follow_edges GROUP BY follower_rid;

INSERT IGNORE INTO ${prefix}schema_version (version, description) VALUES (5, 'follow_counts');
