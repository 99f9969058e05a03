package dev.sequere.jdbc.dialect;

import dev.sequere.jdbc.schema.TableNames;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB 10.11+ and MySQL 8: {@code INSERT IGNORE} (affected rows count only inserted rows,
 * whatever the driver's found-rows setting), multi-table {@code DELETE ... JOIN}, keyset
 * predicates expanded into ranges. The two differ only in their DDL (binary collations without
 * trailing-space padding: {@code utf8mb4_nopad_bin} on MariaDB, {@code utf8mb4_0900_bin} on MySQL).
 */
public final class MariaDbDialect extends Dialect {

    private final boolean mysql;

    /**
     * Creates the dialect.
     *
     * @param mysql {@code true} for MySQL 8, {@code false} for MariaDB
     */
    public MariaDbDialect(boolean mysql) {
        this.mysql = mysql;
    }

    @Override
    public String name() {
        return mysql ? "mysql" : "mariadb";
    }

    @Override
    public boolean insertIfAbsentIsCheap() {
        return true;
    }

    @Override
    public String insertIfAbsentSelect(String table, List<String> columns, List<String> keys, String select) {
        // Ids and types are validated (length, characters) before any statement runs, so IGNORE
        // can only swallow duplicate keys here, never a truncation.
        return "INSERT IGNORE INTO " + table + " (" + String.join(", ", columns) + ") " + select;
    }

    @Override
    public String parameterRows(String alias, List<String> columns, List<String> sqlTypes, int rows) {
        // MariaDB's table value constructor cannot name its columns (MySQL's is VALUES ROW(...)):
        // a UNION ALL of one-row selects names them in its first branch.
        StringBuilder q = new StringBuilder("(SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            q.append(i == 0 ? "" : ", ").append("? AS ").append(columns.get(i));
        }
        String next = " UNION ALL SELECT " + "?, ".repeat(columns.size() - 1) + "?";
        return q.append(next.repeat(rows - 1)).append(") ").append(alias).toString();
    }

    @Override
    public String deleteFromFollowerFeeds(TableNames t) {
        return "DELETE e FROM " + t.feedEntries() + " e JOIN " + t.follows() + " f ON e.owner_rid = f.follower_rid"
                + " WHERE e.feed_name = ? AND e.entry_id = ? AND f.followee_rid = " + t.rid();
    }

    @Override
    public boolean rowValueComparison() {
        return false;
    }

    @Override
    public String migrationLock(String name) {
        return "SELECT GET_LOCK('sequere:" + name + "', 60)";
    }

    @Override
    public String migrationUnlock(String name) {
        // Named locks belong to the session, not to the transaction.
        return "SELECT RELEASE_LOCK('sequere:" + name + "')";
    }

    @Override
    public String addToCounters(String table, String select) {
        // VALUES(n) is deprecated on MySQL 8.0.20+ (a warning) but is what MariaDB understands.
        return "INSERT INTO " + table + " (rid, direction, slot, n) " + select + " ON DUPLICATE KEY UPDATE n = " + table + ".n + VALUES(n)";
    }

    @Override
    public @Nullable String deleteReturning(String delete, String column) {
        // MariaDB has DELETE ... RETURNING; MySQL 8 does not.
        return mysql ? null : super.deleteReturning(delete, column);
    }

    @Override
    public String nowMicros() {
        // Both sides are naive UTC date-times, so the session's time zone plays no part.
        return "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))";
    }

    @Override
    public String sourceLock(TableNames t, boolean exclusive) {
        // InnoDB queues row-lock requests fairly: a purge waiting for the exclusive lock is not
        // overtaken by deliveries that ask for the shared one after it.
        return "SELECT rid FROM " + t.resources() + " WHERE rid = ?" + (exclusive ? " FOR UPDATE" : " LOCK IN SHARE MODE");
    }

    @Override
    public boolean isRetryable(SQLException e) {
        // 1213 deadlock, 1205 lock wait timeout (the latter reports SQLState HY000).
        return super.isRetryable(e) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }
}
