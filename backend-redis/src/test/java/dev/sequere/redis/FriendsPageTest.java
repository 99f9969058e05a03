package dev.sequere.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.internal.command.KeysetWindow;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Friends pages when friends are sparse: the page script stops walking the followings once it has
 * read as many as there are followers and reads the followers instead. Both ways must give the
 * same pages, cursors and ties included; the conformance kit covers the dense case.
 */
class FriendsPageTest {

    private static final Ref SUBJECT = Ref.of("user", "s");
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    /** Ids whose UTF-8 order differs from String.compareTo (U+FFFF sorts before U+1F600 in bytes). */
    private static final List<String> TRICKY = List.of("\uFFFF", "\uD83D\uDE00", "z z", "}", "a");

    @ParameterizedTest
    @EnumSource(Topology.class)
    void sparseFriendsPageLikeDenseOnes(Topology topology) {
        RedisBackend backend = topology.create(FriendsPageTest.class);
        try {
            List<Edge> friends = new ArrayList<>();
            // 300 followings of two types, one in 40 a friend; friends share instants (ties decided
            // by type, then by id in byte order).
            for (int i = 0; i < 300; i++) {
                String type = i % 3 == 0 ? "account" : "user";
                boolean friend = i % 40 == 7 || i == 0 || i == 299;
                String id = friend ? TRICKY.get(i / 40 % TRICKY.size()) + i : "f" + i;
                Ref other = Ref.of(type, id);
                Instant since = T.plusSeconds(friend ? i / 80 : i);
                backend.follows().follow(SUBJECT, other, since);
                if (friend) {
                    backend.follows().follow(other, SUBJECT, T);
                    friends.add(new Edge(other, since));
                }
            }
            // Followers that are not friends: more followers than friends, still far fewer than
            // the followings.
            for (int i = 0; i < 20; i++) {
                backend.follows().follow(Ref.of("user", "fan" + i), SUBJECT, T);
            }
            assertThat(friends).hasSizeGreaterThan(8);
            Comparator<Edge> ascending = Comparator.comparing(Edge::since)
                    .thenComparing(e -> e.ref().type())
                    .thenComparing((a, b) -> KeysetWindow.compareUtf8(a.ref().id(), b.ref().id()));
            for (Order order : Order.values()) {
                List<Edge> expected = friends.stream()
                        .sorted(order == Order.OLDEST_FIRST ? ascending : ascending.reversed()).toList();
                for (int limit : List.of(1, 2, 5, 50)) {
                    assertThat(walk(backend, null, order, limit)).as(order + " by " + limit).isEqualTo(expected);
                    assertThat(walk(backend, "user", order, limit)).as(order + " users by " + limit)
                            .isEqualTo(expected.stream().filter(e -> e.ref().type().equals("user")).toList());
                }
            }
            assertThat(backend.follows().count(SUBJECT, Direction.FRIENDS, null)).isEqualTo(friends.size());
        } finally {
            topology.destroy(backend);
        }
    }

    private static List<Edge> walk(RedisBackend backend, @Nullable String type, Order order, int limit) {
        List<Edge> walked = new ArrayList<>();
        Edge after = null;
        for (int pages = 0; ; pages++) {
            // A cursor that does not move on would loop forever: no walk here needs 300 pages.
            assertThat(pages).as("pages walked").isLessThan(300);
            List<Edge> page = backend.follows().page(SUBJECT, Direction.FRIENDS, new EdgeQuery(type, order, after, limit));
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            if (page.isEmpty()) {
                return walked;
            }
            walked.addAll(page);
            after = page.get(page.size() - 1);
        }
    }
}
