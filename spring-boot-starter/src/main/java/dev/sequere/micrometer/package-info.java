/**
 * Micrometer meters of Sequere, usable without Spring Boot:
 * {@link dev.sequere.micrometer.SequereMetrics} is a plain {@code MeterBinder}.
 */
@NullMarked
package dev.sequere.micrometer;

import org.jspecify.annotations.NullMarked;
