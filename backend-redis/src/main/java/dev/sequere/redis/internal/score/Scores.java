package dev.sequere.redis.internal.score;

import dev.sequere.InvalidArgumentException;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedEntry;
import java.time.Instant;

/**
 * Sorted-set scores are IEEE doubles: every whole number in {@code [-2^53, 2^53]} is exact, which
 * covers epoch microseconds until the year 2255. Scores are sent as decimal integers so that no
 * client-side double formatting can round them.
 */
public final class Scores {

    private static final long MAX = FeedEntry.MAX_EXACT_SCORE;

    private Scores() {
    }

    /**
     * The score of a follow time.
     *
     * @param since the time, microsecond precision
     * @return epoch microseconds
     * @throws InvalidArgumentException when the time is outside what a score holds exactly
     */
    public static long ofTime(Instant since) {
        long micros = EpochMicros.of(since);
        if (micros > MAX || micros < -MAX) {
            throw new InvalidArgumentException("time " + since + " is outside the range Redis scores hold exactly "
                    + "(epoch microseconds within +/-2^53, about years 1685 to 2255)");
        }
        return micros;
    }

    /**
     * The exclusive lower bound {@code (score} for "strictly greater than", clamped so that a
     * bound outside the storable range cannot round onto a stored score.
     *
     * @param score the bound
     * @return a {@code ZCOUNT}/{@code ZRANGE} min argument
     */
    public static String greaterThan(long score) {
        if (score < -MAX) {
            return "-inf";
        }
        return "(" + Math.min(score, MAX);
    }

    /**
     * The exclusive upper bound {@code (score} for "strictly lower than", clamped likewise.
     *
     * @param score the bound
     * @return a {@code ZREMRANGEBYSCORE} max argument
     */
    public static String lowerThan(long score) {
        if (score > MAX) {
            return "+inf";
        }
        return "(" + Math.max(score, -MAX);
    }
}
