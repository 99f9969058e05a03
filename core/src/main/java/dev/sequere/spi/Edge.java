package dev.sequere.spi;

import dev.sequere.Ref;
import java.time.Instant;
import java.util.Objects;

/**
 * One end of a follow as a listing sees it: the other resource and the time of the follow.
 * Also used as a keyset position: "the items strictly after this one".
 *
 * @param ref the resource at the other end (the follower in a followers listing, the followed
 *     resource in a followings or friends listing)
 * @param since when the follow was made, at microsecond precision
 */
public record Edge(Ref ref, Instant since) {

    /** Rejects nulls. */
    public Edge {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(since, "since");
    }
}
