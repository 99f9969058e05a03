package dev.sequere;

import dev.sequere.registry.TypeRegistration;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable query over one relation of a resource: its followers, its followings or its
 * friends. Refine it with {@link #ofType(Class)} and the order methods, then {@link #count()}
 * or {@link #page(int)}; every refinement returns a new query.
 *
 * <pre>{@code
 * Page<Follow<User>> first = sequere.followers(project).ofType(User.class).page(20);
 * Page<Follow<User>> second = sequere.followers(project).ofType(User.class).page(first.nextCursor(), 20);
 * }</pre>
 *
 * <p>Listings are ordered by {@code (since, ref)}, newest first by default. Cursor paging never
 * repeats or skips an item that exists for the whole walk, whatever is followed or unfollowed
 * between pages.
 *
 * @param <T> the type of the listed resources ({@code Object} until {@link #ofType(Class)})
 */
public final class FollowQuery<T> {

    /** Largest page size accepted. */
    public static final int MAX_LIMIT = 10_000;

    private final Sequere sequere;
    private final Ref subject;
    private final Direction direction;
    private final @Nullable String type;
    private final Class<T> resultClass;
    private final Order order;

    private FollowQuery(Sequere sequere, Ref subject, Direction direction, @Nullable String type,
            Class<T> resultClass, Order order) {
        this.sequere = sequere;
        this.subject = subject;
        this.direction = direction;
        this.type = type;
        this.resultClass = resultClass;
        this.order = order;
    }

    static FollowQuery<Object> start(Sequere sequere, Ref subject, Direction direction) {
        return new FollowQuery<>(sequere, subject, direction, null, Object.class, Order.NEWEST_FIRST);
    }

    /**
     * Only resources of a registered class.
     *
     * @param type the registered class
     * @param <U> the class
     * @return a new query
     * @throws UnregisteredTypeException when the class is not registered
     */
    public <U> FollowQuery<U> ofType(Class<U> type) {
        Sequere.requireArgument(type, "type");
        TypeRegistration<?> registration = sequere.registry().forClass(type);
        if (!type.isAssignableFrom(registration.javaClass())) {
            // A subclass of a registered class maps to the registered type, whose loaded objects
            // need not be instances of the subclass.
            throw new InvalidArgumentException("ofType(" + type.getName() + "): filter by the registered class "
                    + registration.javaClass().getName() + " (type '" + registration.type() + "') instead");
        }
        return new FollowQuery<>(sequere, subject, direction, registration.type(), type, order);
    }

    /**
     * Only resources of a registered type name.
     *
     * @param type the type name
     * @return a new query
     * @throws UnregisteredTypeException when no class is registered under that name
     */
    public FollowQuery<Object> ofType(String type) {
        Sequere.requireArgument(type, "type");
        sequere.registry().forType(type);
        return new FollowQuery<>(sequere, subject, direction, type, Object.class, order);
    }

    /**
     * Latest follows first (the default).
     *
     * @return a new query
     */
    public FollowQuery<T> newestFirst() {
        return new FollowQuery<>(sequere, subject, direction, type, resultClass, Order.NEWEST_FIRST);
    }

    /**
     * Earliest follows first.
     *
     * @return a new query
     */
    public FollowQuery<T> oldestFirst() {
        return new FollowQuery<>(sequere, subject, direction, type, resultClass, Order.OLDEST_FIRST);
    }

    /**
     * The exact number of items this query lists.
     *
     * @return the count
     */
    public long count() {
        return sequere.follows().count(subject, direction, type);
    }

    /**
     * The first page, resources loaded.
     *
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     */
    public Page<Follow<T>> page(int limit) {
        return page(null, limit);
    }

    /**
     * The page after a cursor, resources loaded with one loader call per type. Items whose
     * resource no longer exists are skipped and reported to listeners.
     *
     * @param cursor a cursor from a previous page of the same query, or {@code null} to start
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     * @throws InvalidCursorException when the cursor belongs to another listing or is damaged
     */
    public Page<Follow<T>> page(@Nullable String cursor, int limit) {
        Slice slice = fetch(cursor, limit);
        List<Ref> refs = new ArrayList<>(slice.edges.size());
        for (Edge edge : slice.edges) {
            refs.add(edge.ref());
        }
        Map<Ref, Object> loaded = sequere.loader().load(refs);
        List<Follow<T>> items = new ArrayList<>(slice.edges.size());
        for (Edge edge : slice.edges) {
            Object resource = loaded.get(edge.ref());
            if (resource != null) {
                items.add(new Follow<>(resultClass.cast(resource), edge.ref(), edge.since()));
            }
        }
        return new Page<>(items, slice.nextCursor);
    }

    /**
     * Every follow of this listing, read lazily page by page (one loader call per type and page),
     * for a walk over all of them without a hand-written cursor loop.
     *
     * @param pageSize items per page read, 1 to {@value #MAX_LIMIT}
     * @return a sequential stream, in this listing's order
     */
    public java.util.stream.Stream<Follow<T>> stream(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new InvalidArgumentException("pageSize must be between 1 and " + MAX_LIMIT + ", was " + pageSize);
        }
        return Pages.stream(cursor -> page(cursor, pageSize));
    }

    /**
     * The first page as refs, without loading anything.
     *
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     */
    public Page<Follow<Ref>> refPage(int limit) {
        return refPage(null, limit);
    }

    /**
     * The page after a cursor as refs, without loading anything (no loader needed).
     *
     * @param cursor a cursor from a previous page of the same query, or {@code null} to start
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     */
    public Page<Follow<Ref>> refPage(@Nullable String cursor, int limit) {
        Slice slice = fetch(cursor, limit);
        List<Follow<Ref>> items = new ArrayList<>(slice.edges.size());
        for (Edge edge : slice.edges) {
            items.add(new Follow<>(edge.ref(), edge.ref(), edge.since()));
        }
        return new Page<>(items, slice.nextCursor);
    }

    private Slice fetch(@Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Edge after = cursor == null ? null : Cursors.decode(cursor, direction, order, type);
        // One extra item tells whether a next page exists without a second round trip.
        List<Edge> edges = sequere.follows().page(subject, direction, new EdgeQuery(type, order, after, limit + 1));
        if (edges.size() <= limit) {
            return new Slice(edges, null);
        }
        List<Edge> kept = edges.subList(0, limit);
        return new Slice(kept, Cursors.encode(direction, order, type, kept.get(limit - 1)));
    }

    private record Slice(List<Edge> edges, @Nullable String nextCursor) {
    }

    @Override
    public String toString() {
        return direction.name().toLowerCase(java.util.Locale.ROOT) + " of " + subject
                + (type == null ? "" : " of type " + type) + ", " + order;
    }
}
