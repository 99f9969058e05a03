package dev.sequere.redis.support;

import dev.sequere.tck.ExternalServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * The servers every Redis test shares, created once per test JVM: a client of the standalone
 * server named by {@code SEQUERE_TEST_REDIS_URL}, and a client of a Redis Cluster named by
 * {@code SEQUERE_TEST_REDIS_CLUSTER} ({@code host:port,host:port}) or else started here with the
 * local {@code redis-server} and stopped when the JVM exits. Without them tests are skipped with
 * a message, or fail under {@code CI=true}.
 */
public final class RedisServers {

    private static final Object LOCK = new Object();
    private static RedisClient standalone;
    private static String standaloneUrl;
    private static RedisClusterClient cluster;
    private static List<HostAndPort> clusterNodes;

    private RedisServers() {
    }

    /**
     * The standalone server's URL.
     *
     * @return e.g. {@code redis://127.0.0.1:6379}
     */
    public static String standaloneUrl() {
        synchronized (LOCK) {
            if (standaloneUrl == null) {
                standaloneUrl = ExternalServer.require("SEQUERE_TEST_REDIS_URL", Optional::empty, "Redis server");
            }
            return standaloneUrl;
        }
    }

    /**
     * A shared client of the standalone server; never close it.
     *
     * @return the client
     */
    public static RedisClient standalone() {
        synchronized (LOCK) {
            if (standalone == null) {
                standalone = RedisClient.create(standaloneUrl());
            }
            return standalone;
        }
    }

    /**
     * A shared client of the cluster; never close it.
     *
     * @return the client
     */
    public static RedisClusterClient cluster() {
        synchronized (LOCK) {
            if (cluster == null) {
                cluster = RedisClusterClient.create(new HashSet<>(clusterNodes()));
            }
            return cluster;
        }
    }

    /**
     * The cluster's seed nodes.
     *
     * @return at least one node
     */
    public static List<HostAndPort> clusterNodes() {
        synchronized (LOCK) {
            if (clusterNodes == null) {
                String nodes = ExternalServer.require("SEQUERE_TEST_REDIS_CLUSTER",
                        () -> LocalRedisCluster.startIfPossible().map(LocalRedisCluster::nodes),
                        "Redis Cluster (or redis-server on the PATH to start one)");
                List<HostAndPort> parsed = new ArrayList<>();
                for (String node : nodes.split(",")) {
                    parsed.add(HostAndPort.from(node.trim()));
                }
                clusterNodes = parsed;
            }
            return clusterNodes;
        }
    }

    /**
     * The cluster's current masters, read from {@code CLUSTER NODES}.
     *
     * @return host and port of every master
     */
    public static Set<HostAndPort> clusterMasters() {
        HostAndPort seed = clusterNodes().get(0);
        Set<HostAndPort> masters = new HashSet<>();
        try (Jedis jedis = new Jedis(seed.getHost(), seed.getPort())) {
            for (String line : jedis.clusterNodes().split("\n")) {
                String[] fields = line.trim().split(" ");
                if (fields.length > 2 && fields[2].contains("master") && !fields[2].contains("fail")) {
                    String address = fields[1].split("@")[0];
                    masters.add(HostAndPort.from(address));
                }
            }
        }
        return masters;
    }
}
