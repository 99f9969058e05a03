package dev.sequere.redis.internal.follow;

import dev.sequere.Ref;
import java.util.List;

/**
 * Writes both sides of follow edges: the follower's followings (the authoritative side, read by
 * {@code exists} and {@code since}) and the followee's followers (the mirrored side). How the two
 * sides are kept together depends on the topology, hence two implementations.
 */
public interface EdgeWriter {

    /**
     * Creates {@code follower -> followee} if absent.
     *
     * @param follower who follows
     * @param followee who is followed
     * @param micros the follow time, epoch microseconds
     * @return {@code true} if this call created the edge
     */
    boolean follow(Ref follower, Ref followee, long micros);

    /**
     * Removes {@code follower -> followee} if present.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return {@code true} if this call removed the edge
     */
    boolean unfollow(Ref follower, Ref followee);

    /**
     * Removes many edges in pipelined batches ({@code forget}).
     *
     * @param edges pairs of {@code [follower, followee]}
     * @return how many edges this call removed
     */
    long unfollowAll(List<Ref[]> edges);

    /**
     * Completes the writes whose two sides a crash or a failure left apart (see
     * {@link PerSideEdgeWriter#repair()}); nothing to do when one script writes both sides.
     *
     * @return how many interrupted writes this completed
     */
    default long repair() {
        return 0;
    }

    /**
     * Makes both sides of one pair agree with the follower's side; nothing to do when one script
     * writes both sides.
     *
     * @param follower the follower
     * @param followee the followee
     * @return 1 when a side changed, else 0
     */
    default long repair(Ref follower, Ref followee) {
        return 0;
    }
}
