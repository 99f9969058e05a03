/**
 * Plumbing shared by the stores: running statements on the application's connections (joining
 * its transaction when it has one), retries of deadlocks, time conversion and keyset predicates.
 */
@NullMarked
package dev.sequere.jdbc.internal.sql;

import org.jspecify.annotations.NullMarked;
