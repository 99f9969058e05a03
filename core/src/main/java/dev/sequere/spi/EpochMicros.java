package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import java.time.Instant;

/**
 * Converts between {@link Instant} and epoch microseconds, the unit every backend stores times
 * in (exact in a Redis score, a SQL {@code BIGINT}, a Java {@code long}).
 */
public final class EpochMicros {

    private EpochMicros() {
    }

    /**
     * Epoch microseconds of an instant, sub-microsecond digits dropped.
     *
     * @param instant the instant
     * @return microseconds since 1970-01-01T00:00:00Z
     * @throws InvalidArgumentException when the instant is beyond about 292 000 years from 1970
     */
    public static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new InvalidArgumentException("time " + instant + " is out of the storable range");
        }
    }

    /**
     * The instant of a number of epoch microseconds.
     *
     * @param micros microseconds since 1970-01-01T00:00:00Z
     * @return the instant
     */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
