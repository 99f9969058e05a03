package dev.sequere.redis.support;

import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import java.util.HashSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * Opens a Redis backend from a spec string, in the test JVM or in the child JVMs of the
 * multi-process kit: {@code standalone|<url>|<prefix>} or {@code cluster|<host:port,...>|<prefix>}.
 * The backend owns its client and closes it. With {@code -Dsequere.redis.fixture.inherited=true}
 * in the test JVM the spec asks for {@link InheritedDelivery} (the SPI's JVM-local delivery), in
 * the children too, to show the kit fails without the Redis scripts.
 */
public final class RedisTimelineFixture implements Function<String, Backend> {

    /** The kit creates it by reflection. */
    public RedisTimelineFixture() {
    }

    /**
     * A spec for a fresh prefix on a topology.
     *
     * @param topology {@link Topology#STANDALONE} or {@link Topology#CLUSTER}
     * @param owner the test class, named in the prefix
     * @return the spec
     */
    public static String spec(Topology topology, Class<?> owner) {
        String prefix = PrefixCleaner.uniquePrefix(owner)
                + (Boolean.getBoolean("sequere.redis.fixture.inherited") ? "|inherited" : "");
        if (topology == Topology.CLUSTER) {
            return "cluster|" + RedisServers.clusterNodes().stream().map(n -> n.getHost() + ":" + n.getPort())
                    .collect(Collectors.joining(",")) + "|" + prefix;
        }
        return "standalone|" + RedisServers.standaloneUrl() + "|" + prefix;
    }

    @Override
    public Backend apply(String spec) {
        String[] parts = spec.split("\\|");
        RedisBackend backend;
        if ("cluster".equals(parts[0])) {
            HashSet<HostAndPort> nodes = new HashSet<>();
            for (String node : parts[1].split(",")) {
                nodes.add(HostAndPort.from(node));
            }
            backend = RedisBackend.builder(RedisClusterClient.create(nodes)).prefix(parts[2]).closeClient(true).build();
        } else {
            backend = RedisBackend.builder(RedisClient.create(parts[1])).prefix(parts[2]).closeClient(true).build();
        }
        return parts.length > 3 ? new InheritedDelivery(backend) : backend;
    }

    /**
     * Deletes the keys of a backend opened by {@link #apply}.
     *
     * @param backend the backend
     */
    public static void drop(Backend backend) {
        RedisBackend redis = (RedisBackend) (backend instanceof InheritedDelivery inherited ? inherited.delegate() : backend);
        if (redis.client() instanceof RedisClusterClient) {
            PrefixCleaner.cleanCluster(redis.keys().prefix());
        } else {
            PrefixCleaner.cleanStandalone(redis.keys().prefix());
        }
    }
}
