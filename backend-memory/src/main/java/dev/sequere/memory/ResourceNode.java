package dev.sequere.memory;

import dev.sequere.Ref;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything stored about one resource: whom it follows (by followee, for O(1) lookups), and
 * its followers and followings indexed per type of the other side, plus counters.
 *
 * <p>All writes happen while holding this node's monitor (and, for a follow, the other node's
 * too); counters are volatile so that lock-free readers see a value some serial order explains.
 * A node whose last edge is gone is retired and removed from the map; writers that raced with
 * the retirement see the flag under the lock and start over with a fresh node.
 */
final class ResourceNode {

    final Ref ref;
    /** Followee -> the record of this resource's follow of it. */
    final Map<Ref, FollowRecord> following = new ConcurrentHashMap<>();
    /** Follower type -> followers of that type. */
    final Map<String, EdgeIndex> followersByType = new ConcurrentHashMap<>(4);
    /** Followee type -> followings of that type. */
    final Map<String, EdgeIndex> followingsByType = new ConcurrentHashMap<>(4);
    /** Friend type -> number of mutual follows with resources of that type. */
    final Map<String, Counter> friendsByType = new ConcurrentHashMap<>(4);

    volatile long followers;
    volatile long friends;
    boolean retired;

    ResourceNode(Ref ref) {
        this.ref = ref;
    }

    EdgeIndex followersOf(String type) {
        return followersByType.computeIfAbsent(type, t -> new EdgeIndex(FollowRecord.BY_FOLLOWER));
    }

    EdgeIndex followingsOf(String type) {
        return followingsByType.computeIfAbsent(type, t -> new EdgeIndex(FollowRecord.BY_FOLLOWEE));
    }

    long followings() {
        return following.size();
    }

    boolean isEmpty() {
        return following.isEmpty() && followers == 0;
    }

    /** Caller holds this node's lock. */
    void addFriend(String type, int delta) {
        friendsByType.computeIfAbsent(type, t -> new Counter()).value += delta;
        friends += delta;
    }

    /** Lock order between two nodes: by ref, so two threads locking the same pair never deadlock. */
    static final Comparator<ResourceNode> LOCK_ORDER = Comparator.comparing(n -> n.ref);

    /** A counter written under a node lock and read without one. */
    static final class Counter {
        volatile long value;
    }
}
