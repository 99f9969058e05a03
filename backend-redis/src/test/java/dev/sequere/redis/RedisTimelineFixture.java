package dev.sequere.redis;

import dev.sequere.redis.support.PrefixCleaner;
import dev.sequere.redis.support.RedisServers;
import dev.sequere.spi.Backend;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * Opens a Redis backend from {@code "standalone|<redis url>|<prefix>"} or
 * {@code "cluster|<host:port,...>|<prefix>"}, with a client of its own that closing the backend
 * closes: what each JVM of the multi-process kit runs on.
 */
public final class RedisTimelineFixture implements Function<String, Backend> {

    /**
     * A fresh namespace on the shared standalone server or cluster.
     *
     * @param cluster whether on the cluster
     * @param prefix the key prefix
     * @return the spec
     */
    static String spec(boolean cluster, String prefix) {
        if (!cluster) {
            return "standalone|" + RedisServers.standaloneUrl() + "|" + prefix;
        }
        StringBuilder nodes = new StringBuilder();
        for (HostAndPort node : RedisServers.clusterNodes()) {
            nodes.append(nodes.length() == 0 ? "" : ",").append(node);
        }
        return "cluster|" + nodes + "|" + prefix;
    }

    /**
     * Deletes a namespace's keys.
     *
     * @param backend a backend opened by this fixture
     */
    static void drop(Backend backend) {
        RedisBackend redis = (RedisBackend) backend;
        if (redis.keys().prefix().startsWith("mpc:")) {
            PrefixCleaner.cleanCluster(redis.keys().prefix());
        } else {
            PrefixCleaner.cleanStandalone(redis.keys().prefix());
        }
    }

    @Override
    public Backend apply(String spec) {
        String[] parts = spec.split("\\|");
        String prefix = parts[2];
        if (parts[0].equals("standalone")) {
            return RedisBackend.builder(RedisClient.create(parts[1])).prefix(prefix).closeClient(true).build();
        }
        Set<HostAndPort> nodes = new HashSet<>();
        for (String node : parts[1].split(",")) {
            nodes.add(HostAndPort.from(node));
        }
        return RedisBackend.builder(RedisClusterClient.create(nodes)).prefix(prefix).closeClient(true).build();
    }
}
