package dev.sequere.benchmarks.memory;

import dev.sequere.Ref;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline the in-memory backend is measured against: the least a thread-safe follow graph
 * can be, two bare hash indexes (followings by follower, followers by followee) of concurrent
 * hash sets. It keeps no time, no order, no per-type counts and does not keep its two directions
 * atomic with each other, so the backend is expected to be slower; the benchmarks say by how much.
 */
public final class RawFollowIndex {

    private final ConcurrentHashMap<Ref, Set<Ref>> followings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Ref, Set<Ref>> followers = new ConcurrentHashMap<>();

    /**
     * Adds the edge in both indexes.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return {@code true} if the edge was new
     */
    public boolean follow(Ref follower, Ref followee) {
        boolean added = followings.computeIfAbsent(follower, k -> ConcurrentHashMap.newKeySet()).add(followee);
        if (added) {
            followers.computeIfAbsent(followee, k -> ConcurrentHashMap.newKeySet()).add(follower);
        }
        return added;
    }

    /**
     * Whether the edge exists.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return {@code true} if it does
     */
    public boolean isFollowing(Ref follower, Ref followee) {
        Set<Ref> set = followings.get(follower);
        return set != null && set.contains(followee);
    }

    /**
     * Number of followers of a resource.
     *
     * @param followee the resource
     * @return how many follow it
     */
    public int followerCount(Ref followee) {
        Set<Ref> set = followers.get(followee);
        return set == null ? 0 : set.size();
    }

    /**
     * Number of resources a follower follows.
     *
     * @param follower the follower
     * @return how many it follows
     */
    public int followingCount(Ref follower) {
        Set<Ref> set = followings.get(follower);
        return set == null ? 0 : set.size();
    }
}
