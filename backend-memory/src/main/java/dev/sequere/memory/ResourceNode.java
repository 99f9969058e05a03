package dev.sequere.memory;

import dev.sequere.Ref;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Everything stored about one resource: whom it follows (by followee, for O(1) lookups), and
 * its followers and followings indexed per type of the other side, plus counters.
 *
 * <p>All writes happen while holding this node's monitor (and, for a follow, the other node's
 * too); counters are volatile so that lock-free readers see a value some serial order explains.
 * The time-ordered indexes are read under the monitor as well (see {@link #collect}); lookups
 * and counts are not.
 * The maps and indexes are created on first write: most resources only ever follow or only ever are
 * followed, and an empty concurrent map still costs about 64 bytes per resource.
 * A node whose last edge is gone is retired and removed from the store; writers that raced
 * with the retirement see the flag under the lock and start over with a fresh node.
 */
final class ResourceNode {

    /**
     * Lock order between two nodes: by creation sequence, a total order that is cheaper to
     * compare than refs, so two threads locking the same pair never deadlock.
     */
    static final Comparator<ResourceNode> LOCK_ORDER = (a, b) -> Long.compare(a.sequence, b.sequence);

    private static final AtomicLong SEQUENCE = new AtomicLong();

    final Ref ref;
    private final long sequence = SEQUENCE.getAndIncrement();
    /** Followee -> the record of this resource's follow of it. */
    private volatile @Nullable Map<Ref, FollowRecord> following;
    /** Followers, per follower type. */
    private volatile @Nullable TypedIndexes followerIndexes;
    /** Followings, per followee type. */
    private volatile @Nullable TypedIndexes followingIndexes;
    /** Friend type -> number of mutual follows with resources of that type. */
    private volatile @Nullable Map<String, Counter> friendsByType;

    volatile long followers;
    volatile long friends;
    boolean retired;

    ResourceNode(Ref ref) {
        this.ref = ref;
    }

    @Nullable FollowRecord followingRecord(Ref followee) {
        Map<Ref, FollowRecord> map = following;
        return map == null ? null : map.get(followee);
    }

    boolean follows(Ref followee) {
        Map<Ref, FollowRecord> map = following;
        return map != null && map.containsKey(followee);
    }

    Map<Ref, FollowRecord> following() {
        Map<Ref, FollowRecord> map = following;
        return map == null ? Map.of() : map;
    }

    /** The followers of one type, or null; safe without the lock. */
    @Nullable EdgeIndex followersOfType(String type) {
        TypedIndexes indexes = followerIndexes;
        return indexes == null ? null : indexes.get(type);
    }

    /** The followings of one type, or null; safe without the lock. */
    @Nullable EdgeIndex followingsOfType(String type) {
        TypedIndexes indexes = followingIndexes;
        return indexes == null ? null : indexes.get(type);
    }

    long friendsOfType(String type) {
        Map<String, Counter> map = friendsByType;
        Counter counter = map == null ? null : map.get(type);
        return counter == null ? 0 : counter.value;
    }

    /**
     * Stores the follow unless this node already follows the followee: one hash operation
     * decides both. Caller holds this node's lock.
     *
     * @return whether the record was stored
     */
    boolean putFollowingIfAbsent(FollowRecord record) {
        Map<Ref, FollowRecord> map = following;
        if (map == null) {
            map = new ConcurrentHashMap<>(2);
            following = map;
        }
        if (map.putIfAbsent(record.followee, record) != null) {
            return false;
        }
        followingsOf(record.followee.type()).add(record);
        return true;
    }

    /** Caller holds this node's lock. */
    void removeFollowing(FollowRecord record) {
        following().remove(record.followee);
        followingsOf(record.followee.type()).remove(record);
    }

    /** Caller holds this node's lock. */
    void addFollower(FollowRecord record) {
        followersOf(record.follower.type()).add(record);
        followers++;
    }

    /** Caller holds this node's lock. */
    void removeFollower(FollowRecord record) {
        followersOf(record.follower.type()).remove(record);
        followers--;
    }

    long followings() {
        return following().size();
    }

    boolean isEmpty() {
        return following().isEmpty() && followers == 0;
    }

    /** Caller holds this node's lock. */
    void addFriend(String type, int delta) {
        Map<String, Counter> map = friendsByType;
        if (map == null) {
            map = new ConcurrentHashMap<>(2);
            friendsByType = map;
        }
        map.computeIfAbsent(type, t -> new Counter()).value += delta;
        friends += delta;
    }

    /** Caller holds this node's lock. */
    private EdgeIndex followersOf(String type) {
        TypedIndexes indexes = followerIndexes;
        if (indexes == null) {
            indexes = new TypedIndexes(true);
            followerIndexes = indexes;
        }
        return indexes.getOrCreate(type);
    }

    /** Caller holds this node's lock. */
    private EdgeIndex followingsOf(String type) {
        TypedIndexes indexes = followingIndexes;
        if (indexes == null) {
            indexes = new TypedIndexes(false);
            followingIndexes = indexes;
        }
        return indexes.getOrCreate(type);
    }

    /**
     * Appends to {@code out} up to {@code max} followers (or followings) of {@code type} (of all
     * types when null) strictly after {@code (afterSince, afterRef)} in the given order (from
     * the start when {@code afterRef} is null). Caller holds this node's lock: the indexes are
     * not safe to read while a writer changes them.
     */
    void collect(boolean followers, @Nullable String type, boolean newestFirst, long afterSince,
            @Nullable Ref afterRef, int max, List<FollowRecord> out) {
        TypedIndexes byType = followers ? followerIndexes : followingIndexes;
        if (byType == null) {
            return;
        }
        if (type != null) {
            EdgeIndex index = byType.get(type);
            if (index != null) {
                index.collect(newestFirst, afterSince, afterRef, max, out);
            }
            return;
        }
        Collection<EdgeIndex> indexes = byType.all();
        if (indexes.size() <= 1) {
            for (EdgeIndex index : indexes) {
                index.collect(newestFirst, afterSince, afterRef, max, out);
            }
            return;
        }
        // Several types: the first `max` of each, merged. Resources have few types of neighbours.
        List<FollowRecord> merged = new ArrayList<>();
        for (EdgeIndex index : indexes) {
            List<FollowRecord> part = new ArrayList<>();
            index.collect(newestFirst, afterSince, afterRef, max, part);
            merged.addAll(part);
        }
        Comparator<FollowRecord> order = followers ? FollowRecord.BY_FOLLOWER : FollowRecord.BY_FOLLOWEE;
        merged.sort(newestFirst ? order.reversed() : order);
        for (int i = 0; i < merged.size() && out.size() < max; i++) {
            out.add(merged.get(i));
        }
    }

    /** A counter written under a node lock and read without one. */
    static final class Counter {
        volatile long value;
    }
}
