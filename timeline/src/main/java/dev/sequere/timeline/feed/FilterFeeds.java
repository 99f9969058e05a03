package dev.sequere.timeline.feed;

/**
 * Which timelines keep per-verb and per-target-type feeds ("filter feeds") beside their base
 * feed. A filtered query over a timeline without them reads the base feed and the actions its
 * entries point to (one item read per chunk of entries, only the verb and target type fields
 * parsed) and keeps what matches. Every mode answers every filter exactly; they differ in what
 * writes and what filtered reads cost.
 */
public enum FilterFeeds {

    /**
     * No filter feeds: filtered counts and pages read the base feed (a count is O(n) in the
     * timeline's size). Every write is one entry per feed.
     */
    NONE,

    /**
     * The default. Public and global timelines keep filter feeds (written once per action, not
     * per follower); private timelines, the ones fan-out writes, are filtered on read. Fan-out
     * then writes one entry per follower, and filtered counts of private timelines cost O(n) in
     * the timeline's size, which {@link Bounds} keep small.
     */
    PUBLIC_AND_GLOBAL,

    /**
     * Every timeline keeps filter feeds, private ones included: each delivery writes 2 to 4
     * entries (about half the fan-out rate), and filtered counts and pages of private timelines
     * are index reads. For large unbounded timelines whose filtered counts are read often.
     */
    ALL;

    /**
     * Whether timelines with this base name keep filter feeds in this mode.
     *
     * @param base {@link FeedNames#PRIVATE}, {@link FeedNames#PUBLIC} or {@link FeedNames#GLOBAL}
     * @return {@code true} when filtered queries of that timeline read filter feeds
     */
    public boolean covers(String base) {
        return switch (this) {
            case NONE -> false;
            case PUBLIC_AND_GLOBAL -> !FeedNames.PRIVATE.equals(base);
            case ALL -> true;
        };
    }
}
