package dev.sequere.spi;

import dev.sequere.Ref;

/**
 * One entry of a feed: an id, unique within a feed, and a score that orders the feed. Feeds are
 * totally ordered by {@code (score, id)}, ids compared in the backend's own fixed order (Redis:
 * bytes; SQL: a binary collation).
 *
 * <p>The entry is a reference: its body, if any, is stored once as an item
 * ({@link FeedStore#putItem}) under the same or another id, not copied into every feed.
 *
 * @param id the entry id, validated like a {@link Ref} id
 * @param score the sort key, typically a time in epoch microseconds; any {@code long} in
 *     {@code [-2^53, 2^53]} is exact on every backend
 */
public record FeedEntry(String id, long score) {

    /** Largest magnitude every backend stores exactly (Redis scores are doubles). */
    public static final long MAX_EXACT_SCORE = 1L << 53;

    /** Validates the entry. */
    public FeedEntry {
        Ref.requireValidId(id, "entry id");
        if (score > MAX_EXACT_SCORE || score < -MAX_EXACT_SCORE) {
            throw new dev.sequere.InvalidArgumentException("score " + score + " is outside [-2^53, 2^53], "
                    + "where some backends (Redis) would round it; use epoch microseconds or a smaller unit");
        }
    }
}
