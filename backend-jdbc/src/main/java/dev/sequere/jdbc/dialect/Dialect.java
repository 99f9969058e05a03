package dev.sequere.jdbc.dialect;

import dev.sequere.BackendException;
import dev.sequere.jdbc.schema.TableNames;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases the backend supports. Everything else (plain selects,
 * deletes, counts) is written once in portable SQL by the stores.
 *
 * <p>Every write that must not duplicate is an insert-if-absent whose update count is the
 * answer: PostgreSQL {@code ON CONFLICT DO NOTHING}, MariaDB/MySQL {@code INSERT IGNORE}, H2
 * {@code MERGE ... WHEN NOT MATCHED}. The unique key decides, never a prior read.
 */
public abstract class Dialect {

    /** Subclasses are the supported databases. */
    protected Dialect() {
    }

    /**
     * The name of the directory under {@code dev/sequere/jdbc/schema/} holding this dialect's DDL.
     *
     * @return {@code h2}, {@code postgresql}, {@code mariadb} or {@code mysql}
     */
    public abstract String name();

    /**
     * An insert of {@code rows} rows of {@code columns} (one {@code ?} per value, row after row)
     * that skips rows whose {@code keys} already exist; its update count is the number of rows
     * inserted.
     *
     * @param table the table
     * @param columns the inserted columns
     * @param keys the columns of the unique key that decides "already there"
     * @param rows how many rows of parameters follow
     * @return the statement
     */
    public String insertIfAbsent(String table, List<String> columns, List<String> keys, int rows) {
        StringBuilder values = new StringBuilder("VALUES ");
        String row = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        for (int i = 0; i < rows; i++) {
            values.append(i == 0 ? "" : ", ").append(row);
        }
        return insertIfAbsentSelect(table, columns, keys, values.toString());
    }

    /**
     * An {@code INSERT ... SELECT} (or {@code VALUES}) that skips rows whose {@code keys} already
     * exist; its update count is the number of rows inserted.
     *
     * @param table the table
     * @param columns the inserted columns, in the order {@code select} yields them
     * @param keys the columns of the unique key
     * @param select a query or {@code VALUES} list yielding {@code columns}
     * @return the statement
     */
    public abstract String insertIfAbsentSelect(String table, List<String> columns, List<String> keys, String select);

    /**
     * A plain {@code INSERT ... SELECT} that fails on the first duplicate key: cheaper than the
     * insert-if-absent form when every row is expected to be new (PostgreSQL's speculative
     * insertion costs about a third more on 100 000 rows).
     *
     * @param table the table
     * @param columns the inserted columns, in the order {@code select} yields them
     * @param select the query
     * @return the statement
     */
    public String insertSelect(String table, List<String> columns, String select) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") " + select;
    }

    /**
     * Whether a failure is a unique-key violation.
     *
     * @param e the failure
     * @return {@code true} for a duplicate key
     */
    public boolean isDuplicateKey(SQLException e) {
        // 23505: standard (PostgreSQL, H2); 1062: MariaDB/MySQL, which report SQLState 23000.
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
    }

    /**
     * A parameter placeholder in a select list, where some databases cannot infer its type.
     *
     * @param sqlType the column type it feeds, e.g. {@code VARCHAR(255)} or {@code BIGINT}
     * @return {@code ?}, or a typed form such as {@code CAST(? AS BIGINT)}
     */
    public String selectParameter(String sqlType) {
        return "?";
    }

    /**
     * A derived table of {@code rows} rows of parameters (row after row), to put after
     * {@code FROM}: {@code (VALUES (?, ...), ...) alias (columns)} where the database has it.
     *
     * @param alias the table's alias
     * @param columns the columns' names
     * @param sqlTypes the columns' types, for {@link #selectParameter}
     * @param rows how many rows, at least 1
     * @return the table expression
     */
    public String parameterRows(String alias, List<String> columns, List<String> sqlTypes, int rows) {
        StringBuilder row = new StringBuilder("(");
        for (int i = 0; i < sqlTypes.size(); i++) {
            row.append(i == 0 ? "" : ", ").append(selectParameter(sqlTypes.get(i)));
        }
        row.append(')');
        StringBuilder q = new StringBuilder("(VALUES ");
        for (int i = 0; i < rows; i++) {
            q.append(i == 0 ? "" : ", ").append(row);
        }
        return q.append(") ").append(alias).append(" (").append(String.join(", ", columns)).append(')').toString();
    }

    /**
     * Adds deltas to counter rows, creating the rows that do not exist.
     *
     * @param table the counters table, keyed {@code (rid, direction, slot)} with the value {@code n}
     * @param select a query yielding {@code (rid, direction, slot, delta)} rows of distinct keys
     * @return the statement
     */
    public abstract String addToCounters(String table, String select);

    /**
     * A query that runs {@code delete} and yields {@code column} of every row it deleted.
     *
     * @param delete a {@code DELETE} statement on one table
     * @param column the column to return
     * @return the query ({@code DELETE ... RETURNING} on PostgreSQL and MariaDB), or {@code null}
     *     when the database has no such form (MySQL)
     */
    public @Nullable String deleteReturning(String delete, String column) {
        return delete + " RETURNING " + column;
    }

    /**
     * Deletes an entry from the feed of every follower of a resource, in one statement.
     * Parameters, in order: feed name, entry id, followee type, followee id.
     *
     * @param tables the backend's tables
     * @return the statement; its update count is the number of feeds that lost the entry
     */
    public abstract String deleteFromFollowerFeeds(TableNames tables);

    /**
     * Whether {@code (a, b) > (?, ?)} row-value comparisons are used for keyset paging. When
     * {@code false} the stores expand them into {@code a > ? OR (a = ? AND b > ?)}, which every
     * optimizer turns into index ranges.
     *
     * @return {@code true} when the database compares row values natively and uses indexes for it
     */
    public boolean rowValueComparison() {
        return true;
    }

    /**
     * Whether {@link #insertIfAbsentSelect} costs what a plain insert costs, so that inserting
     * rows expected to be new gains nothing from a plain insert that fails on a duplicate and is
     * retried (MariaDB's {@code INSERT IGNORE}; its driver also logs every duplicate-key error at
     * WARN, which a redone fan-out step would otherwise print).
     *
     * @return {@code true} when insert-if-absent should always be used
     */
    public boolean insertIfAbsentIsCheap() {
        return false;
    }

    /**
     * A statement taking a lock for the rest of the current transaction, so that two processes
     * starting at once do not migrate the same schema concurrently.
     *
     * @param name the lock's name (the table prefix)
     * @return the statement, or {@code null} when DDL needs no lock on this database
     */
    public @Nullable String migrationLock(String name) {
        return null;
    }

    /**
     * A statement releasing the lock of {@link #migrationLock} when it outlives transactions.
     *
     * @param name the lock's name
     * @return the statement, or {@code null} when the commit releases the lock
     */
    public @Nullable String migrationUnlock(String name) {
        return null;
    }

    /**
     * An expression giving the database's current time in epoch microseconds ({@code BIGINT}):
     * job leases are measured by it, so that processes whose own clocks disagree still agree on
     * when a lease ends.
     *
     * @return the SQL expression
     */
    public abstract String nowMicros();

    /**
     * A statement that takes, for the rest of the current transaction, the lock that orders the
     * deliveries of one source against the purges after unfollows of it: shared for a delivery,
     * exclusive for a purge. Its one {@code BIGINT} parameter is {@link #sourceLockKey}.
     *
     * @param tables the backend's tables
     * @param exclusive {@code true} for a purge, {@code false} for a delivery
     * @return the statement, a query
     */
    public abstract String sourceLock(TableNames tables, boolean exclusive);

    /**
     * The value {@link #sourceLock} binds for a source.
     *
     * @param tables the backend's tables
     * @param sourceRid the source's surrogate
     * @return the key: the surrogate itself where the lock is the source's row
     */
    public long sourceLockKey(TableNames tables, long sourceRid) {
        return sourceRid;
    }

    /**
     * Whether retrying the whole operation may succeed: deadlocks, serialization failures, lock
     * timeouts, and on H2 the unique-key race of two concurrent inserts of the same row.
     *
     * @param e the failure
     * @return {@code true} when an operation that owns its transaction may run again
     */
    public boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    /**
     * Finds the dialect of a connection from its metadata.
     *
     * @param connection an open connection
     * @return the dialect
     * @throws BackendException when the database is not supported or too old
     */
    public static Dialect detect(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            String version = meta.getDatabaseProductVersion();
            int major = meta.getDatabaseMajorVersion();
            int minor = meta.getDatabaseMinorVersion();
            if (product.contains("h2")) {
                require(major >= 2, "H2 2.x or later", product, version);
                return new H2Dialect();
            }
            if (product.contains("postgresql")) {
                require(major >= 15, "PostgreSQL 15 or later", product, version);
                return new PostgresDialect();
            }
            // MariaDB's driver and server both say "MariaDB"; a MySQL server through the MariaDB
            // driver reports "MySQL" with a version without the "-MariaDB" suffix.
            if (product.contains("mariadb") || version.toLowerCase(Locale.ROOT).contains("mariadb")) {
                require(major > 10 || (major == 10 && minor >= 11), "MariaDB 10.11 or later", product, version);
                return new MariaDbDialect(false);
            }
            if (product.contains("mysql")) {
                require(major >= 8, "MySQL 8 or later", product, version);
                return new MariaDbDialect(true);
            }
            throw new BackendException("the JDBC backend does not support " + meta.getDatabaseProductName() + " "
                    + version + "; it supports H2 2.x, PostgreSQL 15+, MariaDB 10.11+ and MySQL 8");
        } catch (SQLException e) {
            throw new BackendException("cannot read the database's metadata to pick a SQL dialect: " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String what, String product, String version) {
        if (!ok) {
            throw new BackendException("the JDBC backend needs " + what + ", found " + product + " " + version);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
