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
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The follow graph in memory. A follow or unfollow locks the two resource nodes it touches, in
 * a fixed order, and updates both directions and every counter in that one critical section, so
 * counts never drift and races resolve to a serial order. Reads take no lock.
 */
public final class MemoryFollowStore implements FollowStore {

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
            Boolean created = locked(from, to, () -> {
                if (from.follows(followee)) {
                    return false;
                }
                FollowRecord record = new FollowRecord(follower, followee, micros);
                from.putFollowing(record);
                to.addFollower(record);
                if (to.follows(follower)) {
                    // Mutual now (a self-follow is its own mirror and counts once).
                    from.addFriend(followee.type(), 1);
                    if (from != to) {
                        to.addFriend(follower.type(), 1);
                    }
                }
                return true;
            });
            if (created != null) {
                return created;
            }
        }
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
                return type == null ? node.followers : sizeOf(node.followersByType().get(type));
            case FOLLOWINGS:
                return type == null ? node.followings() : sizeOf(node.followingsByType().get(type));
            case FRIENDS:
                return type == null ? node.friends : node.friendsOfType(type);
            default:
                throw new IllegalArgumentException("unknown direction " + direction);
        }
    }

    @Override
    public List<Edge> page(Ref subject, Direction direction, EdgeQuery query) {
        ResourceNode node = nodes.get(subject);
        if (node == null) {
            return List.of();
        }
        boolean followers = direction == Direction.FOLLOWERS;
        Map<String, EdgeIndex> byType = followers ? node.followersByType() : node.followingsByType();
        Comparator<FollowRecord> order = followers ? FollowRecord.BY_FOLLOWER : FollowRecord.BY_FOLLOWEE;
        FollowRecord after = query.after() == null ? null : FollowRecord.probe(query.after());
        Iterator<FollowRecord> records = iterate(byType, query, order, after);
        Predicate<FollowRecord> keep = direction == Direction.FRIENDS ? this::isMutual : r -> true;
        List<Edge> page = new ArrayList<>(Math.min(query.limit(), 64));
        while (page.size() < query.limit() && records.hasNext()) {
            FollowRecord record = records.next();
            if (keep.test(record)) {
                page.add(followers ? record.asFollowerEdge() : record.asFolloweeEdge());
            }
        }
        return page;
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
        List<Ref> neighbours = new ArrayList<>(node.following().keySet());
        for (EdgeIndex index : node.followersByType().values()) {
            for (FollowRecord record : index.all()) {
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

    private static Iterator<FollowRecord> iterate(Map<String, EdgeIndex> byType, EdgeQuery query,
            Comparator<FollowRecord> order, @Nullable FollowRecord after) {
        if (query.type() != null) {
            EdgeIndex index = byType.get(query.type());
            return index == null ? java.util.Collections.emptyIterator() : index.after(query.order(), after);
        }
        Collection<EdgeIndex> indexes = byType.values();
        List<Iterator<FollowRecord>> sources = new ArrayList<>(indexes.size());
        for (EdgeIndex index : indexes) {
            sources.add(index.after(query.order(), after));
        }
        return new MergedIterator<>(sources, query.order() == Order.OLDEST_FIRST ? order : order.reversed());
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
