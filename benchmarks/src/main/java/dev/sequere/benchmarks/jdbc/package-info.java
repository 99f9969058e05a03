/**
 * JMH benchmarks of the JDBC backend on H2 (embedded, file) and PostgreSQL, each operation next to
 * a raw-JDBC baseline that runs the same SQL by hand on the same pool in the same run.
 */
@NullMarked
package dev.sequere.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
