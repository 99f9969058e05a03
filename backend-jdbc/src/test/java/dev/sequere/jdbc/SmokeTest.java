package dev.sequere.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmokeTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyStatementRuns(TestDatabase db) {
        JdbcBackend backend = db.newBackend();
        try {
            Ref a = Ref.of("user", "a");
            Ref b = Ref.of("user", "b");
            Ref p = Ref.of("project", "p");
            Instant t = Instant.parse("2024-01-01T00:00:00.123456Z");
            var f = backend.follows();
            assertThat(f.follow(a, p, t)).isTrue();
            assertThat(f.follow(a, p, t)).isFalse();
            assertThat(f.follow(b, p, t)).isTrue();
            assertThat(f.follow(a, b, t.plusSeconds(1))).isTrue();
            assertThat(f.follow(b, a, t.plusSeconds(2))).isTrue();
            assertThat(f.since(a, p)).contains(t);
            assertThat(f.count(p, Direction.FOLLOWERS, null)).isEqualTo(2);
            assertThat(f.count(p, Direction.FOLLOWERS, "user")).isEqualTo(2);
            assertThat(f.count(a, Direction.FRIENDS, null)).isEqualTo(1);
            List<Edge> first = f.page(p, Direction.FOLLOWERS, new EdgeQuery(null, Order.NEWEST_FIRST, null, 1));
            List<Edge> second = f.page(p, Direction.FOLLOWERS, new EdgeQuery(null, Order.NEWEST_FIRST, first.get(0), 5));
            assertThat(first).hasSize(1);
            assertThat(second).hasSize(1);
            assertThat(f.page(p, Direction.FOLLOWERS, new EdgeQuery("user", Order.NEWEST_FIRST, first.get(0), 5))).hasSize(1);
            assertThat(f.page(a, Direction.FRIENDS, new EdgeQuery("user", Order.OLDEST_FIRST, null, 5)))
                    .extracting(Edge::ref).containsExactly(b);
            assertThat(f.unfollow(a, p)).isTrue();
            assertThat(f.unfollow(a, p)).isFalse();

            var feeds = backend.feeds();
            FeedKey fa = new FeedKey(a, "private");
            FeedKey fb = new FeedKey(b, "private");
            assertThat(feeds.putItem("i1", "{\"x\": 1}")).isTrue();
            assertThat(feeds.putItem("i1", "other")).isFalse();
            assertThat(feeds.items(List.of("i1", "nope"))).containsOnlyKeys("i1");
            assertThat(feeds.add(new FeedEntry("e1", 10), List.of(fa, fb))).isEqualTo(2);
            assertThat(feeds.add(new FeedEntry("e1", 11), List.of(fa, fb))).isEqualTo(0);
            assertThat(feeds.add(new FeedEntry("e2", 20), List.of(fa))).isEqualTo(1);
            assertThat(feeds.add(new FeedEntry("e3", 30), List.of(fa))).isEqualTo(1);
            assertThat(feeds.page(fa, FeedQuery.first(2))).extracting(FeedEntry::id).containsExactly("e3", "e2");
            assertThat(feeds.page(fa, new FeedQuery(Order.NEWEST_FIRST, new FeedEntry("e2", 20), 5)))
                    .extracting(FeedEntry::id).containsExactly("e1");
            assertThat(feeds.countNewer(fa, 10)).isEqualTo(2);
            assertThat(feeds.score(fa, "e1")).hasValue(10);
            assertThat(feeds.trim(fa, 2)).isEqualTo(1);
            assertThat(feeds.removeOlderThan(fa, 25)).isEqualTo(1);
            assertThat(feeds.remove("e1", List.of(fa, fb))).isEqualTo(1);
            assertThat(feeds.removeEntries(fa, List.of("e3", "x"))).isEqualTo(1);
            assertThat(feeds.clear(fb)).isZero();

            assertThat(backend.fanOut(p, "private", new FeedEntry("e9", 99), 10)).isEqualTo(1);
            assertThat(backend.fanOut(p, "private", new FeedEntry("e9", 99), 10)).isEqualTo(0);
            assertThat(feeds.count(fb)).isEqualTo(1);
            assertThat(backend.fanOutRemove(p, "private", "e9", 10)).isEqualTo(1);
            assertThat(f.removeAll(a)).isEqualTo(2);
        } finally {
            TestDatabase.dispose(backend);
        }
    }
}
