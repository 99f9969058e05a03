package dev.sequere.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Pages read while other threads follow and unfollow the same resource: the index is a plain
 * B+ tree that writers split and merge in place, so every page must still come out whole,
 * strictly ordered and of known followers. (The conformance kit pages between writes; this
 * pages during them.)
 */
class ConcurrentPagingTest {

    private static final Ref POPULAR = new Ref("project", "popular");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int USERS = 2_000;

    @Test
    void pagesStayOrderedWhileWritersSplitAndMergeTheIndex() throws Exception {
        FollowStore store = MemoryBackend.create().follows();
        Ref[] users = new Ref[USERS];
        for (int i = 0; i < USERS; i++) {
            users[i] = new Ref(i % 3 == 0 ? "team" : "user", "u" + i);
        }
        Comparator<Edge> oldestFirst = Comparator.comparing(Edge::since).thenComparing(Edge::ref);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                long seed = w;
                writers.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int step = 0; step < 40_000; step++) {
                        Ref user = users[random.nextInt(USERS)];
                        if (random.nextInt(3) > 0) {
                            store.follow(user, POPULAR, START.plusSeconds(random.nextInt(500)));
                        } else {
                            store.unfollow(user, POPULAR);
                        }
                    }
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Order order = r == 0 ? Order.NEWEST_FIRST : Order.OLDEST_FIRST;
                Comparator<Edge> expected = order == Order.NEWEST_FIRST ? oldestFirst.reversed() : oldestFirst;
                readers.add(pool.submit(() -> {
                    int pages = 0;
                    while (!stop.get()) {
                        Edge after = null;
                        for (int p = 0; p < 50; p++) {
                            String type = p % 2 == 0 ? null : "user";
                            List<Edge> page = store.page(POPULAR, Direction.FOLLOWERS, new EdgeQuery(type, order, after, 17));
                            pages++;
                            for (int i = 0; i < page.size(); i++) {
                                Edge edge = page.get(i);
                                assertThat(edge.ref().id()).startsWith("u");
                                if (type != null) {
                                    assertThat(edge.ref().type()).isEqualTo(type);
                                }
                                Edge previous = i > 0 ? page.get(i - 1) : after;
                                if (previous != null) {
                                    assertThat(expected.compare(previous, edge)).as("order within and across pages").isNegative();
                                }
                            }
                            if (page.isEmpty()) {
                                break;
                            }
                            after = page.get(page.size() - 1);
                        }
                    }
                    return pages;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            stop.set(true);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        // Quiescent: every count equals its listing.
        List<Edge> all = store.page(POPULAR, Direction.FOLLOWERS, new EdgeQuery(null, Order.OLDEST_FIRST, null, USERS + 1));
        assertThat(all).hasSize((int) store.count(POPULAR, Direction.FOLLOWERS, null)).isSortedAccordingTo(oldestFirst);
        List<Edge> ofUsers = store.page(POPULAR, Direction.FOLLOWERS, new EdgeQuery("user", Order.NEWEST_FIRST, null, USERS + 1));
        assertThat(ofUsers).hasSize((int) store.count(POPULAR, Direction.FOLLOWERS, "user"));
    }
}
