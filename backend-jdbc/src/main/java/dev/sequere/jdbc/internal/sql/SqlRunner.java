package dev.sequere.jdbc.internal.sql;

import dev.sequere.BackendException;
import dev.sequere.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Runs the stores' statements on connections of the application's {@link DataSource}.
 *
 * <p><b>Transactions.</b> A connection that arrives with autocommit off is taken to belong to a
 * transaction the application manages (Spring's {@code TransactionAwareDataSourceProxy}, a
 * {@code DataSource} bound to the current JTA or Jakarta transaction): the work then joins it and
 * is neither committed nor rolled back here, so {@code follow()} commits or rolls back with the
 * application's own writes. A connection in autocommit mode runs single statements as they are
 * and multi-statement work in a transaction of its own. With {@code joinExternalTransactions}
 * off, every operation always commits its own transaction (for pools configured with autocommit
 * off and no transaction manager).
 *
 * <p><b>Retries.</b> Deadlocks and serialization failures are retried a few times, but only for
 * work this runner owns: in the application's transaction they are the application's to handle.
 * Every operation of the stores is idempotent as a whole, so running it again is safe.
 */
public final class SqlRunner {

    private static final int MAX_ATTEMPTS = 8;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final boolean joinExternalTransactions;

    /**
     * Creates a runner.
     *
     * @param dataSource where connections come from
     * @param dialect the database's dialect, which tells retryable failures
     * @param joinExternalTransactions whether a connection with autocommit off is the caller's
     *     transaction to join
     */
    public SqlRunner(DataSource dataSource, Dialect dialect, boolean joinExternalTransactions) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.joinExternalTransactions = joinExternalTransactions;
    }

    /**
     * The dialect statements are written for.
     *
     * @return the dialect
     */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs work that is a single statement (atomic by itself).
     *
     * @param what the operation, for error messages
     * @param work the statement
     * @param <T> the result
     * @return the work's result
     */
    public <T> T statement(String what, SqlWork<T> work) {
        return run(what, work, false);
    }

    /**
     * Runs work of several statements atomically.
     *
     * @param what the operation, for error messages
     * @param work the statements
     * @param <T> the result
     * @return the work's result
     */
    public <T> T transaction(String what, SqlWork<T> work) {
        return run(what, work, true);
    }

    private <T> T run(String what, SqlWork<T> work, boolean multiStatement) {
        for (int attempt = 1; ; attempt++) {
            boolean owned = true;
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                if (!autoCommit && joinExternalTransactions) {
                    owned = false;
                    return work.apply(connection);
                }
                if (autoCommit && !multiStatement) {
                    return work.apply(connection);
                }
                return inOwnTransaction(connection, autoCommit, work);
            } catch (SQLException e) {
                if (owned && attempt < MAX_ATTEMPTS && dialect.isRetryable(e)) {
                    backOff(attempt);
                    continue;
                }
                throw new BackendException(what + " failed on " + dialect + ": " + e.getMessage()
                        + " [SQLState " + e.getSQLState() + "]", e);
            }
        }
    }

    private static <T> T inOwnTransaction(Connection connection, boolean autoCommit, SqlWork<T> work)
            throws SQLException {
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void backOff(int attempt) {
        // Randomized so that the two sides of a deadlock do not collide again in lockstep.
        long maxMicros = 200L << Math.min(attempt, 6);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1_000L);
    }
}
