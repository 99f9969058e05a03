package dev.sequere.timeline.tck;

import dev.sequere.BackendException;
import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import dev.sequere.spi.JobStore;
import dev.sequere.tck.ForwardingFeedStore;
import java.util.Collection;
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
    private final AtomicInteger lostPutReplies = new AtomicInteger();
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

    /**
     * Makes the next {@code putItem} store its item and then fail as if its reply was lost.
     */
    public void loseNextPutItemReply() {
        lostPutReplies.set(1);
    }

    @Override
    public JobStore jobs() {
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

    /** Delegates everything; fails {@code add} while failures are left, loses put replies. */
    private final class FlakyFeeds extends ForwardingFeedStore {

        FlakyFeeds(FeedStore real) {
            super(real);
        }

        @Override
        public long add(FeedEntry entry, Collection<FeedKey> feeds) {
            Ref broken = victim;
            boolean hit = broken != null && feeds.stream().anyMatch(f -> f.owner().equals(broken));
            if (hit && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new BackendException("injected failure: connection reset");
            }
            return super.add(entry, feeds);
        }

        @Override
        public boolean putItem(String itemId, String body) {
            boolean stored = super.putItem(itemId, body);
            if (lostPutReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new BackendException("injected failure: reply lost after the write");
            }
            return stored;
        }
    }
}
