/**
 * The JDBC backend: {@link dev.sequere.jdbc.JdbcBackend} stores follows and feeds in SQL tables
 * over any {@link javax.sql.DataSource} (H2, PostgreSQL, MariaDB/MySQL), with one native atomic
 * statement per operation and set-based fan-out.
 */
@NullMarked
package dev.sequere.jdbc;

import org.jspecify.annotations.NullMarked;
