package dev.sequere.spring.timeline;

import dev.sequere.timeline.Timelines;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;

/**
 * Closes {@link Timelines} in order when the context closes: waits for pending fan-out (so every
 * accepted action reaches its followers), then detaches the timelines from follow events. The
 * context destroys this bean before the timelines, the executor and the backend, because it
 * depends on them.
 */
public final class TimelinesShutdown implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TimelinesShutdown.class.getName());

    private final Timelines timelines;
    private final Duration timeout;

    /**
     * Creates the hook.
     *
     * @param timelines the timelines to close
     * @param timeout how long to wait for pending fan-out
     */
    public TimelinesShutdown(Timelines timelines, Duration timeout) {
        this.timelines = Objects.requireNonNull(timelines, "timelines");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Waits for pending fan-out, at most the timeout, then closes the timelines. */
    @Override
    public void close() {
        try {
            if (!timelines.awaitFanOut(timeout)) {
                LOG.log(Level.WARNING, "{0} fan-out task(s) still pending after {1}; closing anyway (publishing "
                        + "those actions again completes them)", timelines.stats().pending(), timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timelines.close();
        }
    }
}
