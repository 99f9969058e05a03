/**
 * Durable timeline work: every fan-out, import, removal and delete is recorded as a job in the
 * backend's {@link dev.sequere.spi.JobStore} before it runs, run at once by the process that
 * recorded it, and taken over by a worker of any process if that one dies. Internal to the
 * timeline module: applications configure it through {@code Timelines.Builder}.
 */
@NullMarked
package dev.sequere.timeline.internal.job;

import org.jspecify.annotations.NullMarked;
