/**
 * Runs background work (timeline fan-out) on the context's executor and lets it finish before
 * the backend closes.
 */
@NullMarked
package dev.sequere.spring.execution;

import org.jspecify.annotations.NullMarked;
