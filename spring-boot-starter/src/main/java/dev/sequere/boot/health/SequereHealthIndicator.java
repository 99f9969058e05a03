package dev.sequere.boot.health;

import dev.sequere.InvalidArgumentException;
import dev.sequere.spi.Backend;
import dev.sequere.spi.JobBacklog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Sequere backend, through one cheap store call that every backend implements:
 * reading the job backlog ({@code JobStore.backlog()}: one query on JDBC, one command on Redis).
 * <ul>
 *   <li>UP when it answers, with details {@code backend}, {@code backlog} (jobs waiting or running,
 *       of every instance) and {@code oldestJobAge} (ISO-8601 duration, {@code PT0S} when none);</li>
 *   <li>DOWN with the exception when it fails;</li>
 *   <li>OUT_OF_SERVICE when a threshold is set and the oldest job is older (stuck fan-out: no worker
 *       running, or a job failing again and again). Every instance sharing the store reports it.</li>
 * </ul>
 */
public final class SequereHealthIndicator extends AbstractHealthIndicator {

    private final Backend backend;
    private final Clock clock;
    private final @Nullable Duration maxOldestJobAge;

    /**
     * Creates the indicator.
     *
     * @param backend the backend to check
     * @param clock the clock that ages jobs (the {@code Sequere}'s)
     * @param maxOldestJobAge the oldest-job threshold, or {@code null} for none
     * @throws InvalidArgumentException when {@code backend} or {@code clock} is null, or the
     *     threshold is not positive
     */
    public SequereHealthIndicator(Backend backend, Clock clock, @Nullable Duration maxOldestJobAge) {
        super("Sequere health check failed");
        if (backend == null || clock == null) {
            throw new InvalidArgumentException("backend and clock must not be null");
        }
        if (maxOldestJobAge != null && (maxOldestJobAge.isNegative() || maxOldestJobAge.isZero())) {
            throw new InvalidArgumentException("maxOldestJobAge must be positive, was " + maxOldestJobAge);
        }
        this.backend = backend;
        this.clock = clock;
        this.maxOldestJobAge = maxOldestJobAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        JobBacklog backlog = backend.jobs().backlog();
        Instant oldest = backlog.oldestCreatedAt();
        Instant now = clock.instant();
        Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
        builder.withDetail("backend", backend.getClass().getSimpleName())
                .withDetail("backlog", backlog.jobs())
                .withDetail("oldestJobAge", age.toString());
        Duration max = maxOldestJobAge;
        if (max != null && age.compareTo(max) > 0) {
            builder.outOfService().withDetail("reason", "the oldest job is older than sequere.health.max-oldest-job-age ("
                    + max + "): are workers running (sequere.timelines.workers)?");
        } else {
            builder.up();
        }
    }
}
