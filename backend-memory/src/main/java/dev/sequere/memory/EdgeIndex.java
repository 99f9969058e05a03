package dev.sequere.memory;

import dev.sequere.Order;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * The follows of one resource in one direction for one type of the other side, in time order,
 * with its size kept beside it. Writes happen under the owning node's lock, so {@link #size}
 * changes in the same step as the set; reads need no lock.
 */
final class EdgeIndex {

    private final ConcurrentSkipListSet<FollowRecord> records;
    private volatile long size;

    /**
     * Stores records newest first: a skip list's forward walk is cheap and its descending walk
     * searches again at every step, and newest first is what listings ask for by default.
     *
     * @param newestFirst the storage order, newest first
     */
    EdgeIndex(Comparator<FollowRecord> newestFirst) {
        this.records = new ConcurrentSkipListSet<>(newestFirst);
    }

    /** Caller holds the owning node's lock. */
    void add(FollowRecord record) {
        if (records.add(record)) {
            size++;
        }
    }

    /** Caller holds the owning node's lock. */
    void remove(FollowRecord record) {
        if (records.remove(record)) {
            size--;
        }
    }

    long size() {
        return size;
    }

    /** Records strictly after {@code after} in {@code order}, lazily. */
    Iterator<FollowRecord> after(Order order, @Nullable FollowRecord after) {
        NavigableSet<FollowRecord> view = order == Order.NEWEST_FIRST ? records : records.descendingSet();
        return (after == null ? view : view.tailSet(after, false)).iterator();
    }

    Iterable<FollowRecord> all() {
        return records;
    }
}
