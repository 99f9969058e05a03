package dev.sequere.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that starts at a fixed instant and moves a fixed step each time it is read. The
 * walkthrough uses it so that its output (follow dates) is the same on every run and can be
 * checked by a test; an application keeps Sequere's default, the system clock.
 */
final class SteppingClock extends Clock {

    private final Instant start;
    private final long stepNanos;
    private final AtomicLong reads = new AtomicLong();

    SteppingClock(Instant start, Duration step) {
        this.start = Objects.requireNonNull(start, "start");
        this.stepNanos = step.toNanos();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(stepNanos * reads.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the walkthrough clock is UTC only");
    }
}
