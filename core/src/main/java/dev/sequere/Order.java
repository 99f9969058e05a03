package dev.sequere;

/**
 * Direction of a listing along its total order {@code (time, ref)} or {@code (score, id)}.
 */
public enum Order {
    /** Latest first; the default of every listing. */
    NEWEST_FIRST,
    /** Earliest first. */
    OLDEST_FIRST;

    /**
     * The opposite direction.
     *
     * @return {@code OLDEST_FIRST} for {@code NEWEST_FIRST} and the other way round
     */
    public Order reversed() {
        return this == NEWEST_FIRST ? OLDEST_FIRST : NEWEST_FIRST;
    }
}
