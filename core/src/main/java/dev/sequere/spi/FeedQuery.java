package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link FeedStore#page} call asks for.
 *
 * @param order walk direction along {@code (score, id)}
 * @param after keyset position: only entries strictly after it in {@code order}; {@code null}
 *     starts at the beginning. The entry it names may no longer exist.
 * @param limit how many entries at most, at least 1
 */
public record FeedQuery(Order order, @Nullable FeedEntry after, int limit) {

    /** Validates the query. */
    public FeedQuery {
        Objects.requireNonNull(order, "order");
        if (limit < 1) {
            throw new InvalidArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /**
     * The first page, newest (highest score) first.
     *
     * @param limit how many entries at most
     * @return the query
     */
    public static FeedQuery first(int limit) {
        return new FeedQuery(Order.NEWEST_FIRST, null, limit);
    }
}
