/**
 * The JDBC backend: {@link dev.sequere.jdbc.JdbcBackend} stores follows and feeds in SQL tables
 * over any {@link javax.sql.DataSource} (H2, PostgreSQL, MariaDB/MySQL), with one native atomic
 * statement per operation and set-based fan-out.
 *
 * <p>API: this package's {@code JdbcBackend} and its builder, {@code .dialect} (to force a
 * dialect), {@code .hibernate} and {@code .schema} (table names and the migrator, for operators).
 * {@code dev.sequere.jdbc.internal} is not API and may change in any release.
 */
@NullMarked
package dev.sequere.jdbc;

import org.jspecify.annotations.NullMarked;
