package dev.sequere.timeline.fanout;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Counters of the timeline's jobs: those of this instance since it was built, and the backlog of
 * the store that every instance shares.
 *
 * @param pending jobs of this instance queued or running here (fan-outs, imports, deletes)
 * @param completed fan-outs finished by this instance (its own and those its workers took over)
 * @param failed failed fan-out attempts here; a failed fan-out is given back to the store and
 *     retried by a worker
 * @param delivered entries newly added to followers' feeds by this instance (filter feeds and
 *     imports included; a repeated delivery that found the entry already there is not counted)
 * @param retries storage calls retried after a {@code BackendException}
 * @param takenOver jobs this instance's workers took over from an instance that died or stalled
 * @param backlog jobs waiting or running in the store, of every instance
 * @param oldestJob when the oldest of them was created, or {@code null} when there is none; an
 *     old value means stuck work (no worker running, a job failing again and again)
 */
public record FanOutStats(long pending, long completed, long failed, long delivered, long retries, long takenOver,
        long backlog, @Nullable Instant oldestJob) {

    /**
     * How old the oldest job of the backlog is.
     *
     * @param now the current time
     * @return its age, {@link Duration#ZERO} when the backlog is empty
     */
    public Duration oldestJobAge(Instant now) {
        Instant oldest = oldestJob;
        return oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
    }
}
