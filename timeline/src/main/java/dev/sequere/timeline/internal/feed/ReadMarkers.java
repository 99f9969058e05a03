package dev.sequere.timeline.internal.feed;

import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.Ref;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read markers ("read up to") kept in a one-entry feed per resource, so they live in whatever
 * backend holds the timelines, with no extra SPI.
 *
 * <p>A marker only moves forward: marking adds an entry scored with the time, then trims the
 * feed to its highest entry. Two devices marking at once therefore both end with the later
 * time, and no reader ever sees the marker missing (remove-then-add would open that window).
 */
public final class ReadMarkers {

    private final FeedStore feeds;

    /**
     * Creates the markers over a feed store.
     *
     * @param feeds the feed store
     */
    public ReadMarkers(FeedStore feeds) {
        this.feeds = feeds;
    }

    /**
     * Marks {@code owner}'s timelines read up to {@code time}; an earlier time than the current
     * marker changes nothing.
     *
     * @param owner the reader
     * @param time read up to this time, inclusive
     */
    public void markRead(Ref owner, Instant time) {
        long micros = EpochMicros.of(time);
        FeedKey key = key(owner);
        feeds.add(new FeedEntry("m" + micros, micros), List.of(key));
        feeds.trim(key, 1);
    }

    /**
     * The current marker.
     *
     * @param owner the reader
     * @return the time read up to, or empty when never marked
     */
    public Optional<Instant> readAt(Ref owner) {
        OptionalLong micros = micros(owner);
        return micros.isPresent() ? Optional.of(EpochMicros.toInstant(micros.getAsLong())) : Optional.empty();
    }

    /**
     * The current marker in epoch microseconds.
     *
     * @param owner the reader
     * @return the marker, or empty when never marked
     */
    public OptionalLong micros(Ref owner) {
        List<FeedEntry> top = feeds.page(key(owner), FeedQuery.first(1));
        return top.isEmpty() ? OptionalLong.empty() : OptionalLong.of(top.get(0).score());
    }

    private static FeedKey key(Ref owner) {
        return new FeedKey(owner, FeedNames.READ);
    }

}
