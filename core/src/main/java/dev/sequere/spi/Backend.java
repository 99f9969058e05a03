package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A storage backend: a {@link FollowStore} and a {@link FeedStore} over the same storage, plus
 * compound operations a backend may run natively (a set-based SQL statement, a Redis pipeline).
 * The compound operations have default implementations built on the two stores, so a minimal
 * backend only implements the stores.
 *
 * <p>Optional abilities added later (blocks, pending follow requests) will be separate
 * interfaces a backend may also implement, discovered with {@code instanceof}, so that this
 * interface stays small and existing backends keep compiling.
 */
public interface Backend extends AutoCloseable {

    /** Followers read per batch by the default {@link #fanOut} when the caller gives none. */
    int DEFAULT_FAN_OUT_BATCH = 1_000;

    /**
     * The follow graph.
     *
     * @return the follow store; the same instance on every call
     */
    FollowStore follows();

    /**
     * Feeds and items.
     *
     * @return the feed store; the same instance on every call
     */
    FeedStore feeds();

    /**
     * What this backend can do beyond the SPI contract.
     *
     * @return the declared capabilities
     */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Adds {@code entry} to the feed named {@code feedName} of every follower of {@code source}
     * (fan-out on write). Idempotent: a follower whose feed already holds the entry is not
     * counted again. Followers that arrive or leave while it runs may or may not get it.
     *
     * @param source whose followers receive the entry
     * @param feedName the name of the followers' feed to write
     * @param entry the entry to add
     * @param batchSize how many followers to read and write per step
     * @return how many feeds newly received the entry
     */
    default long fanOut(Ref source, String feedName, FeedEntry entry, int batchSize) {
        FeedKey.requireValidName(feedName);
        return forEachFollowerFeedBatch(source, feedName, batchSize, feeds -> feeds().add(entry, feeds));
    }

    /**
     * Removes the entry {@code entryId} from the feed named {@code feedName} of every current
     * follower of {@code source}.
     *
     * @param source whose followers lose the entry
     * @param feedName the name of the followers' feed
     * @param entryId the entry to remove
     * @param batchSize how many followers to read and write per step
     * @return how many feeds held the entry and lost it
     */
    default long fanOutRemove(Ref source, String feedName, String entryId, int batchSize) {
        FeedKey.requireValidName(feedName);
        Ref.requireValidId(entryId, "entry id");
        return forEachFollowerFeedBatch(source, feedName, batchSize, feeds -> feeds().remove(entryId, feeds));
    }

    /**
     * Releases the backend's resources (pools it created, threads). Closing a backend built on
     * a resource the application passed in (a {@code DataSource}, a {@code UnifiedJedis}) does
     * not close that resource.
     */
    @Override
    default void close() {
    }

    /** Walks the followers of {@code source} oldest first, one keyset page per batch. */
    private long forEachFollowerFeedBatch(Ref source, String feedName, int batchSize,
            ToLongFunction<List<FeedKey>> action) {
        if (batchSize < 1) {
            throw new InvalidArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        long total = 0;
        @Nullable Edge after = null;
        while (true) {
            List<Edge> batch = follows().page(source, Direction.FOLLOWERS,
                    new EdgeQuery(null, Order.OLDEST_FIRST, after, batchSize));
            if (batch.isEmpty()) {
                return total;
            }
            List<FeedKey> feeds = new ArrayList<>(batch.size());
            for (Edge edge : batch) {
                feeds.add(new FeedKey(edge.ref(), feedName));
            }
            total += action.applyAsLong(feeds);
            if (batch.size() < batchSize) {
                return total;
            }
            after = batch.get(batch.size() - 1);
        }
    }
}
