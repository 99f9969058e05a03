package dev.sequere.jdbc.sql;

import dev.sequere.InvalidArgumentException;
import java.time.Instant;

/**
 * Times as stored: {@code BIGINT} epoch microseconds. Integer micros keep the microsecond
 * precision the SPI promises on every database (whose own timestamp types differ in precision
 * and time-zone handling) and compare exactly in keyset predicates.
 */
public final class Micros {

    private Micros() {
    }

    /**
     * Converts an instant, dropping anything finer than a microsecond.
     *
     * @param instant the time
     * @return epoch microseconds
     * @throws InvalidArgumentException when the instant does not fit in a {@code long} of micros
     *     (beyond about 292 000 years from 1970)
     */
    public static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new InvalidArgumentException("time " + instant + " is out of the storable range "
                    + "(epoch microseconds in a 64-bit integer)");
        }
    }

    /**
     * Converts stored microseconds back.
     *
     * @param micros epoch microseconds
     * @return the instant
     */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
