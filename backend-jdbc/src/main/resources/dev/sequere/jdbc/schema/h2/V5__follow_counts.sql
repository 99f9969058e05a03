-- Sequere JDBC backend, schema version 5, H2 2.x: follow counts.
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
  CONSTRAINT ${prefix}follow_counts_pk PRIMARY KEY (rid, direction, slot)
);
MERGE INTO ${prefix}follow_counts c USING (SELECT followee_rid, COUNT(*) FROM ${prefix}follow_edges GROUP BY followee_rid) s (rid, n)
  ON (c.rid = s.rid AND c.direction = 0 AND c.slot = 0)
  WHEN NOT MATCHED THEN INSERT (rid, direction, slot, n) VALUES (s.rid, 0, 0, s.n);
MERGE INTO ${prefix}follow_counts c USING (SELECT follower_rid, COUNT(*) FROM ${prefix}follow_edges GROUP BY follower_rid) s (rid, n)
  ON (c.rid = s.rid AND c.direction = 1 AND c.slot = 0)
  WHEN NOT MATCHED THEN INSERT (rid, direction, slot, n) VALUES (s.rid, 1, 0, s.n);

MERGE INTO ${prefix}schema_version (version, description) KEY (version) VALUES (5, 'follow_counts');
