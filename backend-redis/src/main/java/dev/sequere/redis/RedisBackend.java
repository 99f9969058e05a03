package dev.sequere.redis;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.redis.ClusterTimeouts;
import dev.sequere.redis.internal.delivery.ConditionalDelivery;
import dev.sequere.redis.internal.fanout.FollowerFanOut;
import dev.sequere.redis.internal.feed.RedisFeedStore;
import dev.sequere.redis.internal.follow.EdgeWriter;
import dev.sequere.redis.internal.follow.PerSideEdgeWriter;
import dev.sequere.redis.internal.follow.RedisFollowStore;
import dev.sequere.redis.internal.follow.SingleNodeEdgeWriter;
import dev.sequere.redis.internal.jobs.RedisJobStore;
import dev.sequere.redis.KeyLayout;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Edge;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import dev.sequere.spi.JobStore;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link Backend} on Redis through a Jedis {@link UnifiedJedis}: a {@link RedisClient}
 * (standalone), a {@code RedisSentinelClient} or a {@link RedisClusterClient}/{@link JedisCluster}.
 *
 * <pre>{@code
 * UnifiedJedis jedis = RedisClient.create("redis://localhost:6379");
 * Sequere sequere = Sequere.builder()
 *     .backend(RedisBackend.builder(jedis).prefix("myapp:").build())
 *     .build();
 * }</pre>
 *
 * <p>Every key of one resource carries the same Cluster hash tag (see {@link KeyLayout}), so each
 * step on one resource is one atomic script in one slot. On a single node both sides of a follow
 * change in one script; in a Cluster they are two slots and change side by side (see
 * {@link PerSideEdgeWriter} for what a reader can observe in between). Requires Redis 7.0 or
 * later ({@code ZINTERCARD}).
 *
 * <p>Work for later ({@link #jobs()}) is kept in Redis Streams ({@link RedisJobStore}), and
 * deliveries are conditional on the follow in one script per owner's slot or per master
 * ({@link ConditionalDelivery}): both hold across any number of application instances.
 *
 * <p>Capabilities: {@link Capability#SHARED_ACROSS_PROCESSES} (every application instance sees
 * the same server) and {@link Capability#NATIVE_FAN_OUT} (a script per chunk of followers on a
 * single node, pipelined chunks in a Cluster, see {@link FollowerFanOut}). Not {@link Capability#PERSISTENT}: whether data survives a restart is
 * the server's configuration (RDB snapshots lose the writes since the last one, AOF with
 * {@code appendfsync always} keeps them, {@code --save ""} keeps nothing), which the backend can
 * neither choose nor check, so it does not promise it.
 */
public final class RedisBackend implements Backend {

    private final UnifiedJedis jedis;
    private final boolean ownsClient;
    private final KeyLayout keys;
    private final RedisFollowStore follows;
    private final RedisFeedStore feeds;
    private final FollowerFanOut fanOut;
    private final EdgeWriter writer;
    private final RedisJobStore jobs;
    private final ConditionalDelivery delivery;

    private RedisBackend(Builder builder, UnifiedJedis jedis, boolean cluster) {
        this.jedis = jedis;
        this.ownsClient = builder.ownsClient;
        this.keys = KeyLayout.of(builder.prefix);
        this.writer = cluster ? new PerSideEdgeWriter(jedis, keys) : new SingleNodeEdgeWriter(jedis, keys);
        this.follows = new RedisFollowStore(jedis, keys, writer);
        this.feeds = new RedisFeedStore(jedis, keys);
        this.fanOut = new FollowerFanOut(jedis, keys, !cluster);
        this.jobs = new RedisJobStore(jedis, keys, builder.jobShards != null ? builder.jobShards : cluster ? 8 : 1);
        this.delivery = new ConditionalDelivery(jedis, keys, follows, !cluster);
    }

    /**
     * Starts configuring a backend on a client the application owns (closing the backend leaves
     * it open).
     *
     * @param jedis the client
     * @return the builder
     */
    public static Builder builder(UnifiedJedis jedis) {
        return new Builder(jedis, false);
    }

    /**
     * A backend with the default prefix on a standalone server it connects to and owns.
     *
     * @param redisUri for example {@code redis://localhost:6379}
     * @return the backend; closing it closes its client
     */
    public static RedisBackend connect(String redisUri) {
        if (redisUri == null) {
            throw new InvalidArgumentException("redisUri must not be null, e.g. redis://localhost:6379");
        }
        return new Builder(RedisClient.create(redisUri), true).build();
    }

    /**
     * Starts configuring a backend on a Redis Cluster client it creates and owns, with timeouts
     * that keep the live masters serving while one is down: pass {@link ClusterTimeouts#DEFAULTS}
     * unless measured otherwise (see {@link ClusterTimeouts} for why not Jedis's defaults).
     *
     * @param nodes seed nodes
     * @param timeouts the client's timeouts and attempts
     * @return the builder
     */
    public static Builder cluster(Set<HostAndPort> nodes, ClusterTimeouts timeouts) {
        return new Builder(Objects.requireNonNull(timeouts, "timeouts").connect(nodes), true);
    }

    /**
     * Completes follows and unfollows whose second side a crash or a failure interrupted (Cluster
     * only: one script writes both sides elsewhere); see {@link PerSideEdgeWriter#repair()}.
     */
    @Override
    public long repair() {
        return writer.repair();
    }

    @Override
    public long repair(Ref follower, Ref followee) {
        return writer.repair(follower, followee);
    }

    @Override
    public FollowStore follows() {
        return follows;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public FeedStore feeds() {
        return feeds;
    }

    /** One script per owner's slot checks the follow and writes the feeds (see {@link ConditionalDelivery}). */
    @Override
    public long deliver(Ref source, List<Delivery> deliveries) {
        return delivery.deliver(source, deliveries);
    }

    /** One script in the follower's slot (see {@link ConditionalDelivery}). */
    @Override
    public long purge(Ref follower, Ref source, Collection<String> entryIds, Collection<String> feedNames) {
        return delivery.purge(follower, source, entryIds, feedNames);
    }

    /** One page read, then per-slot delivery scripts, pipelined (see {@link ConditionalDelivery}). */
    @Override
    public FanOutStep fanOutStep(Ref source, List<String> feedNames, FeedEntry entry, @Nullable Edge after, int limit) {
        if (feedNames.size() == 1) {
            FanOutStep onServer = fanOut.step(source, feedNames.get(0), entry, after, limit);
            if (onServer != null) {
                return onServer;
            }
        }
        return delivery.fanOutStep(source, feedNames, entry, after, limit);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SHARED_ACROSS_PROCESSES, Capability.NATIVE_FAN_OUT);
    }

    @Override
    public long fanOut(Ref source, String feedName, FeedEntry entry, int batchSize) {
        return fanOut.add(source, feedName, entry, batchSize);
    }

    @Override
    public long fanOutRemove(Ref source, String feedName, String entryId, int batchSize) {
        return fanOut.remove(source, feedName, entryId, batchSize);
    }

    /**
     * The key layout, for tools and tests that inspect or clean keys.
     *
     * @return the layout of this backend's prefix
     */
    public KeyLayout keys() {
        return keys;
    }

    /**
     * The client this backend runs on.
     *
     * @return the client
     */
    public UnifiedJedis client() {
        return jedis;
    }

    /** Closes the client only if {@link #connect} created it or {@link Builder#closeClient} was set. */
    @Override
    public void close() {
        if (ownsClient) {
            jedis.close();
        }
    }

    /** Configures a {@link RedisBackend}. */
    public static final class Builder {

        private final @Nullable UnifiedJedis jedis;
        private boolean ownsClient;
        private String prefix = KeyLayout.DEFAULT_PREFIX;
        private @Nullable Boolean cluster;
        private @Nullable Integer jobShards;

        private Builder(@Nullable UnifiedJedis jedis, boolean ownsClient) {
            this.jedis = jedis;
            this.ownsClient = ownsClient;
        }

        /**
         * Sets the key prefix (default {@code "sequere:"}). Backends with different prefixes on
         * one server never see each other's data.
         *
         * @param prefix 1 to 64 characters among letters, digits, {@code _ . : / -}
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = KeyLayout.of(prefix).prefix();
            return this;
        }

        /**
         * Whether {@link RedisBackend#close()} also closes the client (default {@code false}: the
         * application that passed the client closes it).
         *
         * @param closeClient {@code true} to hand the client's lifecycle to the backend
         * @return this builder
         */
        public Builder closeClient(boolean closeClient) {
            this.ownsClient = closeClient;
            return this;
        }

        /**
         * Forces the per-side write protocol on ({@code true}) or off. By default it is on for
         * {@link RedisClusterClient} and {@link JedisCluster} and off otherwise; turn it on for a
         * client that reaches a Cluster through something else (a proxy may refuse scripts whose
         * keys span slots).
         *
         * @param cluster whether keys may live on different nodes
         * @return this builder
         */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * How many streams the job store spreads jobs over (default 8 in a Cluster, so that jobs
         * spread over the masters, and 1 otherwise). Every process sharing the prefix must use the
         * same number; never lower it while jobs exist (the shards beyond it are not claimed).
         *
         * @param shards 1 to {@value KeyLayout#MAX_JOB_SHARDS}
         * @return this builder
         */
        public Builder jobShards(int shards) {
            if (shards < 1 || shards > KeyLayout.MAX_JOB_SHARDS) {
                throw new InvalidArgumentException("jobShards must be 1 to " + KeyLayout.MAX_JOB_SHARDS + ", was " + shards);
            }
            this.jobShards = shards;
            return this;
        }

        /**
         * Builds the backend.
         *
         * @return the backend
         * @throws InvalidArgumentException when the client is missing
         */
        @SuppressWarnings("deprecation") // JedisCluster is deprecated in Jedis 8 but still handed in by applications.
        public RedisBackend build() {
            UnifiedJedis client = jedis;
            if (client == null) {
                throw new InvalidArgumentException("jedis must not be null: pass a RedisClient, RedisSentinelClient "
                        + "or RedisClusterClient to RedisBackend.builder(...)");
            }
            Objects.requireNonNull(prefix, "prefix");
            boolean isCluster = cluster != null ? cluster
                    : client instanceof RedisClusterClient || client instanceof JedisCluster;
            return new RedisBackend(this, client, isCluster);
        }
    }
}
