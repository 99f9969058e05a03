package dev.sequere.memory;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds and items in memory. Each feed synchronizes its own writes; there is no store-wide lock.
 */
public final class MemoryFeedStore implements FeedStore {

    private final ConcurrentHashMap<String, String> items = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FeedKey, MemoryFeed> feeds = new ConcurrentHashMap<>();

    MemoryFeedStore() {
    }

    @Override
    public boolean putItem(String itemId, String body) {
        Ref.requireValidId(itemId, "item id");
        Objects.requireNonNull(body, "body");
        // Cheap bound first: a UTF-8 byte is at least one char and at most three per char.
        if (body.length() * 3L > MAX_ITEM_BODY_BYTES && body.getBytes(StandardCharsets.UTF_8).length > MAX_ITEM_BODY_BYTES) {
            throw new InvalidArgumentException("item body of " + body.getBytes(StandardCharsets.UTF_8).length
                    + " UTF-8 bytes exceeds the limit of " + MAX_ITEM_BODY_BYTES);
        }
        return items.putIfAbsent(itemId, body) == null;
    }

    @Override
    public Map<String, String> items(Collection<String> itemIds) {
        Map<String, String> found = new HashMap<>(itemIds.size() * 2);
        for (String id : itemIds) {
            String body = items.get(id);
            if (body != null) {
                found.put(id, body);
            }
        }
        return found;
    }

    @Override
    public boolean removeItem(String itemId) {
        return items.remove(itemId) != null;
    }

    @Override
    public long add(FeedEntry entry, Collection<FeedKey> keys) {
        Objects.requireNonNull(entry, "entry");
        long added = 0;
        for (FeedKey key : keys) {
            if (feeds.computeIfAbsent(key, k -> new MemoryFeed()).add(entry)) {
                added++;
            }
        }
        return added;
    }

    @Override
    public long remove(String entryId, Collection<FeedKey> keys) {
        long removed = 0;
        for (FeedKey key : keys) {
            MemoryFeed feed = feeds.get(key);
            if (feed != null && feed.remove(entryId)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public long removeEntries(FeedKey key, Collection<String> entryIds) {
        MemoryFeed feed = feeds.get(key);
        if (feed == null) {
            return 0;
        }
        long removed = 0;
        for (String id : entryIds) {
            if (feed.remove(id)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public OptionalLong score(FeedKey key, String entryId) {
        MemoryFeed feed = feeds.get(key);
        Long score = feed == null ? null : feed.score(entryId);
        return score == null ? OptionalLong.empty() : OptionalLong.of(score);
    }

    @Override
    public List<FeedEntry> page(FeedKey key, FeedQuery query) {
        MemoryFeed feed = feeds.get(key);
        return feed == null ? List.of() : feed.page(query.order(), query.after(), query.limit());
    }

    @Override
    public long count(FeedKey key) {
        MemoryFeed feed = feeds.get(key);
        return feed == null ? 0 : feed.size();
    }

    @Override
    public long countNewer(FeedKey key, long score) {
        MemoryFeed feed = feeds.get(key);
        return feed == null ? 0 : feed.countAbove(score);
    }

    @Override
    public long trim(FeedKey key, int keep) {
        if (keep < 0) {
            throw new InvalidArgumentException("keep must be at least 0, was " + keep);
        }
        MemoryFeed feed = feeds.get(key);
        return feed == null ? 0 : feed.trim(keep);
    }

    @Override
    public long removeOlderThan(FeedKey key, long score) {
        MemoryFeed feed = feeds.get(key);
        return feed == null ? 0 : feed.removeBelow(score);
    }

    @Override
    public long clear(FeedKey key) {
        MemoryFeed feed = feeds.get(key);
        return feed == null ? 0 : feed.clear();
    }
}
