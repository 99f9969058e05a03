package dev.sequere.memory;

import dev.sequere.Order;
import dev.sequere.spi.FeedEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * One feed in memory: entries ordered by {@code (score, id)} plus an id index for
 * insert-if-absent and removal. Writes synchronize on the feed; reads take no lock.
 */
final class MemoryFeed {

    private final ConcurrentSkipListSet<Key> entries = new ConcurrentSkipListSet<>();
    private final ConcurrentHashMap<String, Key> byId = new ConcurrentHashMap<>();
    private volatile long size;

    synchronized boolean add(FeedEntry entry) {
        Key key = new Key(entry.score(), entry.id());
        if (byId.putIfAbsent(entry.id(), key) != null) {
            return false;
        }
        entries.add(key);
        size++;
        return true;
    }

    synchronized boolean remove(String entryId) {
        Key key = byId.remove(entryId);
        if (key == null) {
            return false;
        }
        entries.remove(key);
        size--;
        return true;
    }

    @Nullable Long score(String entryId) {
        Key key = byId.get(entryId);
        return key == null ? null : key.score;
    }

    long size() {
        return size;
    }

    /** O(k) in the number of newer entries, which bounded or read-marked feeds keep small. */
    long countAbove(long score) {
        if (score == Long.MAX_VALUE) {
            return 0;
        }
        return entries.tailSet(new Key(score + 1, ""), true).size();
    }

    List<FeedEntry> page(Order order, @Nullable FeedEntry after, int limit) {
        NavigableSet<Key> view = order == Order.OLDEST_FIRST ? entries : entries.descendingSet();
        Iterator<Key> it = (after == null ? view : view.tailSet(new Key(after.score(), after.id()), false)).iterator();
        List<FeedEntry> page = new ArrayList<>(Math.min(limit, 64));
        while (page.size() < limit && it.hasNext()) {
            Key key = it.next();
            page.add(new FeedEntry(key.id, key.score));
        }
        return page;
    }

    synchronized long trim(int keep) {
        long removed = 0;
        while (size > keep) {
            Key lowest = entries.pollFirst();
            if (lowest == null) {
                break;
            }
            byId.remove(lowest.id);
            size--;
            removed++;
        }
        return removed;
    }

    synchronized long removeBelow(long score) {
        long removed = 0;
        while (!entries.isEmpty() && entries.first().score < score) {
            Key lowest = entries.pollFirst();
            byId.remove(lowest.id);
            size--;
            removed++;
        }
        return removed;
    }

    synchronized long clear() {
        long removed = size;
        entries.clear();
        byId.clear();
        size = 0;
        return removed;
    }

    /** Sort key {@code (score, id)}; the empty id sorts before every real one, for range probes. */
    private record Key(long score, String id) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byScore = Long.compare(score, other.score);
            return byScore != 0 ? byScore : id.compareTo(other.id);
        }
    }
}
