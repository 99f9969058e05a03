package dev.sequere.timeline.tck;

import dev.sequere.BackendException;
import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A backend over another whose {@code add} to a chosen resource's feeds fails a given number of
 * times with a {@link BackendException}, as a lost connection would: the failing call writes nothing. It
 * declares no capability, so fan-out goes through the batched {@code add} calls it breaks.
 */
public final class FlakyBackend implements Backend {

    private final Backend delegate;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final FeedStore feeds;
    private volatile @Nullable Ref victim;

    /**
     * Wraps a backend.
     *
     * @param delegate the real backend (not closed by this one)
     */
    public FlakyBackend(Backend delegate) {
        this.delegate = delegate;
        this.feeds = new FlakyFeeds(delegate.feeds());
    }

    /**
     * Makes the next {@code count} calls of {@code add} that write a feed of {@code owner} fail.
     *
     * @param owner whose feeds to break
     * @param count how many calls
     */
    public void failNextAddsTo(Ref owner, int count) {
        victim = owner;
        failuresLeft.set(count);
    }

    @Override
    public FollowStore follows() {
        return delegate.follows();
    }

    @Override
    public FeedStore feeds() {
        return feeds;
    }

    /** Delegates everything; fails {@code add} while failures are left. */
    private final class FlakyFeeds implements FeedStore {

        private final FeedStore real;

        FlakyFeeds(FeedStore real) {
            this.real = real;
        }

        @Override
        public boolean putItem(String itemId, String body) {
            return real.putItem(itemId, body);
        }

        @Override
        public Map<String, String> items(Collection<String> itemIds) {
            return real.items(itemIds);
        }

        @Override
        public boolean removeItem(String itemId) {
            return real.removeItem(itemId);
        }

        @Override
        public long add(FeedEntry entry, Collection<FeedKey> feeds) {
            Ref broken = victim;
            boolean hit = broken != null && feeds.stream().anyMatch(f -> f.owner().equals(broken));
            if (hit && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new BackendException("injected failure: connection reset");
            }
            return real.add(entry, feeds);
        }

        @Override
        public long remove(String entryId, Collection<FeedKey> feeds) {
            return real.remove(entryId, feeds);
        }

        @Override
        public long removeEntries(FeedKey feed, Collection<String> entryIds) {
            return real.removeEntries(feed, entryIds);
        }

        @Override
        public OptionalLong score(FeedKey feed, String entryId) {
            return real.score(feed, entryId);
        }

        @Override
        public List<FeedEntry> page(FeedKey feed, FeedQuery query) {
            return real.page(feed, query);
        }

        @Override
        public long count(FeedKey feed) {
            return real.count(feed);
        }

        @Override
        public long countNewer(FeedKey feed, long score) {
            return real.countNewer(feed, score);
        }

        @Override
        public long trim(FeedKey feed, int keep) {
            return real.trim(feed, keep);
        }

        @Override
        public long removeOlderThan(FeedKey feed, long score) {
            return real.removeOlderThan(feed, score);
        }

        @Override
        public long clear(FeedKey feed) {
            return real.clear(feed);
        }
    }
}
