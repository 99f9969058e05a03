package dev.sequere.redis.delivery;

import dev.sequere.Ref;
import dev.sequere.redis.delivery.ConditionalDelivery.OwnerPart;
import dev.sequere.redis.keys.KeyLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
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

    private final SlotSource source;
    private final AtomicReferenceArray<@Nullable HostAndPort> bySlot = new AtomicReferenceArray<>(16_384);

    private SlotNodes(SlotSource source) {
        this.source = source;
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
            return new SlotNodes(cluster::getConnectionFromSlot);
        }
        if (jedis instanceof JedisCluster cluster) {
            return new SlotNodes(cluster::getConnectionFromSlot);
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
            // Borrowing a connection costs no round trip: the client's pool for that master.
            try (Connection connection = source.connection(slot)) {
                node = connection.getHostAndPort();
            }
            bySlot.set(slot, node);
        }
        return node;
    }

    /** Hands out a pooled connection to the master of a slot. */
    @FunctionalInterface
    private interface SlotSource {
        Connection connection(int slot);
    }
}
