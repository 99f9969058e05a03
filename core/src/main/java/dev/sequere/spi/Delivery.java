package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import java.util.List;
import java.util.Objects;

/**
 * One entry to add to some feeds, as part of a {@link Backend#deliver conditional delivery}.
 *
 * @param entry the entry
 * @param feeds the feeds that should receive it
 */
public record Delivery(FeedEntry entry, List<FeedKey> feeds) {

    /** Validates and copies. */
    public Delivery {
        Objects.requireNonNull(entry, "entry");
        if (feeds == null) {
            throw new InvalidArgumentException("feeds must not be null");
        }
        feeds = List.copyOf(feeds);
    }
}
