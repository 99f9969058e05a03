/**
 * Timeline benchmarks: publishing an action to 10 000 and 100 000 followers next to the
 * backend's own {@code fanOut} of one entry in the same run, reading the first page of a
 * 1 000 000-entry home timeline next to the raw feed-store reads it needs, and heap per
 * delivered entry.
 */
@NullMarked
package dev.sequere.benchmarks.timeline;

import org.jspecify.annotations.NullMarked;
