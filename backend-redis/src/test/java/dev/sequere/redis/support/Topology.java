package dev.sequere.redis.support;

import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;

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
