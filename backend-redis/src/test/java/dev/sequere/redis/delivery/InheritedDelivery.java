package dev.sequere.redis.delivery;

import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import dev.sequere.spi.JobStore;

/**
 * A backend over a Redis backend's stores that keeps the SPI's default {@code deliver},
 * {@code purge} and {@code fanOutStep} (check, then write, under a lock of this JVM): what the
 * Redis backend inherited before it overrode them, kept to show the race tests can fail.
 */
final class InheritedDelivery implements Backend {

    private final Backend delegate;

    InheritedDelivery(Backend delegate) {
        this.delegate = delegate;
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
