package dev.sequere.tck;

import java.time.Instant;

/**
 * Deterministic follow times for the kit: a fixed origin plus a number of microseconds, so tests
 * can create exact ties and exact orders without reading a clock.
 */
public final class Times {

    /** The origin of every kit time. */
    public static final Instant BASE = Instant.parse("2024-03-01T12:00:00Z");

    private Times() {
    }

    /**
     * The instant {@code micros} microseconds after {@link #BASE}.
     *
     * @param micros offset in microseconds, may be negative
     * @return the instant
     */
    public static Instant at(long micros) {
        return BASE.plusNanos(micros * 1_000L);
    }
}
