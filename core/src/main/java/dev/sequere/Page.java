package dev.sequere;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing and the opaque cursor that continues it.
 *
 * <p>A page may hold fewer items than asked for even when more follow: items whose resource no
 * longer exists are skipped (and reported to listeners). Only {@link #hasNext()} says whether the
 * listing continues.
 *
 * @param items the items, never containing {@code null}
 * @param nextCursor the cursor for the next page, {@code null} on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /** Copies the item list so a page never changes after it was returned. */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * Whether a next page exists.
     *
     * @return {@code true} when {@link #nextCursor()} is not {@code null}
     */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * The next cursor as an optional.
     *
     * @return the cursor of the next page, empty on the last page
     */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
