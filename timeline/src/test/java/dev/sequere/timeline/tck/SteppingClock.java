package dev.sequere.timeline.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves forward one millisecond per reading, so actions published one after the
 * other have distinct, predictable times on any machine; thread-safe.
 */
public final class SteppingClock extends Clock {

    private final AtomicLong micros;

    /**
     * Creates the clock.
     *
     * @param start the first instant it returns
     */
    public SteppingClock(Instant start) {
        this.micros = new AtomicLong(start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000);
    }

    /**
     * Jumps forward.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        micros.addAndGet(duration.toNanos() / 1_000);
    }

    /**
     * The instant the next reading will be close to, without moving.
     *
     * @return the current instant
     */
    public Instant peek() {
        long now = micros.get();
        return Instant.ofEpochSecond(Math.floorDiv(now, 1_000_000L), Math.floorMod(now, 1_000_000L) * 1_000L);
    }

    @Override
    public Instant instant() {
        long now = micros.getAndAdd(1_000);
        return Instant.ofEpochSecond(Math.floorDiv(now, 1_000_000L), Math.floorMod(now, 1_000_000L) * 1_000L);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
