package dev.sequere.timeline.internal.job;

import dev.sequere.spi.Job;
import org.jspecify.annotations.Nullable;

/** What a running {@link JobHandler} may ask of the engine between steps. */
public interface JobControl {

    /**
     * Saves the position to resume from and renews the lease. When this worker has lost the job
     * (its lease ended and another worker holds it now), throws {@link LeaseLostException} so that
     * the handler stops: the new holder goes on from the last saved position.
     *
     * @param job the job
     * @param progress the position, or {@code null} to renew the lease only
     */
    void checkpoint(Job job, @Nullable String progress);

    /**
     * Counts entries newly delivered to followers (statistics).
     *
     * @param entries how many
     */
    void delivered(long entries);
}
