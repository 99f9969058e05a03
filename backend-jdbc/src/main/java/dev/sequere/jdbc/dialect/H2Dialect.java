package dev.sequere.jdbc.dialect;

import dev.sequere.jdbc.schema.TableNames;
import java.sql.SQLException;
import java.util.List;

/**
 * H2 2.x in its native mode (no compatibility mode needed): standard {@code MERGE ... WHEN NOT
 * MATCHED THEN INSERT}, whose update count is the number of inserted rows.
 */
public final class H2Dialect extends Dialect {

    /** Creates the dialect. */
    public H2Dialect() {
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String insertIfAbsentSelect(String table, List<String> columns, List<String> keys, String select) {
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(table).append(" t USING (").append(select)
                .append(") s (").append(String.join(", ", columns)).append(") ON (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append("t.").append(keys.get(i)).append(" = s.").append(keys.get(i));
        }
        sql.append(") WHEN NOT MATCHED THEN INSERT (").append(String.join(", ", columns)).append(") VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("s.").append(columns.get(i));
        }
        return sql.append(')').toString();
    }

    @Override
    public String selectParameter(String sqlType) {
        // A bare parameter in a derived table's select list has no type on H2.
        return "CAST(? AS " + sqlType + ")";
    }

    @Override
    public String deleteFromFollowerFeeds(TableNames t) {
        return "DELETE FROM " + t.feedEntries() + " WHERE feed_name = ? AND entry_id = ?"
                + " AND owner_rid IN (SELECT follower_rid FROM " + t.follows() + " WHERE followee_rid = " + t.rid() + ")";
    }

    @Override
    public String addToCounters(String table, String select) {
        // Two MERGEs creating the same row at once: the loser fails on the key (23505), which
        // isRetryable lets the runner retry; the retry finds the row and updates it.
        return "MERGE INTO " + table + " c USING (" + select + ") s (rid, direction, slot, n)"
                + " ON (c.rid = s.rid AND c.direction = s.direction AND c.slot = s.slot)"
                + " WHEN MATCHED THEN UPDATE SET n = c.n + s.n"
                + " WHEN NOT MATCHED THEN INSERT (rid, direction, slot, n) VALUES (s.rid, s.direction, s.slot, s.n)";
    }

    @Override
    public String deleteReturning(String delete, String column) {
        return "SELECT " + column + " FROM OLD TABLE (" + delete + ")";
    }

    @Override
    public String nowMicros() {
        return "DATEDIFF(MICROSECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP)";
    }

    @Override
    public String sourceLock(TableNames t, boolean exclusive) {
        // H2 has no shared row lock (no FOR SHARE): deliveries of one source take the row
        // exclusively too, so they run one after another, which an embedded database can afford.
        return "SELECT rid FROM " + t.resources() + " WHERE rid = ? FOR UPDATE";
    }

    @Override
    public boolean isRetryable(SQLException e) {
        // Two concurrent MERGEs of the same new row: the loser fails on the unique key (23505)
        // instead of waiting; running it again finds the row and inserts nothing. 90131 is H2's
        // "concurrent update", HYT00 a lock timeout.
        String state = e.getSQLState();
        return super.isRetryable(e) || "23505".equals(state) || "HYT00".equals(state) || e.getErrorCode() == 90131;
    }
}
