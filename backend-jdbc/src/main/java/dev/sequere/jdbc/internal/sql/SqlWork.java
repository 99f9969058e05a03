package dev.sequere.jdbc.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface SqlWork<T> {

    /**
     * Runs the work.
     *
     * @param connection the connection, in autocommit or in a transaction as the runner decided
     * @return the result
     * @throws SQLException when the database fails
     */
    T apply(Connection connection) throws SQLException;
}
