package dev.sequere.redis.internal.delivery;

import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Edge;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A manual measurement, not a check: the time of a conditional fan-out ({@code fanOutStep} of
 * 1 000 followers, step after step) to 10 000 followers on the standalone server and on the
 * three-master Cluster, in alternating rounds, median printed. Run with
 * {@code -Dsequere.redis.scale=true -Dtest=FanOutScaleCheck}.
 */
@EnabledIfSystemProperty(named = "sequere.redis.scale", matches = "true")
class FanOutScaleCheck {

    private static final Ref SOURCE = Ref.of("project", "big");
    private static final int FOLLOWERS = Integer.getInteger("sequere.redis.scale.followers", 10_000);
    private static final int ROUNDS = Integer.getInteger("sequere.redis.scale.rounds", 9);

    @Test
    void conditionalFanOutStandaloneVersusCluster() throws Exception {
        List<Topology> topologies = List.of(Topology.STANDALONE, Topology.CLUSTER);
        Map<Topology, RedisBackend> backends = new EnumMap<>(Topology.class);
        Map<Topology, List<Long>> conditional = new EnumMap<>(Topology.class);
        Map<Topology, List<Long>> plain = new EnumMap<>(Topology.class);
        try {
            for (Topology topology : topologies) {
                RedisBackend backend = topology.create(FanOutScaleCheck.class);
                backends.put(topology, backend);
                load(backend);
                conditional.put(topology, new ArrayList<>());
                plain.put(topology, new ArrayList<>());
            }
            for (int round = -2; round < ROUNDS; round++) {
                for (Topology topology : topologies) {
                    RedisBackend backend = backends.get(topology);
                    FeedEntry entry = new FeedEntry("c" + round, round + 10);
                    long start = System.nanoTime();
                    long delivered = 0;
                    @Nullable Edge after = null;
                    do {
                        FanOutStep step = backend.fanOutStep(SOURCE, List.of("private"), entry, after, 1_000);
                        delivered += step.delivered();
                        after = step.last();
                    } while (after != null);
                    long conditionalNanos = System.nanoTime() - start;
                    start = System.nanoTime();
                    backend.fanOut(SOURCE, "private", new FeedEntry("u" + round, round + 10), 1_000);
                    long plainNanos = System.nanoTime() - start;
                    if (delivered != FOLLOWERS) {
                        throw new AssertionError("delivered " + delivered);
                    }
                    if (Boolean.getBoolean("sequere.redis.scale.split") && round == ROUNDS - 1) {
                        long pageNanos = 0;
                        long deliverNanos = 0;
                        @Nullable Edge at = null;
                        FeedEntry probe = new FeedEntry("p" + round, 5);
                        do {
                            long t0 = System.nanoTime();
                            List<Edge> page = backend.follows().page(SOURCE, dev.sequere.spi.Direction.FOLLOWERS,
                                    new dev.sequere.spi.EdgeQuery(null, dev.sequere.Order.OLDEST_FIRST, at, 1_000));
                            long t1 = System.nanoTime();
                            List<dev.sequere.spi.FeedKey> feeds = new ArrayList<>();
                            page.forEach(e -> feeds.add(new dev.sequere.spi.FeedKey(e.ref(), "private")));
                            backend.deliver(SOURCE, List.of(new dev.sequere.spi.Delivery(probe, feeds)));
                            deliverNanos += System.nanoTime() - t1;
                            pageNanos += t1 - t0;
                            at = page.size() < 1_000 ? null : page.get(page.size() - 1);
                        } while (at != null);
                        System.out.printf("FanOutScaleCheck %s split: pages %.1f ms, deliver %.1f ms%n", topology,
                                pageNanos / 1e6, deliverNanos / 1e6);
                    }
                    if (round >= 0) {
                        conditional.get(topology).add(conditionalNanos);
                        plain.get(topology).add(plainNanos);
                    }
                }
            }
            for (Topology topology : topologies) {
                System.out.printf("FanOutScaleCheck %s, %d followers: conditional fanOutStep x1000 median %.1f ms, "
                                + "unconditional fanOut median %.1f ms (%d rounds)%n", topology, FOLLOWERS,
                        median(conditional.get(topology)), median(plain.get(topology)), ROUNDS);
            }
        } finally {
            backends.forEach(Topology::destroy);
        }
    }

    private static void load(RedisBackend backend) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < FOLLOWERS; i += 8) {
                        backend.follows().follow(Ref.of("user", "u" + i), SOURCE, Instant.ofEpochSecond(1_700_000_000L, i * 1_000L));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
