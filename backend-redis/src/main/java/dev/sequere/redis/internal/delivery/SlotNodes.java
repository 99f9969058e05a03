package dev.sequere.redis.internal.delivery;

import dev.sequere.Ref;
import dev.sequere.redis.internal.delivery.ConditionalDelivery.OwnerPart;
import dev.sequere.redis.KeyLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Which master holds each slot, as the Cluster client's own slot map says, remembered per slot
 * until a call finds it stale ({@link #forget}). It lets a delivery send each master one script
 * for all its owners instead of one per slot.
 */
final class SlotNodes {

    private final IntFunction<HostAndPort> lookup;
    private final AtomicReferenceArray<@Nullable HostAndPort> bySlot = new AtomicReferenceArray<>(16_384);

    /**
     * Creates the map.
     *
     * @param lookup asks the client which master holds a slot
     */
    SlotNodes(IntFunction<HostAndPort> lookup) {
        this.lookup = lookup;
    }

    /**
     * The slot map of a Cluster client.
     *
     * @param jedis the client
     * @return the map, or {@code null} when the client keeps none (not a Cluster client)
     */
    @SuppressWarnings("deprecation") // JedisCluster is deprecated in Jedis 8 but still handed in by applications.
    static @Nullable SlotNodes of(UnifiedJedis jedis) {
        if (jedis instanceof RedisClusterClient cluster) {
            return new SlotNodes(slot -> nodeOf(cluster.getConnectionFromSlot(slot)));
        }
        if (jedis instanceof JedisCluster cluster) {
            return new SlotNodes(slot -> nodeOf(cluster.getConnectionFromSlot(slot)));
        }
        return null;
    }

    /**
     * Groups owners by the master of their slot, each master's owners cut into script-sized chunks.
     *
     * @param parts the owners and their keys
     * @param keys the key layout
     * @return the groups, each on one master
     */
    List<List<Ref>> groups(Map<Ref, OwnerPart> parts, KeyLayout keys) {
        Map<HostAndPort, List<Ref>> byNode = new LinkedHashMap<>();
        for (Ref owner : parts.keySet()) {
            byNode.computeIfAbsent(node(JedisClusterCRC16.getSlot(keys.resource(owner))), n -> new ArrayList<>())
                    .add(owner);
        }
        List<List<Ref>> groups = new ArrayList<>();
        for (List<Ref> owners : byNode.values()) {
            groups.addAll(ConditionalDelivery.chunks(owners, parts));
        }
        return groups;
    }

    /** Drops what was learnt: the next call asks the client's slot map again. */
    void forget() {
        for (int i = 0; i < bySlot.length(); i++) {
            bySlot.set(i, null);
        }
    }

    private HostAndPort node(int slot) {
        HostAndPort node = bySlot.get(slot);
        if (node == null) {
            node = lookup.apply(slot);
            bySlot.set(slot, node);
        }
        return node;
    }

    /** Borrowing a connection costs no round trip: it comes from the client's pool for that master. */
    private static HostAndPort nodeOf(Connection connection) {
        try (connection) {
            return connection.getHostAndPort();
        }
    }
}
