package dev.sequere.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How much work waits in a {@link JobStore}: jobs created and not completed, whether a worker
 * holds them or not.
 *
 * @param jobs how many jobs exist
 * @param oldestCreatedAt when the oldest of them was created (store clock), or {@code null} when
 *     there is none; a stuck job shows as an old value here
 */
public record JobBacklog(long jobs, @Nullable Instant oldestCreatedAt) {

    /** No job at all. */
    public static final JobBacklog EMPTY = new JobBacklog(0, null);
}
