package dev.sequere.timeline.internal.job;

import dev.sequere.spi.Job;

/**
 * Runs the jobs of one kind. A handler's work must be idempotent: a job may run again after a
 * crash, from its last saved progress, or twice at once when a holder stalls past its lease.
 */
public interface JobHandler {

    /**
     * Runs a job to its end.
     *
     * @param job the job as this worker holds it
     * @param control saves progress and renews the lease between steps
     */
    void run(Job job, JobControl control);
}
