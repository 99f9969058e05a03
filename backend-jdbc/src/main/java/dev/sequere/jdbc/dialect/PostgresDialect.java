package dev.sequere.jdbc.dialect;

import dev.sequere.jdbc.schema.TableNames;
import java.util.List;

/** PostgreSQL 15+: {@code ON CONFLICT DO NOTHING}, {@code DELETE ... USING}, advisory locks. */
public final class PostgresDialect extends Dialect {

    /** Creates the dialect. */
    public PostgresDialect() {
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String insertIfAbsentSelect(String table, List<String> columns, List<String> keys, String select) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") " + select
                + " ON CONFLICT (" + String.join(", ", keys) + ") DO NOTHING";
    }

    @Override
    public String deleteFromFollowerFeeds(TableNames t) {
        return "DELETE FROM " + t.feedEntries() + " e USING " + t.follows() + " f"
                + " WHERE e.feed_name = ? AND e.entry_id = ? AND f.followee_rid = " + t.rid()
                + " AND e.owner_rid = f.follower_rid";
    }

    @Override
    public String addToCounters(String table, String select) {
        return "INSERT INTO " + table + " AS c (rid, direction, slot, n) " + select
                + " ON CONFLICT (rid, direction, slot) DO UPDATE SET n = c.n + EXCLUDED.n";
    }

    @Override
    public String nowMicros() {
        return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";
    }

    @Override
    public String sourceLock(TableNames t, boolean exclusive) {
        // A transaction-scoped advisory lock rather than FOR SHARE on the source's row: it writes
        // nothing (FOR SHARE writes the row's header and a WAL record, and turns into a multixact
        // as soon as two fan-outs overlap), and the lock manager queues requests fairly, where
        // share lockers of a row may overtake a waiting FOR UPDATE for as long as fan-outs of
        // that source overlap.
        return exclusive ? "SELECT pg_advisory_xact_lock(?)" : "SELECT pg_advisory_xact_lock_shared(?)";
    }

    @Override
    public long sourceLockKey(TableNames t, long sourceRid) {
        // Advisory keys are global to the database: mix the table prefix in so that two
        // applications (prefixes) sharing it rarely wait for each other. A collision only makes
        // two sources share a lock, which orders more than needed and is never incorrect.
        long h = t.prefix().hashCode() * 0x9E3779B97F4A7C15L + sourceRid;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    @Override
    public String migrationLock(String name) {
        // Transaction-scoped: released by the commit that ends the migration.
        return "SELECT pg_advisory_xact_lock(hashtext('sequere:" + name + "'))";
    }
}
