package dev.sequere.redis.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Edge;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.tck.TrickyIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Conditional delivery on every topology: who gets what, with ids that need escaping. */
class ConditionalDeliveryTest {

    private static final Ref SOURCE = Ref.of("project", "p}1");

    @ParameterizedTest
    @EnumSource(Topology.class)
    void anImportIsOneCallThatReachesOnlyAFollowerAndPurgeOnlyANonFollower(Topology topology) {
        RedisBackend backend = topology.create(ConditionalDeliveryTest.class);
        try {
            Ref reader = Ref.of("user", "r {x}%");
            Ref stranger = Ref.of("user", "stranger");
            backend.follows().follow(reader, SOURCE, Instant.parse("2026-01-01T00:00:00Z"));
            List<Delivery> deliveries = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                FeedEntry entry = new FeedEntry("a" + i, 1_000 + i);
                ids.add(entry.id());
                List<FeedKey> feeds = new ArrayList<>(List.of(new FeedKey(reader, "private"),
                        new FeedKey(stranger, "private")));
                if (i % 2 == 0) {
                    feeds.add(new FeedKey(reader, "private.v.like"));
                }
                deliveries.add(new Delivery(entry, feeds));
            }
            assertThat(backend.deliver(SOURCE, deliveries)).isEqualTo(300);
            assertThat(backend.deliver(SOURCE, deliveries)).as("insert-if-absent").isZero();
            assertThat(backend.feeds().count(new FeedKey(reader, "private"))).isEqualTo(200);
            assertThat(backend.feeds().count(new FeedKey(reader, "private.v.like"))).isEqualTo(100);
            assertThat(backend.feeds().count(new FeedKey(stranger, "private"))).isZero();
            assertThat(backend.feeds().page(new FeedKey(reader, "private"), new FeedQuery(Order.NEWEST_FIRST, null, 1)))
                    .containsExactly(new FeedEntry("a199", 1_199));

            List<String> names = List.of("private", "private.v.like");
            assertThat(backend.purge(reader, SOURCE, ids, names)).as("still a follower").isZero();
            backend.follows().unfollow(reader, SOURCE);
            assertThat(backend.purge(reader, SOURCE, ids, names)).isEqualTo(300);
            assertThat(backend.deliver(SOURCE, deliveries)).as("no longer a follower").isZero();
            assertThatThrownBy(() -> backend.purge(reader, SOURCE, ids, List.of("Bad Name")))
                    .isInstanceOf(InvalidArgumentException.class);
        } finally {
            topology.destroy(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void fanOutStepsWalkEveryFollowerOnceWithTrickyIds(Topology topology) {
        RedisBackend backend = topology.create(ConditionalDeliveryTest.class);
        try {
            List<Ref> followers = new ArrayList<>();
            for (String id : TrickyIds.all()) {
                followers.add(Ref.of("user", id));
            }
            for (int i = 0; i < 300; i++) {
                followers.add(Ref.of(i % 3 == 0 ? "team" : "user", "f" + i));
            }
            long micros = 1_700_000_000_000_000L;
            for (Ref follower : followers) {
                backend.follows().follow(follower, SOURCE, Instant.EPOCH.plusNanos(1_000 * (micros += 7)));
            }
            FeedEntry entry = new FeedEntry("e1", 42);
            long delivered = 0;
            int steps = 0;
            @Nullable Edge after = null;
            do {
                FanOutStep step = backend.fanOutStep(SOURCE, List.of("private", "private.v.post"), entry, after, 37);
                delivered += step.delivered();
                after = step.last();
                steps++;
            } while (after != null);
            assertThat(delivered).isEqualTo(2L * followers.size());
            assertThat(steps).isEqualTo(followers.size() / 37 + 1);
            for (Ref follower : followers) {
                assertThat(backend.feeds().score(new FeedKey(follower, "private"), "e1")).hasValue(42);
                assertThat(backend.feeds().score(new FeedKey(follower, "private.v.post"), "e1")).hasValue(42);
            }
            assertThat(backend.fanOutStep(SOURCE, List.of("private"), entry, null, 10_000).delivered()).isZero();
        } finally {
            topology.destroy(backend);
        }
    }
}
