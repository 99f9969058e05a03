-- Sequere JDBC backend, schema version 4, MariaDB 10.11+: jobs.
-- Replace ${prefix} with the backend's table prefix (default "sequere_") when applying by hand.
-- The outbox of the timeline's durable work (fan-outs, imports, removals, deletes): one row per job
-- until it completes. A worker holds a job while lease_until_us lies ahead of the database's
-- clock; claims take rows whose lease ended, oldest id first, with FOR UPDATE SKIP LOCKED so that
-- workers claiming at once never wait for each other nor get the same job. Times are epoch
-- microseconds read from the database's clock (never the application's), so that processes on
-- machines with skewed clocks agree on when a lease ends.
-- The payload is MEDIUMTEXT: 65 535 characters of utf8mb4 exceed TEXT's 65 535 bytes.

CREATE TABLE IF NOT EXISTS ${prefix}jobs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  kind VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  progress VARCHAR(1024),
  attempts INT NOT NULL,
  lease_owner VARCHAR(64) NOT NULL,
  created_us BIGINT NOT NULL,
  lease_until_us BIGINT NOT NULL,
  PRIMARY KEY (id),
  INDEX ${prefix}jobs_claim (lease_until_us, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

INSERT IGNORE INTO ${prefix}schema_version (version, description) VALUES (4, 'jobs');
