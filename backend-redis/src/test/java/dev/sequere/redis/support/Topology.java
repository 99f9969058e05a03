package dev.sequere.redis.support;

import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import java.util.HashSet;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * Where a test backend runs: the standalone server with the single-node writer, the same server
 * with the Cluster (per-side) writer forced on, or the real Cluster.
 */
public enum Topology {
    /** Standalone server, both sides of a follow in one script. */
    STANDALONE,
    /** Standalone server, per-side protocol as in a Cluster: tests it without the Cluster's cost. */
    STANDALONE_PER_SIDE,
    /** A Redis Cluster of three masters. */
    CLUSTER;

    /**
     * A fresh backend under a prefix of its own.
     *
     * @param owner the test class, named in the prefix
     * @return the backend
     */
    public RedisBackend create(Class<?> owner) {
        String prefix = PrefixCleaner.uniquePrefix(owner);
        return switch (this) {
            case STANDALONE -> RedisBackend.builder(RedisServers.standalone()).prefix(prefix).build();
            case STANDALONE_PER_SIDE -> RedisBackend.builder(RedisServers.standalone()).prefix(prefix).cluster(true).build();
            case CLUSTER -> RedisBackend.builder(RedisServers.cluster()).prefix(prefix).build();
        };
    }

    /**
     * A second backend over the same prefix on a client of its own, as another application
     * instance would open it; closing it closes that client only.
     *
     * @param backend a backend from {@link #create}
     * @return the other instance
     */
    public RedisBackend openAnother(Backend backend) {
        String prefix = ((RedisBackend) backend).keys().prefix();
        return switch (this) {
            case STANDALONE -> RedisBackend.builder(RedisClient.create(RedisServers.standaloneUrl()))
                    .prefix(prefix).closeClient(true).build();
            case STANDALONE_PER_SIDE -> RedisBackend.builder(RedisClient.create(RedisServers.standaloneUrl()))
                    .prefix(prefix).cluster(true).closeClient(true).build();
            case CLUSTER -> RedisBackend.builder(RedisClusterClient.create(new HashSet<>(RedisServers.clusterNodes())))
                    .prefix(prefix).closeClient(true).build();
        };
    }

    /**
     * Deletes what a backend of {@link #create} wrote, then closes it (the shared client stays open).
     *
     * @param backend the backend
     */
    public void destroy(Backend backend) {
        String prefix = ((RedisBackend) backend).keys().prefix();
        if (this == CLUSTER) {
            PrefixCleaner.cleanCluster(prefix);
        } else {
            PrefixCleaner.cleanStandalone(prefix);
        }
        backend.close();
    }
}
