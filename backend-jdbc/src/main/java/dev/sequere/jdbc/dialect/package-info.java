/**
 * SQL dialects: what differs between H2, PostgreSQL and MariaDB/MySQL (insert-if-absent,
 * keyset predicates, joined deletes, retryable errors), detected from connection metadata.
 */
@NullMarked
package dev.sequere.jdbc.dialect;

import org.jspecify.annotations.NullMarked;
