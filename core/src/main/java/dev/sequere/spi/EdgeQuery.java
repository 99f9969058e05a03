package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link FollowStore#page} call asks for.
 *
 * @param type only resources of this type name, or {@code null} for every type
 * @param order walk direction along {@code (since, ref)}
 * @param after keyset position: return only items strictly after it in {@code order};
 *     {@code null} starts at the beginning. The item it names may no longer exist.
 * @param limit how many items at most, at least 1
 */
public record EdgeQuery(@Nullable String type, Order order, @Nullable Edge after, int limit) {

    /** Validates the query. */
    public EdgeQuery {
        Objects.requireNonNull(order, "order");
        if (type != null) {
            Ref.requireValidType(type);
        }
        if (limit < 1) {
            throw new InvalidArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /**
     * The first page of every type, newest first.
     *
     * @param limit how many items at most
     * @return the query
     */
    public static EdgeQuery first(int limit) {
        return new EdgeQuery(null, Order.NEWEST_FIRST, null, limit);
    }
}
