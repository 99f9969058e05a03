package dev.sequere.timeline.internal.feed;

import dev.sequere.timeline.feed.Bounds;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies {@link Bounds} to feeds just written, with range deletions only.
 */
public final class FeedTrimmer {

    private final FeedStore feeds;
    private final Bounds bounds;
    private final Clock clock;

    /**
     * Creates the trimmer.
     *
     * @param feeds the feed store
     * @param bounds the bounds
     * @param clock dates the retention window
     */
    public FeedTrimmer(FeedStore feeds, Bounds bounds, Clock clock) {
        this.feeds = feeds;
        this.bounds = bounds;
        this.clock = clock;
    }

    /**
     * Whether trimming does anything.
     *
     * @return {@code true} when bounds are set
     */
    public boolean active() {
        return bounds.bounded();
    }

    /**
     * Applies the bounds to one feed now, whatever {@code trimEvery} says: what a read does first,
     * so that entries past the retention window or the count bound are never returned or counted,
     * whether or not the feed was written since they fell out.
     *
     * @param feed the feed about to be read
     * @return how many entries were removed
     */
    public long trimNow(FeedKey feed) {
        if (!bounds.bounded()) {
            return 0;
        }
        long removed = 0;
        if (bounds.keepNewest() > 0) {
            removed += feeds.trim(feed, bounds.keepNewest());
        }
        Duration retention = bounds.retention();
        if (retention != null) {
            removed += feeds.removeOlderThan(feed, EpochMicros.of(clock.instant().minus(retention)));
        }
        return removed;
    }

    /**
     * Trims feeds that were just written (each with probability {@code 1 / trimEvery}).
     *
     * @param written the feeds written
     * @return how many entries were removed
     */
    public long afterWrite(Collection<FeedKey> written) {
        if (!bounds.bounded()) {
            return 0;
        }
        long removed = 0;
        Duration retention = bounds.retention();
        long oldest = retention == null ? Long.MIN_VALUE : EpochMicros.of(clock.instant().minus(retention));
        for (FeedKey feed : written) {
            if (bounds.trimEvery() > 1 && ThreadLocalRandom.current().nextInt(bounds.trimEvery()) != 0) {
                continue;
            }
            if (bounds.keepNewest() > 0) {
                removed += feeds.trim(feed, bounds.keepNewest());
            }
            if (retention != null) {
                removed += feeds.removeOlderThan(feed, oldest);
            }
        }
        return removed;
    }
}
