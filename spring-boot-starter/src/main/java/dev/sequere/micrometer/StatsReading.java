package dev.sequere.micrometer;

import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.fanout.FanOutStats;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The latest {@link Timelines#stats()} reading, reused for a while: every meter reads it, and
 * each fresh reading queries the store for the backlog. A failed reading keeps the previous
 * figures for the counters (which only count in this process) and marks the store's figures
 * unknown.
 */
final class StatsReading {

    private static final System.Logger LOG = System.getLogger(StatsReading.class.getName());

    private final Timelines timelines;
    private final long maxAgeNanos;
    private @Nullable FanOutStats last;
    private boolean storeKnown;
    private long readAt;

    StatsReading(Timelines timelines, Duration maxAge) {
        this.timelines = timelines;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** A figure this process counts itself; {@code 0} before the first successful reading. */
    synchronized double local(ToDoubleFunction<FanOutStats> figure) {
        refresh();
        FanOutStats stats = last;
        return stats == null ? 0 : figure.applyAsDouble(stats);
    }

    /** A figure of the store; {@code NaN} while the store cannot be read. */
    synchronized double store(ToDoubleFunction<FanOutStats> figure) {
        refresh();
        FanOutStats stats = last;
        return stats == null || !storeKnown ? Double.NaN : figure.applyAsDouble(stats);
    }

    private void refresh() {
        long now = System.nanoTime();
        if (last != null && now - readAt < maxAgeNanos) {
            return;
        }
        readAt = now;
        try {
            last = timelines.stats();
            storeKnown = true;
        } catch (RuntimeException e) {
            // Meters must never throw into a registry's publishing thread; the health indicator reports the cause.
            storeKnown = false;
            LOG.log(Level.DEBUG, "Sequere metrics: reading the timeline statistics failed", e);
        }
    }
}
