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
     * Whether any bound is set.
     *
     * @return {@code true} when feeds are trimmed
     */
    public boolean bounded() {
        return keepNewest > 0 || retention != null;
    }
}
