/**
 * Auto-configuration of the Sequere Micrometer meters ({@link dev.sequere.micrometer.SequereMetrics}).
 */
@NullMarked
package dev.sequere.boot.metrics;

import org.jspecify.annotations.NullMarked;
