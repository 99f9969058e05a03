package dev.sequere.redis.delivery;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.command.RedisCalls;
import dev.sequere.redis.command.Replies;
import dev.sequere.redis.keys.KeyLayout;
import dev.sequere.redis.script.Scripts;
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
 * <p>Many owners per call: on a single node one script covers a whole batch of owners (every
 * key declared, up to {@value #KEYS_PER_SCRIPT} keys per script); in a Cluster owners are grouped
 * by slot, one script per slot, and the scripts are pipelined, which Jedis sends each master in
 * one batch: a few round trips per master for a whole fan-out step, never one per follower.
 */
public final class ConditionalDelivery {

    /** Keys per script on a single node: bounds how long one script holds the server. */
    static final int KEYS_PER_SCRIPT = 1_024;

    private final UnifiedJedis jedis;
    private final KeyLayout keys;
    private final FollowStore follows;
    private final boolean singleNode;

    /**
     * Creates the delivery.
     *
     * @param jedis the client
     * @param keys the key layout
     * @param follows the follow store, which lists a source's followers
     * @param singleNode whether every key is on one server, so one script may span many owners
     */
    public ConditionalDelivery(UnifiedJedis jedis, KeyLayout keys, FollowStore follows, boolean singleNode) {
        this.jedis = jedis;
        this.keys = keys;
        this.follows = follows;
        this.singleNode = singleNode;
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
        List<List<String>> keyLists = new ArrayList<>();
        List<List<String>> argLists = new ArrayList<>();
        for (List<Ref> owners : batches(byOwner)) {
            List<String> scriptKeys = new ArrayList<>();
            List<String> args = new ArrayList<>(entryArgs);
            for (Ref owner : owners) {
                Map<FeedKey, List<Integer>> feeds = byOwner.get(owner);
                scriptKeys.add(KeyLayout.typed(keys.followings(owner), source.type()));
                args.add(Integer.toString(feeds.size()));
                for (Map.Entry<FeedKey, List<Integer>> feed : feeds.entrySet()) {
                    scriptKeys.add(keys.feed(feed.getKey()));
                    args.add(Integer.toString(feed.getValue().size()));
                    feed.getValue().forEach(i -> args.add(Integer.toString(i)));
                }
            }
            keyLists.add(scriptKeys);
            argLists.add(args);
        }
        return RedisCalls.call("deliver", () -> {
            long added = 0;
            for (Object reply : Scripts.DELIVER.runAll(jedis, keyLists, argLists)) {
                added += Replies.integer(reply);
            }
            return added;
        });
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
            List<FeedKey> feeds = new ArrayList<>(batch.size() * feedNames.size());
            for (Edge edge : batch) {
                for (String name : feedNames) {
                    feeds.add(new FeedKey(edge.ref(), name));
                }
            }
            delivered = deliver(source, List.of(new Delivery(entry, feeds)));
        }
        return new FanOutStep(delivered, batch.size() < limit ? null : batch.get(batch.size() - 1));
    }

    /**
     * Splits owners into the groups one script may cover: on a single node consecutive owners up
     * to {@link #KEYS_PER_SCRIPT} keys; in a Cluster the owners of one slot.
     */
    private List<List<Ref>> batches(Map<Ref, Map<FeedKey, List<Integer>>> byOwner) {
        List<List<Ref>> batches = new ArrayList<>();
        if (singleNode) {
            List<Ref> current = new ArrayList<>();
            int keyCount = 0;
            for (Map.Entry<Ref, Map<FeedKey, List<Integer>>> owner : byOwner.entrySet()) {
                int ownerKeys = 1 + owner.getValue().size();
                if (!current.isEmpty() && keyCount + ownerKeys > KEYS_PER_SCRIPT) {
                    batches.add(current);
                    current = new ArrayList<>();
                    keyCount = 0;
                }
                current.add(owner.getKey());
                keyCount += ownerKeys;
            }
            batches.add(current);
            return batches;
        }
        Map<Integer, List<Ref>> bySlot = new LinkedHashMap<>();
        for (Ref owner : byOwner.keySet()) {
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(keys.resource(owner)), s -> new ArrayList<>()).add(owner);
        }
        batches.addAll(bySlot.values());
        return batches;
    }

    private static <T> T require(@Nullable T value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        return value;
    }
}
