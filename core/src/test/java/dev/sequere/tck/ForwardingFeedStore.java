package dev.sequere.tck;

import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A {@link FeedStore} that forwards every call to another one. Tests extend it to inject
 * failures or delays into a real store by overriding only the methods they care about.
 */
public abstract class ForwardingFeedStore implements FeedStore {

    private final FeedStore delegate;

    /**
     * Wraps a store.
     *
     * @param delegate the real store every call goes to
     */
    protected ForwardingFeedStore(FeedStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean putItem(String itemId, String body) {
        return delegate.putItem(itemId, body);
    }

    @Override
    public Map<String, String> items(Collection<String> itemIds) {
        return delegate.items(itemIds);
    }

    @Override
    public boolean removeItem(String itemId) {
        return delegate.removeItem(itemId);
    }

    @Override
    public long add(FeedEntry entry, Collection<FeedKey> feeds) {
        return delegate.add(entry, feeds);
    }

    @Override
    public long remove(String entryId, Collection<FeedKey> feeds) {
        return delegate.remove(entryId, feeds);
    }

    @Override
    public long removeEntries(FeedKey feed, Collection<String> entryIds) {
        return delegate.removeEntries(feed, entryIds);
    }

    @Override
    public OptionalLong score(FeedKey feed, String entryId) {
        return delegate.score(feed, entryId);
    }

    @Override
    public List<FeedEntry> page(FeedKey feed, FeedQuery query) {
        return delegate.page(feed, query);
    }

    @Override
    public long count(FeedKey feed) {
        return delegate.count(feed);
    }

    @Override
    public long countNewer(FeedKey feed, long score) {
        return delegate.countNewer(feed, score);
    }

    @Override
    public long trim(FeedKey feed, int keep) {
        return delegate.trim(feed, keep);
    }

    @Override
    public long removeOlderThan(FeedKey feed, long score) {
        return delegate.removeOlderThan(feed, score);
    }

    @Override
    public long clear(FeedKey feed) {
        return delegate.clear(feed);
    }
}
