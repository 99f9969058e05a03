package dev.sequere.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Generic, timeline-agnostic storage of feeds and of the items they point to.
 *
 * <p>A feed ({@link FeedKey}) is a set of {@link FeedEntry entries}, unique by entry id and
 * totally ordered by {@code (score, id)}. An item is a small body (a string of at most
 * {@value #MAX_ITEM_BODY_BYTES} UTF-8 bytes) stored once under an id; many feeds reference it by
 * holding an entry with that id. The timeline module builds actions and timelines on these two
 * pieces; nothing here knows about actions.
 *
 * <h2>Contract (checked by {@code dev.sequere.tck.FeedStoreContract})</h2>
 * <ul>
 *   <li>Adding is insert-if-absent: adding an entry a feed already holds changes nothing, not
 *       even its score, so a retried delivery never duplicates or reorders.</li>
 *   <li>Counts are exact. Pages are keyset pages over {@code (score, id)} with the same
 *       guarantees as follow listings.</li>
 *   <li>Every method is atomic per feed; {@link #add} and {@link #remove} over many feeds are
 *       atomic per feed, not across feeds.</li>
 * </ul>
 */
public interface FeedStore {

    /** Largest item body every backend accepts, in UTF-8 bytes. */
    int MAX_ITEM_BODY_BYTES = 65_535;

    /**
     * Stores an item body under an id if no item has that id yet.
     *
     * @param itemId the id, validated like a {@link dev.sequere.Ref} id
     * @param body the body, at most {@value #MAX_ITEM_BODY_BYTES} UTF-8 bytes
     * @return {@code true} if stored by this call, {@code false} if the id was taken (the stored
     *     body is left unchanged)
     */
    boolean putItem(String itemId, String body);

    /**
     * Reads item bodies.
     *
     * @param itemIds the ids to read
     * @return the bodies found, by id; ids with no item are absent from the map
     */
    Map<String, String> items(Collection<String> itemIds);

    /**
     * Deletes an item body (feeds that reference it are not touched).
     *
     * @param itemId the id
     * @return {@code true} if an item was removed
     */
    boolean removeItem(String itemId);

    /**
     * Adds one entry to many feeds.
     *
     * @param entry the entry
     * @param feeds the feeds to add it to
     * @return how many of those feeds did not hold it before
     */
    long add(FeedEntry entry, Collection<FeedKey> feeds);

    /**
     * Removes one entry from many feeds.
     *
     * @param entryId the entry id
     * @param feeds the feeds to remove it from
     * @return how many of those feeds held it
     */
    long remove(String entryId, Collection<FeedKey> feeds);

    /**
     * Removes many entries from one feed.
     *
     * @param feed the feed
     * @param entryIds the entry ids
     * @return how many were there and got removed
     */
    long removeEntries(FeedKey feed, Collection<String> entryIds);

    /**
     * The score of an entry in a feed.
     *
     * @param feed the feed
     * @param entryId the entry id
     * @return its score, or empty when the feed does not hold it
     */
    OptionalLong score(FeedKey feed, String entryId);

    /**
     * One keyset page of a feed.
     *
     * @param feed the feed
     * @param query order, position, size
     * @return at most {@code query.limit()} entries, strictly after {@code query.after()}
     */
    List<FeedEntry> page(FeedKey feed, FeedQuery query);

    /**
     * Exact number of entries in a feed.
     *
     * @param feed the feed
     * @return the count
     */
    long count(FeedKey feed);

    /**
     * Number of entries with a score strictly greater than {@code score} (unread counts).
     *
     * @param feed the feed
     * @param score the exclusive lower bound
     * @return the count
     */
    long countNewer(FeedKey feed, long score);

    /**
     * Keeps only the {@code keep} highest entries of a feed.
     *
     * @param feed the feed
     * @param keep how many newest entries to keep, at least 0
     * @return how many were removed
     */
    long trim(FeedKey feed, int keep);

    /**
     * Removes entries with a score strictly lower than {@code score} (retention windows).
     *
     * @param feed the feed
     * @param score the exclusive upper bound of what is removed
     * @return how many were removed
     */
    long removeOlderThan(FeedKey feed, long score);

    /**
     * Removes every entry of a feed.
     *
     * @param feed the feed
     * @return how many were removed
     */
    long clear(FeedKey feed);
}
