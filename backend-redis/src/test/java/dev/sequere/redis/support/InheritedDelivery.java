package dev.sequere.redis.support;

import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import dev.sequere.spi.JobStore;
import java.util.Set;

/**
 * A backend over a Redis backend's stores that keeps the SPI's default {@code deliver},
 * {@code purge} and {@code fanOutStep} (check, then write, under a lock of this JVM): what the
 * Redis backend inherited before it overrode them, kept to show the race tests can fail.
 */
public final class InheritedDelivery implements Backend {

    private final Backend delegate;

    /**
     * Wraps a backend.
     *
     * @param delegate the Redis backend; closed with this one
     */
    public InheritedDelivery(Backend delegate) {
        this.delegate = delegate;
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public long fanOut(Ref source, String feedName, FeedEntry entry, int batchSize) {
        return delegate.fanOut(source, feedName, entry, batchSize);
    }

    /**
     * The wrapped backend.
     *
     * @return it
     */
    public Backend delegate() {
        return delegate;
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public FollowStore follows() {
        return delegate.follows();
    }

    @Override
    public FeedStore feeds() {
        return delegate.feeds();
    }

    @Override
    public JobStore jobs() {
        return delegate.jobs();
    }
}
