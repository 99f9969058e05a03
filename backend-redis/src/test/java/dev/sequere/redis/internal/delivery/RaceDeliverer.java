package dev.sequere.redis.internal.delivery;

import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.support.InheritedDelivery;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Edge;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The delivering application instance of {@link DeliveryRaceTest}, run in a JVM of its own so
 * that nothing of the other instance's JVM (locks included) is shared: publishes entries of the
 * source one after the other (first into the source's public feed, the record a purge reads, then
 * to every follower through {@code fanOutStep}) for a given time.
 *
 * <p>Arguments: {@code standalone|per-side|cluster}, the server URL or the Cluster's
 * {@code host:port,...}, the prefix, {@code own|inherited}, the source type, the source id, the
 * duration in milliseconds, the most entries to publish.
 */
public final class RaceDeliverer {

    private RaceDeliverer() {
    }

    /**
     * Runs the deliverer.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        UnifiedJedis client = switch (args[0]) {
            case "cluster" -> {
                HashSet<HostAndPort> nodes = new HashSet<>();
                for (String node : args[1].split(",")) {
                    nodes.add(HostAndPort.from(node));
                }
                yield RedisClusterClient.create(nodes);
            }
            default -> RedisClient.create(args[1]);
        };
        RedisBackend redis = RedisBackend.builder(client).prefix(args[2]).cluster(!"standalone".equals(args[0]))
                .closeClient(true).build();
        Backend backend = "inherited".equals(args[3]) ? new InheritedDelivery(redis) : redis;
        Ref source = Ref.of(args[4], args[5]);
        long end = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000;
        int most = Integer.parseInt(args[7]);
        FeedKey published = new FeedKey(source, "public");
        int i = 0;
        while (i < most && System.nanoTime() - end < 0) {
            FeedEntry entry = new FeedEntry(DeliveryRaceTest.entryId(i), i);
            backend.feeds().add(entry, List.of(published));
            @Nullable Edge after = null;
            do {
                FanOutStep step = backend.fanOutStep(source, List.of("private"), entry, after, 8);
                after = step.last();
            } while (after != null);
            i++;
        }
        System.out.println("published " + i);
        redis.close();
    }
}
