package dev.sequere.benchmarks.redis;

import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.KeyLayout;
import dev.sequere.spi.Direction;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * The data every Redis benchmark reads: {@code project/big} followed by users {@code u1..uN}
 * (N = 1 000 000 by default) and {@code project/fan} followed by {@code u1..uM} (M = 100 000),
 * both sides of every edge, written with pipelined commands in the backend's own key layout.
 * When {@link RedisBenchmarks} runs the suite it loads the data once and passes its prefix; a
 * benchmark run on its own loads (and deletes) a fixture per trial.
 */
@State(Scope.Benchmark)
public class RedisFixture {

    /** The resource with the big follower listing. */
    static final Ref BIG = Ref.of("project", "big");
    /** The fan-out source. */
    static final Ref FAN = Ref.of("project", "fan");
    /** Follow times start here (epoch micros) and grow by one per follower. */
    static final long BASE_MICROS = 1_700_000_000_000_000L;

    private RedisClient client;
    private RedisBackend backend;
    private RawRedis raw;
    private String prefix;
    private boolean owned;
    private int followers;
    private int fanOutFollowers;

    /** Connects, and loads the data unless a runner already did. */
    @Setup
    public void setUp() {
        followers = RedisBench.intProperty(RedisBench.FOLLOWERS_PROPERTY, 1_000_000);
        fanOutFollowers = RedisBench.intProperty(RedisBench.FAN_OUT_PROPERTY, 100_000);
        String given = System.getProperty(RedisBench.PREFIX_PROPERTY);
        owned = given == null;
        prefix = owned ? RedisBench.newPrefix("fixture") : given;
        client = RedisClient.create(RedisBench.url());
        backend = RedisBackend.builder(client).prefix(prefix).build();
        raw = new RawRedis(client, backend.keys());
        if (owned) {
            load(prefix, followers, fanOutFollowers);
        }
        long loaded = backend.follows().count(BIG, Direction.FOLLOWERS, null);
        if (loaded != followers) {
            throw new IllegalStateException("fixture has " + loaded + " followers of " + BIG + ", expected " + followers);
        }
    }

    /** Deletes the data if this trial loaded it; closes the client. */
    @TearDown
    public void tearDown() {
        if (owned) {
            RedisBench.clean(prefix);
        }
        client.close();
    }

    RedisBackend backend() {
        return backend;
    }

    RawRedis raw() {
        return raw;
    }

    int followers() {
        return followers;
    }

    int fanOutFollowers() {
        return fanOutFollowers;
    }

    /**
     * Writes both sides of {@code u_i -> big} for i in 1..followers and {@code u_i -> fan} for i
     * in 1..fanOut, pipelined in chunks.
     *
     * @param prefix the key prefix
     * @param followers followers of {@link #BIG}
     * @param fanOut followers of {@link #FAN}
     */
    static void load(String prefix, int followers, int fanOut) {
        KeyLayout keys = KeyLayout.of(prefix);
        try (Jedis jedis = new Jedis(java.net.URI.create(RedisBench.url()))) {
            loadFollowers(jedis, keys, BIG, followers);
            loadFollowers(jedis, keys, FAN, fanOut);
        }
    }

    private static void loadFollowers(Jedis jedis, KeyLayout keys, Ref followee, int count) {
        String followersBase = keys.followers(followee);
        String followersKey = KeyLayout.typed(followersBase, "user");
        Pipeline pipeline = jedis.pipelined();
        pipeline.zadd(followersBase, 0, "user");
        Map<String, Double> chunk = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            Ref user = Ref.of("user", "u" + i);
            long micros = BASE_MICROS + i;
            chunk.put(user.id(), (double) micros);
            String followings = keys.followings(user);
            pipeline.zadd(KeyLayout.typed(followings, followee.type()), micros, followee.id());
            pipeline.zadd(followings, 0, followee.type());
            if (chunk.size() == 1_000) {
                pipeline.zadd(followersKey, chunk);
                chunk = new HashMap<>();
                pipeline.sync();
                pipeline = jedis.pipelined();
            }
        }
        if (!chunk.isEmpty()) {
            pipeline.zadd(followersKey, chunk);
        }
        pipeline.sync();
    }
}
