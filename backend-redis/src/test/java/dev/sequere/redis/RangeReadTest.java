package dev.sequere.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.internal.command.KeysetWindow;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The script-free read paths ({@code ZRANGE} per type, see {@link KeysetWindow}) and the cases
 * where they must hand over to the script: ties at the cursor's score filling the window, and a
 * type this backend instance has never seen.
 */
class RangeReadTest {

    private static final Ref PROJECT = Ref.of("project", "p");
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    /** Ids whose UTF-8 order differs from String.compareTo (U+FFFF sorts before U+1F600 in bytes). */
    private static final List<String> IDS = List.of("a", "b", "\uFFFF", "\uD83D\uDE00", "z z", "%7D", "}", "k");

    @Test
    void idsCompareLikeRedisDoes() {
        assertThat(KeysetWindow.compareUtf8("\uFFFF", "\uD83D\uDE00")).isNegative();
        assertThat("\uFFFF".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(KeysetWindow.compareUtf8("ab", "abc")).isNegative();
        assertThat(KeysetWindow.compareUtf8("abc", "abc")).isZero();
        assertThat(KeysetWindow.compareUtf8("b", "abc")).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void pagesWalkTiesLongerThanTheWindow(Topology topology) {
        RedisBackend backend = topology.create(RangeReadTest.class);
        try {
            // 4 x 8 x 2 = 64 followers: 24 of each type at one instant (more ties than a window holds), two
            // types, ids whose byte order is not Java's.
            List<Edge> all = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String id : IDS) {
                    for (String type : List.of("user", "account")) {
                        Ref follower = Ref.of(type, id + round);
                        Instant since = round == 3 ? T.plusSeconds(1) : T;
                        backend.follows().follow(follower, PROJECT, since);
                        all.add(new Edge(follower, since));
                    }
                }
            }
            Comparator<Edge> ascending = Comparator.comparing(Edge::since)
                    .thenComparing(e -> e.ref().type())
                    .thenComparing((a, b) -> KeysetWindow.compareUtf8(a.ref().id(), b.ref().id()));
            for (Order order : Order.values()) {
                Comparator<Edge> expectedOrder = order == Order.OLDEST_FIRST ? ascending : ascending.reversed();
                List<Edge> expected = all.stream().sorted(expectedOrder).toList();
                assertThat(walk(backend, null, order, 5)).as(order + ", all types").isEqualTo(expected);
                assertThat(walk(backend, "account", order, 3)).as(order + ", accounts")
                        .isEqualTo(expected.stream().filter(e -> e.ref().type().equals("account")).toList());
            }
            assertThat(backend.follows().count(PROJECT, Direction.FOLLOWERS, null)).isEqualTo(all.size());
        } finally {
            topology.destroy(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void anotherInstanceFindsTypesItNeverWrote(Topology topology) {
        RedisBackend writer = topology.create(RangeReadTest.class);
        try (RedisBackend reader = topology.openAnother(writer)) {
            reader.follows().follow(Ref.of("user", "u"), PROJECT, T);
            // The reader has seen "user" only; another process adds a type it does not know.
            writer.follows().follow(Ref.of("team", "t"), PROJECT, T.plusSeconds(1));
            EdgeQuery first = new EdgeQuery(null, Order.NEWEST_FIRST, null, 10);
            assertThat(reader.follows().page(PROJECT, Direction.FOLLOWERS, first)).extracting(Edge::ref)
                    .containsExactly(Ref.of("team", "t"), Ref.of("user", "u"));
            assertThat(reader.follows().count(PROJECT, Direction.FOLLOWERS, null)).isEqualTo(2);
            // Once seen, the type is read without the script, and still counted after it left.
            writer.follows().unfollow(Ref.of("team", "t"), PROJECT);
            assertThat(reader.follows().page(PROJECT, Direction.FOLLOWERS, first)).extracting(Edge::ref)
                    .containsExactly(Ref.of("user", "u"));
            assertThat(reader.follows().count(PROJECT, Direction.FOLLOWERS, null)).isEqualTo(1);
        } finally {
            topology.destroy(writer);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"STANDALONE", "CLUSTER"})
    void feedPagesWalkTiesLongerThanTheWindow(Topology topology) {
        RedisBackend backend = topology.create(RangeReadTest.class);
        try {
            FeedKey feed = new FeedKey(Ref.of("user", "ann"), "home");
            List<FeedEntry> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                FeedEntry entry = new FeedEntry(IDS.get(i % IDS.size()) + i, i < 30 ? 5 : i);
                backend.feeds().add(entry, List.of(feed));
                all.add(entry);
            }
            Comparator<FeedEntry> ascending = Comparator.comparingLong(FeedEntry::score)
                    .thenComparing((a, b) -> KeysetWindow.compareUtf8(a.id(), b.id()));
            for (Order order : Order.values()) {
                List<FeedEntry> expected = all.stream()
                        .sorted(order == Order.OLDEST_FIRST ? ascending : ascending.reversed()).toList();
                List<FeedEntry> walked = new ArrayList<>();
                FeedEntry after = null;
                while (true) {
                    List<FeedEntry> page = backend.feeds().page(feed, new FeedQuery(order, after, 4));
                    if (page.isEmpty()) {
                        break;
                    }
                    walked.addAll(page);
                    after = page.get(page.size() - 1);
                }
                assertThat(walked).as(order.toString()).isEqualTo(expected);
            }
        } finally {
            topology.destroy(backend);
        }
    }

    private static List<Edge> walk(RedisBackend backend, @Nullable String type, Order order, int limit) {
        List<Edge> walked = new ArrayList<>();
        Edge after = null;
        while (true) {
            List<Edge> page = backend.follows().page(PROJECT, Direction.FOLLOWERS, new EdgeQuery(type, order, after, limit));
            if (page.isEmpty()) {
                return walked;
            }
            walked.addAll(page);
            after = page.get(page.size() - 1);
        }
    }
}
