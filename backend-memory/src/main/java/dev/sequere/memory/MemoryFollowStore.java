package dev.sequere.memory;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The follow graph in memory. A follow or unfollow locks the two resource nodes it touches, in
 * a fixed order, and updates both directions and every counter in that one critical section, so
 * counts never drift and races resolve to a serial order. Lookups and counts take no
 * lock; a page copies its records out of the node's time-ordered index under that node's lock
 * (one resource, never a global lock), since the index is a plain B+ tree (see {@link EdgeIndex}).
 */
public final class MemoryFollowStore implements FollowStore {

    /** Followings scanned per locked step of a friends listing. */
    private static final int FRIENDS_BATCH = 256;

    private final ConcurrentHashMap<Ref, ResourceNode> nodes = new ConcurrentHashMap<>();

    MemoryFollowStore() {
    }

    @Override
    public boolean follow(Ref follower, Ref followee, Instant since) {
        Objects.requireNonNull(follower, "follower");
        Objects.requireNonNull(followee, "followee");
        long micros = EpochMicros.of(since);
        while (true) {
            ResourceNode from = node(follower);
            ResourceNode to = node(followee);
            // Written out rather than through locked(...): this is the hot path, and a capturing
            // lambda per follow is an allocation escape analysis does not always remove.
            boolean fromFirst = ResourceNode.LOCK_ORDER.compare(from, to) <= 0;
            ResourceNode first = fromFirst ? from : to;
            ResourceNode second = fromFirst ? to : from;
            synchronized (first) {
                synchronized (second) {
                    if (!from.retired && !to.retired) {
                        return link(from, to, new FollowRecord(follower, followee, micros));
                    }
                }
            }
        }
    }

    /** Caller holds both locks. */
    private static boolean link(ResourceNode from, ResourceNode to, FollowRecord record) {
        if (!from.putFollowingIfAbsent(record)) {
            return false;
        }
        to.addFollower(record);
        if (to.follows(record.follower)) {
            // Mutual now (a self-follow is its own mirror and counts once).
            from.addFriend(record.followee.type(), 1);
            if (from != to) {
                to.addFriend(record.follower.type(), 1);
            }
        }
        return true;
    }

    /** The node of a ref, created if absent; a plain get first, as most follows find it. */
    private ResourceNode node(Ref ref) {
        ResourceNode node = nodes.get(ref);
        return node != null ? node : nodes.computeIfAbsent(ref, ResourceNode::new);
    }

    @Override
    public boolean unfollow(Ref follower, Ref followee) {
        while (true) {
            ResourceNode from = nodes.get(follower);
            ResourceNode to = nodes.get(followee);
            if (from == null || to == null) {
                return false;
            }
            Boolean removed = locked(from, to, () -> {
                FollowRecord record = from.followingRecord(followee);
                if (record == null) {
                    return false;
                }
                unlink(from, to, record);
                retireIfEmpty(from);
                retireIfEmpty(to);
                return true;
            });
            if (removed != null) {
                return removed;
            }
        }
    }

    @Override
    public boolean exists(Ref follower, Ref followee) {
        ResourceNode from = nodes.get(follower);
        return from != null && from.follows(followee);
    }

    @Override
    public Optional<Instant> since(Ref follower, Ref followee) {
        ResourceNode from = nodes.get(follower);
        FollowRecord record = from == null ? null : from.followingRecord(followee);
        return record == null ? Optional.empty() : Optional.of(EpochMicros.toInstant(record.sinceMicros));
    }

    @Override
    public long count(Ref subject, Direction direction, @Nullable String type) {
        ResourceNode node = nodes.get(subject);
        if (node == null) {
            return 0;
        }
        switch (direction) {
            case FOLLOWERS:
                return type == null ? node.followers : sizeOf(node.followersOfType(type));
            case FOLLOWINGS:
                return type == null ? node.followings() : sizeOf(node.followingsOfType(type));
            case FRIENDS:
                return type == null ? node.friends : node.friendsOfType(type);
            default:
                throw new IllegalArgumentException("unknown direction " + direction);
        }
    }

    /**
     * Copies the records of a page out of the node's index under its lock (a page of 20 holds
     * it for a fraction of a microsecond), then builds the edges outside. Friends are the
     * followings whose followee follows back, checked outside the lock, so their scan goes in
     * batches and never holds the lock for a long run of non-mutual follows.
     */
    @Override
    public List<Edge> page(Ref subject, Direction direction, EdgeQuery query) {
        ResourceNode node = nodes.get(subject);
        if (node == null) {
            return List.of();
        }
        boolean followers = direction == Direction.FOLLOWERS;
        boolean friends = direction == Direction.FRIENDS;
        boolean newestFirst = query.order() == Order.NEWEST_FIRST;
        int limit = query.limit();
        int batch = friends ? Math.max(limit, FRIENDS_BATCH) : limit;
        long afterSince = query.after() == null ? 0 : EpochMicros.of(query.after().since());
        Ref afterRef = query.after() == null ? null : query.after().ref();
        List<Edge> page = new ArrayList<>(Math.min(limit, 64));
        List<FollowRecord> records = new ArrayList<>(Math.min(batch, 64));
        while (true) {
            records.clear();
            synchronized (node) {
                node.collect(followers, query.type(), newestFirst, afterSince, afterRef, batch, records);
            }
            for (FollowRecord record : records) {
                if (!friends || isMutual(record)) {
                    page.add(followers ? record.asFollowerEdge() : record.asFolloweeEdge());
                    if (page.size() == limit) {
                        return page;
                    }
                }
            }
            if (records.size() < batch) {
                return page;
            }
            FollowRecord lastSeen = records.get(records.size() - 1);
            afterSince = lastSeen.sinceMicros;
            afterRef = followers ? lastSeen.follower : lastSeen.followee;
        }
    }

    @Override
    public long removeAll(Ref subject) {
        long removed = 0;
        ResourceNode node = nodes.get(subject);
        if (node == null) {
            return 0;
        }
        // Snapshot the neighbours, then detach each pair under its own two locks; a follow that
        // races with forget either lands before (and is removed) or after (and stays), both of
        // which a serial order explains.
        List<Ref> neighbours;
        synchronized (node) {
            neighbours = new ArrayList<>(node.following().keySet());
            List<FollowRecord> followers = new ArrayList<>();
            node.collect(true, null, false, 0, null, Integer.MAX_VALUE, followers);
            for (FollowRecord record : followers) {
                neighbours.add(record.follower);
            }
        }
        for (Ref other : neighbours) {
            removed += detachPair(subject, other);
        }
        return removed;
    }

    /** Removes the follows {@code a -> b} and {@code b -> a}, whichever exist. */
    private long detachPair(Ref a, Ref b) {
        while (true) {
            ResourceNode na = nodes.get(a);
            ResourceNode nb = nodes.get(b);
            if (na == null || nb == null) {
                return 0;
            }
            Long removed = locked(na, nb, () -> {
                long count = 0;
                FollowRecord out = na.followingRecord(b);
                if (out != null) {
                    unlink(na, nb, out);
                    count++;
                }
                FollowRecord in = na == nb ? null : nb.followingRecord(a);
                if (in != null) {
                    unlink(nb, na, in);
                    count++;
                }
                retireIfEmpty(na);
                retireIfEmpty(nb);
                return count;
            });
            if (removed != null) {
                return removed;
            }
        }
    }

    /** Caller holds both locks. */
    private static void unlink(ResourceNode from, ResourceNode to, FollowRecord record) {
        if (to.follows(from.ref)) {
            from.addFriend(to.ref.type(), -1);
            if (from != to) {
                to.addFriend(from.ref.type(), -1);
            }
        }
        from.removeFollowing(record);
        to.removeFollower(record);
    }

    /** Caller holds the node's lock. */
    private void retireIfEmpty(ResourceNode node) {
        if (!node.retired && node.isEmpty()) {
            node.retired = true;
            nodes.remove(node.ref, node);
        }
    }

    private boolean isMutual(FollowRecord followingRecord) {
        ResourceNode friend = nodes.get(followingRecord.followee);
        return friend != null && friend.follows(followingRecord.follower);
    }

    private static long sizeOf(@Nullable EdgeIndex index) {
        return index == null ? 0 : index.size();
    }

    /**
     * Runs {@code action} holding both nodes' monitors, or returns {@code null} when one of them
     * was retired meanwhile (the caller then retries with fresh nodes).
     */
    private static <T> @Nullable T locked(ResourceNode a, ResourceNode b, java.util.function.Supplier<T> action) {
        ResourceNode first = ResourceNode.LOCK_ORDER.compare(a, b) <= 0 ? a : b;
        ResourceNode second = first == a ? b : a;
        synchronized (first) {
            synchronized (second) {
                if (a.retired || b.retired) {
                    return null;
                }
                return action.get();
            }
        }
    }
}
