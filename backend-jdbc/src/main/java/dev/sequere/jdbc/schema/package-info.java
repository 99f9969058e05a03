/**
 * The backend's tables: their names under a prefix, the versioned DDL shipped as plain SQL
 * resources per dialect, and the migrator that applies it at start.
 */
@NullMarked
package dev.sequere.jdbc.schema;

import org.jspecify.annotations.NullMarked;
