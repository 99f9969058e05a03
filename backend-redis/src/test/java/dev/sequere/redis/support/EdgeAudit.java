package dev.sequere.redis.support;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks the follow graph among a set of resources through the public reads only, and lists
 * what is wrong instead of failing at the first problem, so a test can say how many pairs
 * disagree before a repair and that none do after.
 */
public final class EdgeAudit {

    private static final int PAGE = 50;

    private EdgeAudit() {
    }

    /**
     * Every violation among {@code users}: an edge seen from one end only (or with two times),
     * {@code exists} disagreeing with the followers listing, a count different from its listing,
     * a friendship seen from one friend only.
     *
     * @param store the store
     * @param users the resources, each pair of which is checked
     * @return one line per violation; empty when the graph is consistent
     */
    public static List<String> violations(FollowStore store, List<Ref> users) {
        List<String> found = new ArrayList<>();
        Map<Ref, Map<Ref, Instant>> followers = new HashMap<>();
        Map<Ref, Map<Ref, Instant>> followings = new HashMap<>();
        Map<Ref, Map<Ref, Instant>> friends = new HashMap<>();
        for (Ref subject : users) {
            followers.put(subject, walk(store, subject, Direction.FOLLOWERS));
            followings.put(subject, walk(store, subject, Direction.FOLLOWINGS));
            friends.put(subject, walk(store, subject, Direction.FRIENDS));
            for (Direction direction : Direction.values()) {
                long count = store.count(subject, direction, null);
                int listed = (direction == Direction.FOLLOWERS ? followers : direction == Direction.FOLLOWINGS
                        ? followings : friends).get(subject).size();
                if (count != listed) {
                    found.add(subject + " " + direction + ": count " + count + " but " + listed + " listed");
                }
            }
        }
        for (Ref a : users) {
            for (Ref b : users) {
                @Nullable Instant forward = followings.get(a).get(b);
                @Nullable Instant backward = followers.get(b).get(a);
                boolean exists = store.exists(a, b);
                if (!Objects.equals(forward, backward) || exists != (backward != null)) {
                    found.add(a + " -> " + b + ": exists=" + exists + ", in followings of " + a + " at " + forward
                            + ", in followers of " + b + " at " + backward);
                }
                if (friends.get(a).containsKey(b) != friends.get(b).containsKey(a)) {
                    found.add(a + " and " + b + ": friendship seen from one side only");
                }
            }
        }
        return found;
    }

    /**
     * Ordered pairs whose two sides disagree (a subset of what {@link #violations} reports).
     *
     * @param store the store
     * @param users the resources
     * @return how many pairs are in one side and not the other, or at two different times
     */
    public static long disagreeingPairs(FollowStore store, List<Ref> users) {
        Map<Ref, Map<Ref, Instant>> followers = new HashMap<>();
        for (Ref subject : users) {
            followers.put(subject, walk(store, subject, Direction.FOLLOWERS));
        }
        long disagreeing = 0;
        for (Ref a : users) {
            Map<Ref, Instant> out = walk(store, a, Direction.FOLLOWINGS);
            for (Ref b : users) {
                if (!Objects.equals(out.get(b), followers.get(b).get(a))) {
                    disagreeing++;
                }
            }
        }
        return disagreeing;
    }

    private static Map<Ref, Instant> walk(FollowStore store, Ref subject, Direction direction) {
        Map<Ref, Instant> all = new HashMap<>();
        @Nullable Edge after = null;
        while (true) {
            List<Edge> page = store.page(subject, direction, new EdgeQuery(null, Order.OLDEST_FIRST, after, PAGE));
            for (Edge edge : page) {
                all.put(edge.ref(), edge.since());
            }
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }
}
