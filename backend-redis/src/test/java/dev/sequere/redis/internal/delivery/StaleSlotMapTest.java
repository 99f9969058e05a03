package dev.sequere.redis.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.support.RedisServers;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/**
 * A Cluster delivery whose slot map is wrong (as after a resharding or a failover): each master
 * refuses the keys it does not hold, the delivery falls back to per-slot scripts and still reaches
 * every follower, and the wrong map is forgotten.
 */
class StaleSlotMapTest {

    @Test
    void aWrongSlotMapFallsBackToPerSlotScriptsAndIsForgotten() {
        RedisBackend backend = Topology.CLUSTER.create(StaleSlotMapTest.class);
        try {
            Ref source = Ref.of("project", "p");
            List<FeedKey> feeds = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Ref follower = Ref.of("user", "u" + i);
                backend.follows().follow(follower, source, Instant.parse("2026-01-01T00:00:00Z"));
                feeds.add(new FeedKey(follower, "private"));
            }
            feeds.add(new FeedKey(Ref.of("user", "not-a-follower"), "private"));
            // Every slot "on" one master: the other masters' owners are sent to the wrong node.
            HostAndPort one = RedisServers.clusterMasters().iterator().next();
            AtomicInteger lookups = new AtomicInteger();
            SlotNodes wrong = new SlotNodes(slot -> {
                lookups.incrementAndGet();
                return one;
            });
            ConditionalDelivery delivery = new ConditionalDelivery(backend.client(), backend.keys(), backend.follows(),
                    false, wrong);

            long added = delivery.deliver(source, List.of(new Delivery(new FeedEntry("e1", 1), feeds)));

            assertThat(added).isBetween(1L, 60L);
            for (FeedKey feed : feeds.subList(0, 60)) {
                assertThat(backend.feeds().score(feed, "e1")).as(feed.toString()).hasValue(1);
            }
            assertThat(backend.feeds().count(feeds.get(60))).isZero();
            int first = lookups.get();
            assertThat(first).isPositive();
            assertThat(delivery.deliver(source, List.of(new Delivery(new FeedEntry("e2", 2), feeds)))).isBetween(1L, 60L);
            assertThat(lookups.get()).as("the map was forgotten and asked again").isGreaterThan(first);
        } finally {
            Topology.CLUSTER.destroy(backend);
        }
    }
}
