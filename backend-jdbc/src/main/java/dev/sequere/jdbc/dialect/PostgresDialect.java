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
    public String migrationLock(String name) {
        // Transaction-scoped: released by the commit that ends the migration.
        return "SELECT pg_advisory_xact_lock(hashtext('sequere:" + name + "'))";
    }
}
