package dev.sequere.spi;

/**
 * Which relation of a subject a {@link FollowStore} listing or count reads.
 */
public enum Direction {
    /** Resources that follow the subject (edges pointing at it). */
    FOLLOWERS,
    /** Resources the subject follows (edges leaving it). */
    FOLLOWINGS,
    /**
     * Resources the subject follows and that follow the subject back. An item's time is when the
     * subject followed the friend, so friends page in the same order as followings.
     */
    FRIENDS
}
