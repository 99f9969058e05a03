package dev.sequere.redis.internal.feed;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.internal.command.KeysetWindow;
import dev.sequere.redis.internal.command.Replies;
import dev.sequere.redis.internal.command.RedisCalls;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.internal.score.Scores;
import dev.sequere.redis.internal.script.Scripts;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.Tuple;

/**
 * Feeds as sorted sets (member = entry id, score = entry score) in the owner's slot, and item
 * bodies as strings under keys of their own, stored once however many feeds reference them.
 * {@code ZADD NX} makes adding insert-if-absent without a read first. Writes to many feeds are
 * one pipeline (a Cluster pipeline groups them by node), so one round trip per node.
 */
public final class RedisFeedStore implements FeedStore {

    private final UnifiedJedis jedis;
    private final KeyLayout keys;

    /**
     * Creates the store.
     *
     * @param jedis the client
     * @param keys the key layout
     */
    public RedisFeedStore(UnifiedJedis jedis, KeyLayout keys) {
        this.jedis = jedis;
        this.keys = keys;
    }

    @Override
    public boolean putItem(String itemId, String body) {
        Ref.requireValidId(itemId, "item id");
        require(body, "body");
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ITEM_BODY_BYTES) {
            throw new InvalidArgumentException("item body is " + bytes + " UTF-8 bytes; at most " + MAX_ITEM_BODY_BYTES
                    + " are allowed (store large content elsewhere and keep a reference in the body)");
        }
        return RedisCalls.call("putItem", () -> jedis.set(keys.item(itemId), body, SetParams.setParams().nx()) != null);
    }

    @Override
    public Map<String, String> items(Collection<String> itemIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(require(itemIds, "itemIds")));
        ids.forEach(id -> Ref.requireValidId(id, "item id"));
        if (ids.isEmpty()) {
            return Map.of();
        }
        return RedisCalls.call("items", () -> {
            List<Response<String>> bodies = new ArrayList<>(ids.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String id : ids) {
                    bodies.add(pipeline.get(keys.item(id)));
                }
                pipeline.sync();
            }
            Map<String, String> found = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String body = bodies.get(i).get();
                if (body != null) {
                    found.put(ids.get(i), body);
                }
            }
            return found;
        });
    }

    @Override
    public boolean removeItem(String itemId) {
        Ref.requireValidId(itemId, "item id");
        return RedisCalls.call("removeItem", () -> jedis.del(keys.item(itemId)) == 1);
    }

    @Override
    public long add(FeedEntry entry, Collection<FeedKey> feeds) {
        require(entry, "entry");
        List<String> feedKeys = feedKeys(feeds);
        if (feedKeys.isEmpty()) {
            return 0;
        }
        return RedisCalls.call("add", () -> {
            List<Response<Long>> added = new ArrayList<>(feedKeys.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String key : feedKeys) {
                    added.add(pipeline.zadd(key, entry.score(), entry.id(), ZAddParams.zAddParams().nx()));
                }
                pipeline.sync();
            }
            return sum(added);
        });
    }

    @Override
    public long remove(String entryId, Collection<FeedKey> feeds) {
        Ref.requireValidId(entryId, "entry id");
        List<String> feedKeys = feedKeys(feeds);
        if (feedKeys.isEmpty()) {
            return 0;
        }
        return RedisCalls.call("remove", () -> {
            List<Response<Long>> removed = new ArrayList<>(feedKeys.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String key : feedKeys) {
                    removed.add(pipeline.zrem(key, entryId));
                }
                pipeline.sync();
            }
            return sum(removed);
        });
    }

    @Override
    public long removeEntries(FeedKey feed, Collection<String> entryIds) {
        String key = keys.feed(require(feed, "feed"));
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(require(entryIds, "entryIds")));
        ids.forEach(id -> Ref.requireValidId(id, "entry id"));
        if (ids.isEmpty()) {
            return 0;
        }
        return RedisCalls.call("removeEntries", () -> jedis.zrem(key, ids.toArray(String[]::new)));
    }

    @Override
    public OptionalLong score(FeedKey feed, String entryId) {
        String key = keys.feed(require(feed, "feed"));
        Ref.requireValidId(entryId, "entry id");
        Double score = RedisCalls.call("score", () -> jedis.zscore(key, entryId));
        return score == null ? OptionalLong.empty() : OptionalLong.of(score.longValue());
    }

    @Override
    public List<FeedEntry> page(FeedKey feed, FeedQuery query) {
        String key = keys.feed(require(feed, "feed"));
        require(query, "query");
        FeedEntry after = query.after();
        boolean desc = query.order() == Order.NEWEST_FIRST;
        // One ZRANGE in the common case; the script only when ties at the cursor's score fill the
        // window (see KeysetWindow).
        KeysetWindow window = KeysetWindow.of(key, desc, query.limit(), after == null ? null : after.score(), 0,
                after == null ? null : after.id());
        List<Tuple> members = RedisCalls.call("feed page", () -> window.read(jedis).members());
        if (members != null) {
            List<FeedEntry> page = new ArrayList<>(members.size());
            for (Tuple tuple : members) {
                page.add(new FeedEntry(tuple.getElement(), (long) tuple.getScore()));
            }
            return page;
        }
        List<String> args = new ArrayList<>(5);
        args.add(desc ? "desc" : "asc");
        args.add(Integer.toString(query.limit()));
        args.addAll(List.of("1", Long.toString(after.score()), after.id()));
        List<Object> reply = RedisCalls.call("feed page", () -> Replies.list(Scripts.FEED_PAGE.run(jedis, List.of(key), args)));
        List<FeedEntry> page = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i < reply.size(); i += 2) {
            page.add(new FeedEntry(Replies.string(reply.get(i)), Replies.score(reply.get(i + 1))));
        }
        return page;
    }

    @Override
    public long count(FeedKey feed) {
        String key = keys.feed(require(feed, "feed"));
        return RedisCalls.call("count", () -> jedis.zcard(key));
    }

    @Override
    public long countNewer(FeedKey feed, long score) {
        String key = keys.feed(require(feed, "feed"));
        return RedisCalls.call("countNewer", () -> jedis.zcount(key, Scores.greaterThan(score), "+inf"));
    }

    @Override
    public long trim(FeedKey feed, int keep) {
        String key = keys.feed(require(feed, "feed"));
        if (keep < 0) {
            throw new InvalidArgumentException("keep must be at least 0, was " + keep);
        }
        // Ranks count from the lowest score: remove everything below the top `keep`.
        return RedisCalls.call("trim", () -> jedis.zremrangeByRank(key, 0, -(long) keep - 1));
    }

    @Override
    public long removeOlderThan(FeedKey feed, long score) {
        String key = keys.feed(require(feed, "feed"));
        return RedisCalls.call("removeOlderThan", () -> jedis.zremrangeByScore(key, "-inf", Scores.lowerThan(score)));
    }

    @Override
    public long clear(FeedKey feed) {
        String key = keys.feed(require(feed, "feed"));
        // One command, so the count is exactly what this call removed.
        return RedisCalls.call("clear", () -> jedis.zremrangeByRank(key, 0, -1));
    }

    private List<String> feedKeys(Collection<FeedKey> feeds) {
        List<String> feedKeys = new ArrayList<>(require(feeds, "feeds").size());
        for (FeedKey feed : feeds) {
            feedKeys.add(keys.feed(require(feed, "feed")));
        }
        return feedKeys;
    }

    private static long sum(List<Response<Long>> replies) {
        long total = 0;
        for (Response<Long> reply : replies) {
            total += reply.get();
        }
        return total;
    }

    private static <T> T require(@Nullable T value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        return value;
    }
}
