package dev.sequere.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Walks whole listings page by page and checks them against what they must hold. Where the
 * contract lets the backend choose (the order of refs or ids that tie), only consistency is
 * checked: monotonic times, one order being the exact reverse of the other, page size not
 * changing the order.
 */
public final class Listings {

    /** Guard against a backend whose paging never ends. */
    private static final int MAX_PAGES = 1_000_000;

    private Listings() {
    }

    /**
     * Every edge of a follow listing, walked with keyset pages.
     *
     * @param store the store
     * @param subject whose relation
     * @param direction which relation
     * @param type type filter or {@code null}
     * @param order walk order
     * @param pageSize edges per page
     * @return the edges in walk order
     */
    public static List<Edge> walk(FollowStore store, Ref subject, Direction direction, @Nullable String type,
            Order order, int pageSize) {
        List<Edge> all = new ArrayList<>();
        Edge after = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            List<Edge> page = store.page(subject, direction, new EdgeQuery(type, order, after, pageSize));
            assertThat(page).as("page of %s %s of %s after %s", order, direction, subject, after).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
        throw new AssertionError("paging " + direction + " of " + subject + " did not end");
    }

    /**
     * Every entry of a feed, walked with keyset pages.
     *
     * @param store the store
     * @param feed the feed
     * @param order walk order
     * @param pageSize entries per page
     * @return the entries in walk order
     */
    public static List<FeedEntry> walk(FeedStore store, FeedKey feed, Order order, int pageSize) {
        List<FeedEntry> all = new ArrayList<>();
        FeedEntry after = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            List<FeedEntry> page = store.page(feed, new FeedQuery(order, after, pageSize));
            assertThat(page).as("page of %s %s after %s", feed, order, after).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
        throw new AssertionError("paging " + feed + " did not end");
    }

    /**
     * Checks that a follow listing holds exactly {@code expected}, that its count agrees, that
     * oldest first is ordered by time and is the exact reverse of newest first, and that the
     * page size does not change the order.
     *
     * @param store the store
     * @param subject whose relation
     * @param direction which relation
     * @param type type filter or {@code null}
     * @param expected the refs and times it must hold
     * @param pageSize page size of one of the walks
     * @param context prepended to failure messages (seed, step)
     * @return the listing oldest first
     */
    public static List<Edge> assertListing(FollowStore store, Ref subject, Direction direction, @Nullable String type,
            Map<Ref, Instant> expected, int pageSize, String context) {
        String what = context + ": " + direction + " of " + subject + (type == null ? "" : " of type " + type);
        assertThat(store.count(subject, direction, type)).as(what + ": count").isEqualTo(expected.size());
        List<Edge> oldest = walk(store, subject, direction, type, Order.OLDEST_FIRST, pageSize);
        assertThat(asMap(oldest, what)).as(what + ": content").isEqualTo(expected);
        assertTimeOrdered(oldest, Order.OLDEST_FIRST, what);
        List<Edge> newest = walk(store, subject, direction, type, Order.NEWEST_FIRST, pageSize + 3);
        assertThat(newest).as(what + ": newest first must be the exact reverse of oldest first").isEqualTo(reversed(oldest));
        if (!expected.isEmpty()) {
            List<Edge> onePage = store.page(subject, direction, new EdgeQuery(type, Order.OLDEST_FIRST, null, expected.size() + 1));
            assertThat(onePage).as(what + ": one big page must equal the paged walk").isEqualTo(oldest);
        }
        return oldest;
    }

    /**
     * Turns a listing into a map, failing on a repeated ref.
     *
     * @param edges the listing
     * @param what description for messages
     * @return ref to time
     */
    public static Map<Ref, Instant> asMap(List<Edge> edges, String what) {
        Map<Ref, Instant> map = new LinkedHashMap<>();
        for (Edge edge : edges) {
            if (map.put(edge.ref(), edge.since()) != null) {
                throw new AssertionError(what + ": " + edge.ref() + " is listed twice in " + edges);
            }
        }
        return map;
    }

    /**
     * Checks that times never go backwards in walk order.
     *
     * @param edges the listing
     * @param order its order
     * @param what description for messages
     */
    public static void assertTimeOrdered(List<Edge> edges, Order order, String what) {
        for (int i = 1; i < edges.size(); i++) {
            int cmp = edges.get(i - 1).since().compareTo(edges.get(i).since());
            if (order == Order.OLDEST_FIRST ? cmp > 0 : cmp < 0) {
                throw new AssertionError(what + ": " + order + " out of order at index " + i + ": "
                        + edges.get(i - 1) + " then " + edges.get(i));
            }
        }
    }

    /**
     * Checks that scores never go backwards in walk order and ids are unique.
     *
     * @param entries the feed listing
     * @param order its order
     * @param what description for messages
     */
    public static void assertScoreOrdered(List<FeedEntry> entries, Order order, String what) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!ids.add(entries.get(i).id())) {
                throw new AssertionError(what + ": entry " + entries.get(i).id() + " listed twice");
            }
            if (i > 0) {
                int cmp = Long.compare(entries.get(i - 1).score(), entries.get(i).score());
                if (order == Order.OLDEST_FIRST ? cmp > 0 : cmp < 0) {
                    throw new AssertionError(what + ": " + order + " out of order at index " + i + ": "
                            + entries.get(i - 1) + " then " + entries.get(i));
                }
            }
        }
    }

    /**
     * A reversed copy.
     *
     * @param list the list
     * @param <T> element type
     * @return a new list in reverse order
     */
    public static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
