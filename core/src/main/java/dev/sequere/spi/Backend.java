package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import java.util.ArrayList;
import java.util.Collection;
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
     * The durable work queue in which the timeline records fan-outs, imports, removals and
     * deletes before it runs them, so that another process finishes what a dead one started.
     * A process-local backend returns a {@link LocalJobStore}.
     *
     * @return the job store; the same instance on every call
     */
    JobStore jobs();

    /**
     * Adds entries to feeds <b>only where the feed's owner follows {@code source}</b> at the moment
     * of the write (conditional delivery): a fan-out or an import never lands in the timeline of
     * someone who has just unfollowed.
     *
     * <p>The check and the write are one atomic step per owner with respect to {@link #purge}: once
     * {@code unfollow(owner, source)} has returned, a later {@code purge(owner, source, ...)} sees
     * (and removes) every entry that a delivery which still saw the follow wrote. This is what lets
     * several processes follow, unfollow and fan out concurrently without leaving stale entries.
     * Insert-if-absent like {@link FeedStore#add}.
     *
     * <p>The default serialises per owner on a lock of this JVM: correct for process-local
     * backends only. Backends shared between processes override it with the store's own means (a
     * script in the owner's slot, a row lock).
     *
     * @param source whose entries these are (the actor)
     * @param deliveries the entries and the feeds that should receive them
     * @return how many feeds newly received an entry
     */
    default long deliver(Ref source, List<Delivery> deliveries) {
        long added = 0;
        for (Delivery delivery : deliveries) {
            for (FeedKey feed : delivery.feeds()) {
                added += DeliveryLocks.LOCAL.call(feed.owner(), () -> follows().exists(feed.owner(), source)
                        ? feeds().add(delivery.entry(), List.of(feed)) : 0L);
            }
        }
        return added;
    }

    /**
     * Removes entries from the feeds named {@code feedNames} of {@code follower}, <b>only if
     * {@code follower} does not follow {@code source}</b> at that moment: the cleanup after an
     * unfollow, which a concurrent re-follow must not undo. Atomic per owner with respect to
     * {@link #deliver} (see there).
     *
     * @param follower whose feeds to clean
     * @param source the resource it stopped following
     * @param entryIds the entries to remove
     * @param feedNames the names of {@code follower}'s feeds to remove them from
     * @return how many entries were removed, 0 when {@code follower} follows {@code source}
     * @throws dev.sequere.InvalidArgumentException when a feed name or an entry id is invalid,
     *     whether or not {@code follower} follows {@code source}
     */
    default long purge(Ref follower, Ref source, Collection<String> entryIds, Collection<String> feedNames) {
        // Checked before the follow is looked at, so that bad input fails whatever the graph's state.
        feedNames.forEach(FeedKey::requireValidName);
        entryIds.forEach(id -> Ref.requireValidId(id, "entry id"));
        if (entryIds.isEmpty() || feedNames.isEmpty()) {
            return 0;
        }
        return DeliveryLocks.LOCAL.call(follower, () -> {
            if (follows().exists(follower, source)) {
                return 0L;
            }
            long removed = 0;
            for (String name : feedNames) {
                removed += feeds().removeEntries(new FeedKey(follower, name), entryIds);
            }
            return removed;
        });
    }

    /**
     * One resumable step of a fan-out: {@link #deliver delivers} {@code entry} to the feeds named
     * {@code feedNames} of the followers of {@code source} that come after {@code after} in
     * oldest-first order, {@code limit} followers at most. A fan-out job saves the returned
     * position after each step, so a job taken over after a crash resumes there.
     *
     * @param source whose followers receive the entry
     * @param feedNames the names of each follower's feeds to write
     * @param entry the entry
     * @param after the last follower of the previous step, or {@code null} to start
     * @param limit how many followers at most, at least 1
     * @return what was delivered and where the next step starts
     */
    default FanOutStep fanOutStep(Ref source, List<String> feedNames, FeedEntry entry, @Nullable Edge after,
            int limit) {
        if (limit < 1) {
            throw new InvalidArgumentException("limit must be at least 1, was " + limit);
        }
        feedNames.forEach(FeedKey::requireValidName);
        List<Edge> batch = follows().page(source, Direction.FOLLOWERS,
                new EdgeQuery(null, Order.OLDEST_FIRST, after, limit));
        if (batch.isEmpty()) {
            return new FanOutStep(0, null);
        }
        List<FeedKey> keys = new ArrayList<>(batch.size() * feedNames.size());
        for (Edge edge : batch) {
            for (String name : feedNames) {
                keys.add(new FeedKey(edge.ref(), name));
            }
        }
        long delivered = deliver(source, List.of(new Delivery(entry, keys)));
        return new FanOutStep(delivered, batch.size() < limit ? null : batch.get(batch.size() - 1));
    }

    /**
     * How many followers a {@link #fanOutStep} should cover when the application did not choose:
     * the size at which this backend's per-step cost (a transaction, a lock, a script call) is
     * small beside the deliveries, without holding the store for long.
     *
     * @return followers per step; 1 000 by default
     */
    default int fanOutStepSize() {
        return 1_000;
    }

    /**
     * Completes multi-step writes that a crash interrupted (e.g. the second side of a follow on
     * Redis Cluster). Workers call it now and then; after it returns, every write acknowledged
     * before the call is complete on every side.
     *
     * @return how many interrupted writes were completed
     */
    default long repair() {
        return 0;
    }

    /**
     * Completes an interrupted multi-step write of one pair now: after it returns, both sides of
     * the follow agree with the follower's side. The timeline calls it before it imports or
     * purges, so that a follow cut between its two sides (a Redis Cluster master down, a crash)
     * is not missed by later fan-outs, which walk the followee's side.
     *
     * @param follower the follower
     * @param followee the followee
     * @return how many sides changed
     */
    default long repair(Ref follower, Ref followee) {
        return 0;
    }

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
