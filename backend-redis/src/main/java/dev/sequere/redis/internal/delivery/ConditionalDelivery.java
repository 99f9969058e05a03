package dev.sequere.redis.internal.delivery;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.internal.command.RedisCalls;
import dev.sequere.redis.internal.command.Replies;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.internal.script.Scripts;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FollowStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code Backend.deliver}, {@code purge} and {@code fanOutStep} across processes.
 *
 * <p>Every key of a resource shares its hash tag, so an owner's followings and its feeds are in
 * one slot: "add these entries to the owner's feeds only if its followings hold the source" is
 * one script ({@code deliver.lua}), and "remove them unless it follows the source" another
 * ({@code purge.lua}). Scripts are atomic, and an unfollow changes the same followings set in
 * a script of its own, so a delivery runs entirely before or entirely after it: once the unfollow
 * has returned, a purge sees every entry a delivery that still saw the follow wrote.
 *
 * <p>Many owners per call, up to {@value #KEYS_PER_SCRIPT} keys per script so that no script
 * holds a server long: on a single node one script covers a batch of owners, every key declared.
 * In a Cluster the owners are grouped by the master that holds their slot ({@link SlotNodes},
 * from the client's slot map) and each master gets one script per batch, its keys passed as
 * arguments ({@code allow-cross-slot-keys}): a 10 000-follower fan-out is a handful of scripts
 * per master, run by the masters in parallel, instead of one script per slot (about one per
 * follower). Owners are still checked and written one by one inside the script, so the per-owner
 * guarantee is the same. When the slot map is stale (a master refuses a key it no longer holds),
 * or the client has no slot map (a proxy), the scripts go per slot, routed by Jedis. All scripts
 * of a call are pipelined: Jedis sends each master its scripts in one batch.
 */
public final class ConditionalDelivery {

    /** Keys per script on a single node: bounds how long one script holds the server. */
    static final int KEYS_PER_SCRIPT = 1_024;

    private final UnifiedJedis jedis;
    private final KeyLayout keys;
    private final FollowStore follows;
    private final boolean singleNode;
    private final @Nullable SlotNodes nodes;

    /**
     * Creates the delivery.
     *
     * @param jedis the client
     * @param keys the key layout
     * @param follows the follow store, which lists a source's followers
     * @param singleNode whether every key is on one server, so one script may span many owners
     */
    public ConditionalDelivery(UnifiedJedis jedis, KeyLayout keys, FollowStore follows, boolean singleNode) {
        this(jedis, keys, follows, singleNode, singleNode ? null : SlotNodes.of(jedis));
    }

    /** With a given slot map: tests give a wrong one to exercise the fallback. */
    ConditionalDelivery(UnifiedJedis jedis, KeyLayout keys, FollowStore follows, boolean singleNode,
            @Nullable SlotNodes nodes) {
        this.jedis = jedis;
        this.keys = keys;
        this.follows = follows;
        this.singleNode = singleNode;
        this.nodes = nodes;
    }

    /**
     * Adds entries to feeds whose owner follows {@code source}, per owner atomically.
     *
     * @param source whose entries these are
     * @param deliveries the entries and their feeds
     * @return how many feeds newly received an entry
     */
    public long deliver(Ref source, List<Delivery> deliveries) {
        require(source, "source");
        require(deliveries, "deliveries");
        // Owner -> (feed -> entry indexes); entries numbered once for the whole call.
        Map<FeedEntry, Integer> entryIndex = new LinkedHashMap<>();
        Map<Ref, Map<FeedKey, List<Integer>>> byOwner = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            require(delivery, "delivery");
            Integer index = entryIndex.computeIfAbsent(delivery.entry(), e -> entryIndex.size() + 1);
            for (FeedKey feed : delivery.feeds()) {
                require(feed, "feed");
                List<Integer> indexes = byOwner.computeIfAbsent(feed.owner(), o -> new LinkedHashMap<>())
                        .computeIfAbsent(feed, f -> new ArrayList<>());
                if (!indexes.contains(index)) {
                    indexes.add(index);
                }
            }
        }
        if (byOwner.isEmpty()) {
            return 0;
        }
        List<String> entryArgs = new ArrayList<>(2 + 2 * entryIndex.size());
        entryArgs.add(source.id());
        entryArgs.add(Integer.toString(entryIndex.size()));
        for (FeedEntry entry : entryIndex.keySet()) {
            entryArgs.add(Long.toString(entry.score()));
            entryArgs.add(entry.id());
        }
        Map<Ref, OwnerPart> parts = new LinkedHashMap<>();
        byOwner.forEach((owner, feeds) -> parts.put(owner, part(source, owner, feeds)));
        return deliverParts(entryArgs, parts);
    }

    /**
     * Runs the scripts for owners already turned into script parts: one script per master and
     * chunk where the slot map is known, else per slot (or per chunk on a single node).
     *
     * @param head the arguments before the owners' (source, entries, and the uniform marker if any)
     * @param parts each owner's keys and arguments
     * @return how many feeds newly received an entry
     */
    private long deliverParts(List<String> head, Map<Ref, OwnerPart> parts) {
        SlotNodes nodes = this.nodes;
        return RedisCalls.call("deliver", () -> {
            if (nodes != null) {
                try {
                    return run(head, parts, nodes.groups(parts, keys), true);
                } catch (JedisDataException e) {
                    // A slot moved since the map was read (resharding, failover): the node refused
                    // a key it no longer holds, before touching that owner. Per-slot scripts,
                    // routed by Jedis, finish the delivery; insert-if-absent makes the redo
                    // harmless, but the count then misses the feeds the failed call had written.
                    nodes.forget();
                }
            }
            return run(head, parts, batches(parts), false);
        });
    }

    /** Runs one {@code deliver.lua} per group of owners, all pipelined. */
    private long run(List<String> entryArgs, Map<Ref, OwnerPart> parts, List<List<Ref>> groups,
            boolean keysInArgs) {
        List<List<String>> keyLists = new ArrayList<>(groups.size());
        List<List<String>> argLists = new ArrayList<>(groups.size());
        for (List<Ref> owners : groups) {
            List<String> scriptKeys = new ArrayList<>();
            List<String> tail = new ArrayList<>();
            for (Ref owner : owners) {
                OwnerPart part = parts.get(owner);
                scriptKeys.addAll(part.keys());
                tail.addAll(part.args());
            }
            List<String> args = new ArrayList<>(1 + (keysInArgs ? scriptKeys.size() : 0) + entryArgs.size() + tail.size());
            if (keysInArgs) {
                args.add(Integer.toString(scriptKeys.size()));
                args.addAll(scriptKeys);
                keyLists.add(List.of(scriptKeys.get(0)));
            } else {
                args.add("0");
                keyLists.add(scriptKeys);
            }
            args.addAll(entryArgs);
            args.addAll(tail);
            argLists.add(args);
        }
        long added = 0;
        for (Object reply : Scripts.DELIVER.runAll(jedis, keyLists, argLists)) {
            added += Replies.integer(reply);
        }
        return added;
    }

    /**
     * Removes entries from the named feeds of {@code follower} unless it follows {@code source}.
     *
     * @param follower whose feeds to clean
     * @param source the resource it stopped following
     * @param entryIds the entries
     * @param feedNames the feed names
     * @return how many entries were removed
     */
    public long purge(Ref follower, Ref source, Collection<String> entryIds, Collection<String> feedNames) {
        require(follower, "follower");
        require(source, "source");
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(require(entryIds, "entryIds")));
        ids.forEach(id -> Ref.requireValidId(id, "entry id"));
        List<String> scriptKeys = new ArrayList<>();
        scriptKeys.add(KeyLayout.typed(keys.followings(follower), source.type()));
        for (String name : new LinkedHashSet<>(require(feedNames, "feedNames"))) {
            scriptKeys.add(keys.feed(new FeedKey(follower, name)));
        }
        if (ids.isEmpty() || scriptKeys.size() == 1) {
            return 0;
        }
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add(source.id());
        args.addAll(ids);
        return RedisCalls.call("purge", () -> Replies.integer(Scripts.PURGE.run(jedis, scriptKeys, args)));
    }

    /**
     * Delivers {@code entry} to the followers of {@code source} after {@code after}, oldest first,
     * {@code limit} at most: one page read in the source's slot, then {@link #deliver}.
     *
     * @param source whose followers receive the entry
     * @param feedNames each follower's feeds to write
     * @param entry the entry
     * @param after where the previous step stopped, or {@code null}
     * @param limit followers at most, at least 1
     * @return what was delivered and where to go on
     */
    public FanOutStep fanOutStep(Ref source, List<String> feedNames, FeedEntry entry, @Nullable Edge after, int limit) {
        require(source, "source");
        require(entry, "entry");
        if (limit < 1) {
            throw new InvalidArgumentException("limit must be at least 1, was " + limit);
        }
        require(feedNames, "feedNames").forEach(FeedKey::requireValidName);
        List<Edge> batch = follows.page(source, Direction.FOLLOWERS, new EdgeQuery(null, Order.OLDEST_FIRST, after, limit));
        if (batch.isEmpty()) {
            return new FanOutStep(0, null);
        }
        long delivered = 0;
        if (!feedNames.isEmpty()) {
            // Every follower gets the one entry in each of the same feeds: the uniform form of
            // deliver.lua, with no per-owner arguments to encode or parse.
            Map<Ref, OwnerPart> parts = new LinkedHashMap<>();
            String followings = source.type();
            for (Edge edge : batch) {
                Ref owner = edge.ref();
                List<String> ownerKeys = new ArrayList<>(1 + feedNames.size());
                ownerKeys.add(KeyLayout.typed(keys.followings(owner), followings));
                for (String name : feedNames) {
                    ownerKeys.add(keys.feed(owner.type(), owner.id(), name));
                }
                parts.put(owner, new OwnerPart(ownerKeys, List.of()));
            }
            delivered = deliverParts(List.of(source.id(), "1", Long.toString(entry.score()), entry.id(), "u",
                    Integer.toString(feedNames.size())), parts);
        }
        return new FanOutStep(delivered, batch.size() < limit ? null : batch.get(batch.size() - 1));
    }

    /** The keys and arguments of one owner in {@code deliver.lua}. */
    private OwnerPart part(Ref source, Ref owner, Map<FeedKey, List<Integer>> feeds) {
        List<String> partKeys = new ArrayList<>(1 + feeds.size());
        List<String> args = new ArrayList<>(1 + 2 * feeds.size());
        partKeys.add(KeyLayout.typed(keys.followings(owner), source.type()));
        args.add(Integer.toString(feeds.size()));
        for (Map.Entry<FeedKey, List<Integer>> feed : feeds.entrySet()) {
            partKeys.add(keys.feed(feed.getKey()));
            args.add(Integer.toString(feed.getValue().size()));
            feed.getValue().forEach(i -> args.add(Integer.toString(i)));
        }
        return new OwnerPart(partKeys, args);
    }

    /**
     * Splits owners into the groups one script may cover when Jedis routes each script: on a
     * single node consecutive owners up to {@link #KEYS_PER_SCRIPT} keys; otherwise the owners
     * of one slot.
     */
    private List<List<Ref>> batches(Map<Ref, OwnerPart> parts) {
        if (singleNode) {
            return chunks(parts.keySet(), parts);
        }
        Map<Integer, List<Ref>> bySlot = new LinkedHashMap<>();
        for (Ref owner : parts.keySet()) {
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(keys.resource(owner)), s -> new ArrayList<>()).add(owner);
        }
        return new ArrayList<>(bySlot.values());
    }

    /**
     * Cuts a list of owners into groups of at most {@link #KEYS_PER_SCRIPT} keys (one owner's
     * keys are never split).
     *
     * @param owners the owners, all on one node
     * @param parts their keys
     * @return the groups
     */
    static List<List<Ref>> chunks(Collection<Ref> owners, Map<Ref, OwnerPart> parts) {
        List<List<Ref>> chunks = new ArrayList<>();
        List<Ref> current = new ArrayList<>();
        int keyCount = 0;
        for (Ref owner : owners) {
            int ownerKeys = parts.get(owner).keys().size();
            if (!current.isEmpty() && keyCount + ownerKeys > KEYS_PER_SCRIPT) {
                chunks.add(current);
                current = new ArrayList<>();
                keyCount = 0;
            }
            current.add(owner);
            keyCount += ownerKeys;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * One owner's share of a {@code deliver.lua} call.
     *
     * @param keys its followings set of the source's type, then its feeds
     * @param args its feed count, then per feed the entry count and indexes
     */
    record OwnerPart(List<String> keys, List<String> args) {
    }

    private static <T> T require(@Nullable T value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        return value;
    }
}
