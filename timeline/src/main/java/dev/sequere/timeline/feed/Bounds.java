package dev.sequere.timeline.feed;

import dev.sequere.InvalidArgumentException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How long timeline feeds may grow: keep the newest {@code keepNewest} entries and/or drop
 * entries older than {@code retention}.
 *
 * <p>Bounds are applied on the write path with the feed store's range deletions
 * ({@code trim}, {@code removeOlderThan}), which cost O(log n + removed), never a scan. A
 * delivery trims the feeds it wrote; with {@code trimEvery} above 1 only about one delivery in
 * {@code trimEvery} trims a given feed, which divides the extra calls of a big fan-out by that
 * much and lets a feed overshoot the bound by a few entries between two trims. Reads apply the
 * bounds exactly: a page or a count first trims the feed it reads (two range deletions), so an
 * entry past the retention window or the count bound is never returned or counted, whether or
 * not the feed was written since it fell out.
 *
 * @param keepNewest entries kept per feed, or 0 for no count bound
 * @param retention age beyond which entries are dropped, or {@code null} for none
 * @param trimEvery 1 to trim on every write, {@code k} to trim on about one write in {@code k}
 */
public record Bounds(int keepNewest, @Nullable Duration retention, int trimEvery) {

    /** No bound: feeds grow until actions are deleted. */
    public static final Bounds NONE = new Bounds(0, null, 1);

    /** Validates the bounds. */
    public Bounds {
        if (keepNewest < 0) {
            throw new InvalidArgumentException("keepNewest must be 0 (unbounded) or more, was " + keepNewest);
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new InvalidArgumentException("retention must be positive, was " + retention);
        }
        if (trimEvery < 1) {
            throw new InvalidArgumentException("trimEvery must be at least 1, was " + trimEvery);
        }
    }

    /**
     * Keep the newest {@code entries} of every feed, trimmed on every write.
     *
     * @param entries at least 1
     * @return the bounds; add a window with {@link #andRetention(Duration)}
     */
    public static Bounds keepNewest(int entries) {
        if (entries < 1) {
            throw new InvalidArgumentException("keepNewest must be at least 1, was " + entries);
        }
        return new Bounds(entries, null, 1);
    }

    /**
     * Drop entries older than {@code window}, on every write and read.
     *
     * @param window a positive duration
     * @return the bounds; add a count bound with {@link #andKeepNewest(int)}
     */
    public static Bounds retention(Duration window) {
        if (window == null) {
            throw new InvalidArgumentException("retention must not be null");
        }
        return new Bounds(0, window, 1);
    }

    /**
     * These bounds with a retention window too.
     *
     * @param window a positive duration
     * @return new bounds
     */
    public Bounds andRetention(Duration window) {
        if (window == null) {
            throw new InvalidArgumentException("retention must not be null");
        }
        return new Bounds(keepNewest, window, trimEvery);
    }

    /**
     * These bounds with a count bound too.
     *
     * @param entries at least 1
     * @return new bounds
     */
    public Bounds andKeepNewest(int entries) {
        if (entries < 1) {
            throw new InvalidArgumentException("keepNewest must be at least 1, was " + entries);
        }
        return new Bounds(entries, retention, trimEvery);
    }

    /**
     * These bounds, trimmed on about one write in {@code writes} per feed (fewer calls on big
     * fan-outs; feeds overshoot by a few entries between trims, which reads never show).
     *
     * @param writes at least 1
     * @return new bounds
     */
    public Bounds trimmedEvery(int writes) {
        return new Bounds(keepNewest, retention, writes);
    }

    /**
     * Whether any bound is set.
     *
     * @return {@code true} when feeds are trimmed
     */
    public boolean bounded() {
        return keepNewest > 0 || retention != null;
    }
}
