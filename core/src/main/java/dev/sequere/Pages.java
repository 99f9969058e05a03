package dev.sequere;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Walks every page of a listing as one lazy {@link Stream}: the next page is read only when the
 * stream needs its first item, one page at a time, so a stream that stops early (limit, findFirst)
 * reads no more than it needs and memory holds one page. Items are those the pages return, with
 * the same guarantees as a cursor walk (an item that exists for the whole walk is met exactly once).
 */
public final class Pages {

    private Pages() {
    }

    /**
     * A lazy stream over the pages a cursor function returns.
     *
     * @param fetch reads the page after a cursor ({@code null}: the first page)
     * @param <T> the item type
     * @return the items of every page, in page order
     */
    public static <T> Stream<T> stream(Function<@Nullable String, Page<T>> fetch) {
        Spliterator<T> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private final Deque<T> buffer = new ArrayDeque<>();
            private @Nullable String cursor;
            private boolean last;

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                while (buffer.isEmpty()) {
                    if (last) {
                        return false;
                    }
                    Page<T> page = fetch.apply(cursor);
                    buffer.addAll(page.items());
                    cursor = page.nextCursor();
                    last = cursor == null;
                }
                action.accept(buffer.poll());
                return true;
            }
        };
        return StreamSupport.stream(pages, false);
    }
}
