package dev.sequere.spring;

import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import dev.sequere.tck.ForwardingFeedStore;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory backend whose feed writes take a few milliseconds, and that records writes made
 * after it was closed and the threads that wrote: enough to see whether shutdown waits for
 * fan-out, and where fan-out ran.
 */
final class SlowFeedBackend implements Backend {

    final MemoryBackend delegate = MemoryBackend.create();
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicInteger writesAfterClose = new AtomicInteger();
    final Set<String> writerThreads = ConcurrentHashMap.newKeySet();
    private final long delayMillis;
    private final FeedStore feeds;

    SlowFeedBackend(long delayMillis) {
        this.delayMillis = delayMillis;
        this.feeds = new SlowFeeds(delegate.feeds());
    }

    @Override
    public dev.sequere.spi.JobStore jobs() {
        return delegate.jobs();
    }

    @Override
    public FollowStore follows() {
        return delegate.follows();
    }

    @Override
    public FeedStore feeds() {
        return feeds;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private void write() {
        if (closed.get()) {
            writesAfterClose.incrementAndGet();
        }
        writerThreads.add(Thread.currentThread().getName());
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class SlowFeeds extends ForwardingFeedStore {

        SlowFeeds(FeedStore store) {
            super(store);
        }

        @Override
        public boolean putItem(String itemId, String body) {
            write();
            return super.putItem(itemId, body);
        }

        @Override
        public boolean removeItem(String itemId) {
            write();
            return super.removeItem(itemId);
        }

        @Override
        public long add(FeedEntry entry, Collection<FeedKey> keys) {
            write();
            return super.add(entry, keys);
        }

        @Override
        public long remove(String entryId, Collection<FeedKey> keys) {
            write();
            return super.remove(entryId, keys);
        }

        @Override
        public long removeEntries(FeedKey feed, Collection<String> entryIds) {
            write();
            return super.removeEntries(feed, entryIds);
        }

        @Override
        public long trim(FeedKey feed, int keep) {
            write();
            return super.trim(feed, keep);
        }

        @Override
        public long removeOlderThan(FeedKey feed, long score) {
            write();
            return super.removeOlderThan(feed, score);
        }

        @Override
        public long clear(FeedKey feed) {
            write();
            return super.clear(feed);
        }
    }
}
