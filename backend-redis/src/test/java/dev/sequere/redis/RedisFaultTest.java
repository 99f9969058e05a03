package dev.sequere.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.BackendException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.support.ClientKiller;
import dev.sequere.redis.support.PrefixCleaner;
import dev.sequere.redis.support.RedisServers;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FollowStore;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Dropped connections: while threads follow and unfollow, a second connection kills the
 * backend's connections ({@code CLIENT KILL}) again and again. Every failed call must be a
 * {@link BackendException}, each side must stay whole (its counts equal its listings), the next
 * calls must work, and once every pair has been written again both sides must agree everywhere.
 * On a single node both sides must agree even before that, as one script writes them.
 */
class RedisFaultTest {

    private static final int USERS = 6;
    private static final long STORM_MILLIS = 2_000;

    @ParameterizedTest
    @EnumSource(Topology.class)
    void killedConnectionsFailCleanlyAndLeaveEverySideWhole(Topology topology) throws Exception {
        String clientName = "sequere-fault-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = PrefixCleaner.uniquePrefix(RedisFaultTest.class);
        JedisClientConfig config = DefaultJedisClientConfig.builder().clientName(clientName).build();
        List<HostAndPort> servers;
        UnifiedJedis client;
        if (topology == Topology.CLUSTER) {
            servers = new ArrayList<>(RedisServers.clusterMasters());
            client = RedisClusterClient.builder().nodes(new HashSet<>(RedisServers.clusterNodes())).clientConfig(config).build();
        } else {
            URI uri = URI.create(RedisServers.standaloneUrl());
            servers = List.of(new HostAndPort(uri.getHost(), uri.getPort()));
            client = RedisClient.builder().hostAndPort(servers.get(0)).clientConfig(config).build();
        }
        RedisBackend backend = RedisBackend.builder(client).prefix(prefix).closeClient(true)
                .cluster(topology != Topology.STANDALONE).build();
        List<Ref> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(Ref.of("user", "u" + i));
        }
        try (ClientKiller killer = new ClientKiller(clientName, servers)) {
            FollowStore store = backend.follows();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong failures = new AtomicLong();
            AtomicLong calls = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    while (running.get()) {
                        Ref a = users.get(random.nextInt(USERS));
                        Ref b = users.get(random.nextInt(USERS));
                        try {
                            if (random.nextBoolean()) {
                                store.follow(a, b, Instant.ofEpochSecond(1_700_000_000L, random.nextInt(1_000) * 1_000L));
                            } else {
                                store.unfollow(a, b);
                            }
                            calls.incrementAndGet();
                        } catch (BackendException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            done.add(pool.submit(() -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STORM_MILLIS);
                while (System.nanoTime() < end) {
                    killer.killAll();
                    Thread.sleep(10);
                }
                running.set(false);
                return null;
            }));
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(killer.killed()).as("connections killed").isPositive();
            assertThat(calls.get()).as("calls that went through").isPositive();
            if (topology != Topology.CLUSTER) {
                // The Cluster client retries a failed connection itself, so there a kill may stay invisible.
                assertThat(failures.get()).as("calls failed with BackendException").isPositive();
            }

            assertEachSideWhole(store, users);
            if (topology == Topology.STANDALONE) {
                assertSidesAgree(store, users);
            }

            // The next calls work, and writing each pair once more reconciles any side a failed
            // call left behind.
            Random random = new Random(42);
            Map<List<Ref>, Boolean> expected = new HashMap<>();
            for (Ref a : users) {
                for (Ref b : users) {
                    boolean follow = random.nextBoolean();
                    if (follow) {
                        store.follow(a, b, Instant.ofEpochSecond(1_700_000_001L));
                    } else {
                        store.unfollow(a, b);
                    }
                    expected.put(List.of(a, b), follow);
                }
            }
            assertEachSideWhole(store, users);
            assertSidesAgree(store, users);
            expected.forEach((pair, follows) -> assertThat(store.exists(pair.get(0), pair.get(1))).isEqualTo(follows));
        } finally {
            if (topology == Topology.CLUSTER) {
                PrefixCleaner.cleanCluster(prefix);
            } else {
                PrefixCleaner.cleanStandalone(prefix);
            }
            backend.close();
        }
    }

    /** Within each resource: every count equals its listing, friends = followings ∩ followers. */
    private static void assertEachSideWhole(FollowStore store, List<Ref> users) {
        for (Ref subject : users) {
            Map<Ref, Instant> followers = walk(store, subject, Direction.FOLLOWERS);
            Map<Ref, Instant> followings = walk(store, subject, Direction.FOLLOWINGS);
            Map<Ref, Instant> friends = walk(store, subject, Direction.FRIENDS);
            assertThat(store.count(subject, Direction.FOLLOWERS, null)).isEqualTo(followers.size());
            assertThat(store.count(subject, Direction.FOLLOWERS, "user")).isEqualTo(followers.size());
            assertThat(store.count(subject, Direction.FOLLOWINGS, null)).isEqualTo(followings.size());
            assertThat(store.count(subject, Direction.FRIENDS, null)).isEqualTo(friends.size());
            Set<Ref> mutual = new HashSet<>(followings.keySet());
            mutual.retainAll(followers.keySet());
            assertThat(friends.keySet()).isEqualTo(mutual);
        }
    }

    /** Across resources: each edge is seen from both ends, with the same time. */
    private static void assertSidesAgree(FollowStore store, List<Ref> users) {
        Map<Ref, Map<Ref, Instant>> followers = new HashMap<>();
        for (Ref subject : users) {
            followers.put(subject, walk(store, subject, Direction.FOLLOWERS));
        }
        for (Ref a : users) {
            Map<Ref, Instant> followings = walk(store, a, Direction.FOLLOWINGS);
            for (Ref b : users) {
                @Nullable Instant forward = followings.get(b);
                @Nullable Instant backward = followers.get(b).get(a);
                assertThat(backward).as(a + " -> " + b + " seen from " + b).isEqualTo(forward);
                assertThat(store.exists(a, b)).isEqualTo(forward != null);
            }
        }
    }

    private static Map<Ref, Instant> walk(FollowStore store, Ref subject, Direction direction) {
        Map<Ref, Instant> all = new HashMap<>();
        @Nullable Edge after = null;
        while (true) {
            List<Edge> page = store.page(subject, direction, new EdgeQuery(null, Order.OLDEST_FIRST, after, 2));
            for (Edge edge : page) {
                assertThat(all.put(edge.ref(), edge.since())).as("listed twice").isNull();
            }
            if (page.size() < 2) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }
}
