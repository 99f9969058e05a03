package dev.sequere.spi;

/**
 * Optional abilities a {@link Backend} declares, so that the conformance kit checks them where
 * they are claimed and reports them as absent elsewhere, and the README's backend table can be
 * read off the code.
 */
public enum Capability {
    /** Data survives a restart of the application process. */
    PERSISTENT,
    /** Several processes (application instances) can share the same data concurrently. */
    SHARED_ACROSS_PROCESSES,
    /**
     * {@link Backend#fanOut} is a native set-based or pipelined operation rather than the
     * default loop over {@link FollowStore#page} and {@link FeedStore#add}.
     */
    NATIVE_FAN_OUT
}
