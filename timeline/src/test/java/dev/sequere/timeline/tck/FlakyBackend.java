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
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
    private final AtomicInteger lostFollowReplies = new AtomicInteger();
    private final AtomicInteger removeFailuresLeft = new AtomicInteger();
    private final FeedStore feeds;
    private final FollowStore follows;
    private volatile @Nullable Ref victim;

    /**
     * Wraps a backend.
     *
     * @param delegate the real backend (not closed by this one)
     */
    public FlakyBackend(Backend delegate) {
        this.delegate = delegate;
        this.feeds = new FlakyFeeds(delegate.feeds());
        this.follows = new FlakyFollows(delegate.follows());
    }

    /**
     * Makes the next {@code follow} or {@code unfollow} apply its change and then fail as if its
     * reply was lost (the COMMIT succeeded, the connection broke before the answer).
     */
    public void loseNextFollowReply() {
        lostFollowReplies.set(1);
    }

    /**
     * Makes the next {@code count} calls of {@code remove} (one entry from many feeds) fail.
     *
     * @param count how many calls
     */
    public void failNextRemoves(int count) {
        removeFailuresLeft.set(count);
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
        return follows;
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
        public long remove(String entryId, Collection<FeedKey> feeds) {
            if (removeFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new BackendException("injected failure: connection reset");
            }
            return super.remove(entryId, feeds);
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

    /** Delegates everything; loses the reply of a follow or unfollow after applying it. */
    private final class FlakyFollows implements FollowStore {

        private final FollowStore real;

        FlakyFollows(FollowStore real) {
            this.real = real;
        }

        private boolean lost(boolean changed) {
            if (lostFollowReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new BackendException("injected failure: reply lost after the commit");
            }
            return changed;
        }

        @Override
        public boolean follow(Ref follower, Ref followee, Instant since) {
            return lost(real.follow(follower, followee, since));
        }

        @Override
        public boolean unfollow(Ref follower, Ref followee) {
            return lost(real.unfollow(follower, followee));
        }

        @Override
        public boolean exists(Ref follower, Ref followee) {
            return real.exists(follower, followee);
        }

        @Override
        public Optional<Instant> since(Ref follower, Ref followee) {
            return real.since(follower, followee);
        }

        @Override
        public long count(Ref subject, Direction direction, @Nullable String type) {
            return real.count(subject, direction, type);
        }

        @Override
        public List<Edge> page(Ref subject, Direction direction, EdgeQuery query) {
            return real.page(subject, direction, query);
        }

        @Override
        public long removeAll(Ref subject) {
            return real.removeAll(subject);
        }
    }
}
