package dev.sequere.redis;

import dev.sequere.InvalidArgumentException;
import java.time.Duration;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClusterClient;

/**
 * How long a Redis Cluster client waits and retries before a call fails, chosen so that one
 * master down costs the calls on its slots a quick {@code BackendException} and nothing else.
 *
 * <p>Jedis's own defaults (2 s timeouts, 5 attempts, up to 10 s of retries with random back-off
 * sleeps and a topology refresh between them) make every call on a dead master's slots hang for
 * seconds; a thread pool serving a mixed workload then fills with such calls, and the calls on
 * the live masters wait behind them: about 0-3 calls per second for the whole outage were
 * observed. With {@link #DEFAULTS} a call on a dead master fails after two connection attempts
 * (each bounded by the connect timeout; refused at once when the host is up and the process is
 * not) and a topology refresh, so the caller can retry or degrade while the live masters keep
 * serving.
 *
 * <p>The servers need {@code cluster-require-full-coverage no} for the live masters to keep
 * answering once the others have marked the dead one failed; without it the whole Cluster
 * refuses every call until the master or a replica is back.
 *
 * @param connectTimeout longest wait for a TCP connection (a host that is down, not just its
 *     process, never refuses: the wait is this long)
 * @param socketTimeout longest wait for a reply on an open connection; above the slowest script
 *     the application runs (a fan-out chunk, a forget batch)
 * @param maxAttempts attempts per call, redirections ({@code MOVED}/{@code ASK}) included; 2 lets a
 *     call follow one redirection during resharding or after a failover
 * @param maxTotalRetriesDuration bound on the whole call, retries and back-off included
 */
public record ClusterTimeouts(Duration connectTimeout, Duration socketTimeout, int maxAttempts,
        Duration maxTotalRetriesDuration) {

    /** 500 ms to connect, 2 s per reply, 2 attempts, 2 s in all. */
    public static final ClusterTimeouts DEFAULTS = new ClusterTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2), 2,
            Duration.ofSeconds(2));

    /**
     * Checks the values.
     *
     * @throws InvalidArgumentException when a duration is missing or not positive, or
     *     {@code maxAttempts < 1}
     */
    public ClusterTimeouts {
        positive(connectTimeout, "connectTimeout");
        positive(socketTimeout, "socketTimeout");
        positive(maxTotalRetriesDuration, "maxTotalRetriesDuration");
        if (maxAttempts < 1) {
            throw new InvalidArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /**
     * A client configuration with these timeouts, for the application to add what it needs
     * (password, TLS, client name) before {@code build()}.
     *
     * @return the configuration builder
     */
    public DefaultJedisClientConfig.Builder clientConfig() {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Math.toIntExact(connectTimeout.toMillis()))
                .socketTimeoutMillis(Math.toIntExact(socketTimeout.toMillis()));
    }

    /**
     * A Cluster client with these timeouts and attempts.
     *
     * @param nodes seed nodes (one reachable node is enough)
     * @param config the client configuration, e.g. {@link #clientConfig()} with a password
     * @return the client; the caller closes it
     */
    public RedisClusterClient connect(Set<HostAndPort> nodes, JedisClientConfig config) {
        if (nodes == null || nodes.isEmpty()) {
            throw new InvalidArgumentException("nodes must name at least one Cluster node, e.g. 127.0.0.1:7000");
        }
        return RedisClusterClient.builder().nodes(nodes).clientConfig(config).maxAttempts(maxAttempts)
                .maxTotalRetriesDuration(maxTotalRetriesDuration).build();
    }

    /**
     * A Cluster client with these timeouts and attempts, without password or TLS.
     *
     * @param nodes seed nodes
     * @return the client; the caller closes it
     */
    public RedisClusterClient connect(Set<HostAndPort> nodes) {
        return connect(nodes, clientConfig().build());
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
