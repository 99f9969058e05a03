package dev.sequere.timeline;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.internal.action.ActionCodec;
import dev.sequere.timeline.action.Verb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An immutable query over one timeline: filter it by verb and target type, order it, then count
 * it or read it by cursor pages. Every refinement returns a new query.
 *
 * <pre>{@code
 * Page<TimelineItem> first = timeline.privateFeed().verb(LIKE).targetType(Project.class).page(20);
 * Page<TimelineItem> next = timeline.privateFeed().verb(LIKE).targetType(Project.class).page(first.nextCursor(), 20);
 * }</pre>
 *
 * <p>A filter reads its own filter feed where the timeline keeps one
 * ({@link dev.sequere.timeline.feed.FilterFeeds}); otherwise it reads the base feed and the actions
 * its entries point to (one item read per chunk) and keeps those with the verb and target type
 * asked for. Counts are exact either way; such a count reads the whole timeline, and such a page
 * reads at most {@code filterScanLimit} entries before it returns (shorter, with a cursor to go
 * on). Order is total: {@code (time, id)}.
 */
public final class TimelineQuery {

    /** Largest page size accepted. */
    public static final int MAX_LIMIT = 1_000;

    /** Entries read per storage call when filtering on read. */
    private static final int SCAN_CHUNK = 1_000;

    private final Timelines timelines;
    private final Ref owner;
    private final String base;
    private final @Nullable Ref reader;
    private final @Nullable Verb verb;
    private final @Nullable String targetType;
    private final Order order;

    TimelineQuery(Timelines timelines, Ref owner, String base, @Nullable Ref reader) {
        this(timelines, owner, base, reader, null, null, Order.NEWEST_FIRST);
    }

    private TimelineQuery(Timelines timelines, Ref owner, String base, @Nullable Ref reader, @Nullable Verb verb,
            @Nullable String targetType, Order order) {
        this.timelines = timelines;
        this.owner = owner;
        this.base = base;
        this.reader = reader;
        this.verb = verb;
        this.targetType = targetType;
        this.order = order;
    }

    /**
     * Only actions with this verb.
     *
     * @param verb a registered verb
     * @return a new query
     * @throws dev.sequere.timeline.action.UnregisteredVerbException when no type registered it
     */
    public TimelineQuery verb(Verb verb) {
        if (verb == null) {
            throw new InvalidArgumentException("verb must not be null");
        }
        return new TimelineQuery(timelines, owner, base, reader, timelines.verbs().requireKnown(verb), targetType, order);
    }

    /**
     * Only actions with the verb of this name.
     *
     * @param verb a registered verb's name
     * @return a new query
     */
    public TimelineQuery verb(String verb) {
        return verb(Verb.of(verb));
    }

    /**
     * Only actions whose target is of a registered class.
     *
     * @param type the class
     * @return a new query
     * @throws dev.sequere.UnregisteredTypeException when the class is not registered
     */
    public TimelineQuery targetType(Class<?> type) {
        if (type == null) {
            throw new InvalidArgumentException("type must not be null");
        }
        return withTargetType(timelines.sequere().registry().forClass(type).type());
    }

    /**
     * Only actions whose target is of a registered type name.
     *
     * @param type the type name
     * @return a new query
     * @throws dev.sequere.UnregisteredTypeException when the type is not registered
     */
    public TimelineQuery targetType(String type) {
        if (type == null) {
            throw new InvalidArgumentException("type must not be null");
        }
        return withTargetType(timelines.sequere().registry().forType(type).type());
    }

    /**
     * Only actions whose target has the type of {@code instance}.
     *
     * @param instance a registered application object or a ref
     * @return a new query
     */
    public TimelineQuery targetTypeOf(Object instance) {
        return withTargetType(timelines.sequere().ref(instance).type());
    }

    /**
     * Latest actions first (the default).
     *
     * @return a new query
     */
    public TimelineQuery newestFirst() {
        return new TimelineQuery(timelines, owner, base, reader, verb, targetType, Order.NEWEST_FIRST);
    }

    /**
     * Earliest actions first.
     *
     * @return a new query
     */
    public TimelineQuery oldestFirst() {
        return new TimelineQuery(timelines, owner, base, reader, verb, targetType, Order.OLDEST_FIRST);
    }

    /**
     * The exact number of actions this query lists.
     *
     * @return the count
     */
    public long count() {
        timelines.enforceBounds(key());
        if (scans()) {
            return scanCount(Long.MIN_VALUE);
        }
        FeedKey key = key();
        return timelines.engine().withRetry(() -> timelines.feeds().count(key));
    }

    /**
     * How many of them are newer than the owner's read marker (all of them when never marked;
     * the global timeline has no reader, so all of its actions count as unread).
     *
     * @return the unread count
     */
    public long unreadCount() {
        if (reader == null) {
            return count();
        }
        OptionalLong marker = timelines.engine().withRetry(() -> timelines.readMarkers().micros(reader));
        if (marker.isEmpty()) {
            return count();
        }
        timelines.enforceBounds(key());
        if (scans()) {
            return scanCount(marker.getAsLong());
        }
        FeedKey key = key();
        return timelines.engine().withRetry(() -> timelines.feeds().countNewer(key, marker.getAsLong()));
    }

    /**
     * The first page, actors and targets loaded.
     *
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     */
    public Page<TimelineItem> page(int limit) {
        return page(null, limit);
    }

    /**
     * The page after a cursor, actors and targets loaded with one loader call per type. Actions
     * whose actor or target no longer exists are skipped and reported to listeners, so a page
     * may be shorter than {@code limit} while {@link Page#hasNext()} is still true; so may a
     * filtered page of a timeline without filter feeds that reached the filter scan limit.
     *
     * @param cursor a cursor of a previous page of the same query, or {@code null} to start
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     * @throws dev.sequere.InvalidCursorException when the cursor belongs elsewhere or is damaged
     * @throws dev.sequere.RegistrationException when an actor or target type has no loader
     */
    public Page<TimelineItem> page(@Nullable String cursor, int limit) {
        Slice slice = fetch(cursor, limit);
        return new Page<>(timelines.resolve(actionsOf(slice)), slice.nextCursor);
    }

    /**
     * The first page of actions, nothing loaded.
     *
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     */
    public Page<Action> actions(int limit) {
        return actions(null, limit);
    }

    /**
     * The page after a cursor as stored actions, without loading actors or targets (no loader
     * needed). Shorter pages with a next one: as for {@link #page(String, int)}.
     *
     * @param cursor a cursor of a previous page of the same query, or {@code null} to start
     * @param limit how many items at most, 1 to {@value #MAX_LIMIT}
     * @return the page
     */
    public Page<Action> actions(@Nullable String cursor, int limit) {
        Slice slice = fetch(cursor, limit);
        return new Page<>(actionsOf(slice), slice.nextCursor);
    }

    /**
     * Every item of this query, read lazily page by page (actors and targets loaded per page),
     * for a walk over a whole timeline without a hand-written cursor loop.
     *
     * @param pageSize items per page read, 1 to {@value #MAX_LIMIT}
     * @return a sequential stream, in this query's order
     */
    public java.util.stream.Stream<TimelineItem> stream(int pageSize) {
        checkLimit(pageSize);
        return dev.sequere.Pages.stream(cursor -> page(cursor, pageSize));
    }

    /**
     * Every action of this query, read lazily page by page, nothing loaded.
     *
     * @param pageSize actions per page read, 1 to {@value #MAX_LIMIT}
     * @return a sequential stream, in this query's order
     */
    public java.util.stream.Stream<Action> streamActions(int pageSize) {
        checkLimit(pageSize);
        return dev.sequere.Pages.stream(cursor -> actions(cursor, pageSize));
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    private List<Action> actionsOf(Slice slice) {
        if (slice.bodies == null) {
            return timelines.actions(slice.entries);
        }
        List<String> ids = new ArrayList<>(slice.entries.size());
        slice.entries.forEach(e -> ids.add(e.id()));
        return ActionCodec.decodeAll(ids, slice.bodies);
    }

    private TimelineQuery withTargetType(String type) {
        return new TimelineQuery(timelines, owner, base, reader, verb, type, order);
    }

    /** Whether this query filters a timeline that keeps no filter feeds, so it reads the base feed. */
    private boolean scans() {
        return (verb != null || targetType != null) && !timelines.names().hasFilterFeeds(base);
    }

    private @Nullable String verbName() {
        return verb == null ? null : verb.name();
    }

    private FeedKey key() {
        return new FeedKey(owner, scans() ? base : timelines.names().filtered(base, verbName(), targetType));
    }

    /** Counts the matching entries with a score above {@code above}, newest first, in chunks. */
    private long scanCount(long above) {
        FeedKey key = key();
        String verbName = verbName();
        long count = 0;
        @Nullable FeedEntry after = null;
        while (true) {
            FeedQuery query = new FeedQuery(Order.NEWEST_FIRST, after, SCAN_CHUNK);
            List<FeedEntry> entries = timelines.engine().withRetry(() -> timelines.feeds().page(key, query));
            int newer = 0;
            while (newer < entries.size() && entries.get(newer).score() > above) {
                newer++;
            }
            Map<String, String> bodies = bodies(entries.subList(0, newer));
            for (String body : bodies.values()) {
                if (ActionCodec.matches(body, verbName, targetType)) {
                    count++;
                }
            }
            if (newer < entries.size() || entries.size() < SCAN_CHUNK) {
                return count;
            }
            after = entries.get(entries.size() - 1);
        }
    }

    private Slice fetch(@Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        // Scoped by the filter, not by the feed read, so a cursor survives a change of FilterFeeds mode.
        String scope = owner.type() + "/" + owner.id() + "/" + timelines.names().filtered(base, verbName(), targetType);
        FeedEntry after = cursor == null ? null : TimelineCursors.decode(cursor, scope, order);
        timelines.enforceBounds(key());
        if (scans()) {
            return scan(scope, after, limit);
        }
        FeedKey key = key();
        // One extra entry tells whether a next page exists without another round trip.
        FeedQuery query = new FeedQuery(order, after, limit + 1);
        List<FeedEntry> entries = timelines.engine().withRetry(() -> timelines.feeds().page(key, query));
        if (entries.size() <= limit) {
            return new Slice(entries, null);
        }
        List<FeedEntry> kept = entries.subList(0, limit);
        return new Slice(kept, TimelineCursors.encode(scope, order, kept.get(limit - 1)));
    }

    /**
     * A filtered page read from the base feed: reads chunks until {@code limit + 1} entries match
     * (so the page knows it has a next one), the feed ends, or the scan limit is reached; in the
     * last case the page is shorter and its cursor is the last entry read, not the last returned.
     */
    private Slice scan(String scope, @Nullable FeedEntry after, int limit) {
        FeedKey key = key();
        String verbName = verbName();
        int budget = timelines.filterScanLimit();
        List<FeedEntry> matched = new ArrayList<>(limit + 1);
        // Kept for the page, so the actions it returns are not read a second time.
        Map<String, String> matchedBodies = new HashMap<>();
        @Nullable FeedEntry position = after;
        int read = 0;
        // Start small (a common verb fills the page at once), grow for rare ones.
        int chunk = Math.min(SCAN_CHUNK, 2 * (limit + 1));
        while (read < budget) {
            int size = Math.min(chunk, budget - read);
            FeedQuery query = new FeedQuery(order, position, size);
            List<FeedEntry> entries = timelines.engine().withRetry(() -> timelines.feeds().page(key, query));
            Map<String, String> bodies = bodies(entries);
            for (FeedEntry entry : entries) {
                read++;
                position = entry;
                String body = bodies.get(entry.id());
                if (body != null && ActionCodec.matches(body, verbName, targetType)) {
                    matched.add(entry);
                    matchedBodies.put(entry.id(), body);
                    if (matched.size() > limit) {
                        List<FeedEntry> kept = matched.subList(0, limit);
                        return new Slice(kept, TimelineCursors.encode(scope, order, kept.get(limit - 1)), matchedBodies);
                    }
                }
            }
            if (entries.size() < size) {
                return new Slice(matched, null, matchedBodies);
            }
            chunk = Math.min(SCAN_CHUNK, chunk * 4);
        }
        return new Slice(matched, position == null ? null : TimelineCursors.encode(scope, order, position),
                matchedBodies);
    }

    /** The item bodies of entries, in one read. */
    private Map<String, String> bodies(List<FeedEntry> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        List<String> ids = new ArrayList<>(entries.size());
        entries.forEach(e -> ids.add(e.id()));
        return timelines.engine().withRetry(() -> timelines.feeds().items(ids));
    }

    /** Entries of a page, its cursor, and the bodies already read for them when filtering on read. */
    private record Slice(List<FeedEntry> entries, @Nullable String nextCursor, @Nullable Map<String, String> bodies) {
        Slice(List<FeedEntry> entries, @Nullable String nextCursor) {
            this(entries, nextCursor, null);
        }
    }

    @Override
    public String toString() {
        return base + " timeline of " + owner + (verb == null ? "" : ", verb " + verb)
                + (targetType == null ? "" : ", target type " + targetType) + ", " + order;
    }
}
