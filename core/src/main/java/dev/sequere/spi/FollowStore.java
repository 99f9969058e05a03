package dev.sequere.spi;

import dev.sequere.Ref;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The follow graph over {@link Ref}s: the storage half of following.
 *
 * <h2>Contract (checked by the conformance kit, {@code dev.sequere.tck.FollowStoreContract})</h2>
 * <ul>
 *   <li>An edge {@code follower -> followee} exists at most once. {@link #follow} and
 *       {@link #unfollow} are idempotent and atomic, and their return value says whether this
 *       call changed the state; under concurrent calls on the same pair exactly one caller sees
 *       {@code true} per actual change. No check-then-write.</li>
 *   <li>Both directions (the follower's followings, the followee's followers) change together:
 *       a reader never sees an edge in one direction that the other direction denies for longer
 *       than the operation takes, and when all writers are done both agree.</li>
 *   <li>Counts are exact: derived from the stored edges or kept in the same atomic step, never
 *       drifting, never negative; per type too.</li>
 *   <li>Listings are totally ordered by {@code (since, ref)}; ties on {@code since} are broken by
 *       the ref in an order of the backend's choosing that never changes between calls, and
 *       {@link Direction#FRIENDS} uses the subject's own follow time. Keyset paging with
 *       {@link EdgeQuery#after()} never repeats or skips an edge that exists for the whole walk,
 *       whatever is written between pages.</li>
 *   <li>Ids are stored exactly: any id {@link Ref} accepts round-trips and never collides with
 *       another resource's data, whatever separator or query syntax it holds.</li>
 *   <li>Time is kept at microsecond precision at least.</li>
 * </ul>
 *
 * <p>Relationship states beyond "follows" (blocks, pending follow requests) will come as a
 * separate optional ability of {@link Backend}, not as new methods here, so that existing
 * backends keep compiling and declare what they support.
 */
public interface FollowStore {

    /**
     * Adds the edge {@code follower -> followee} if absent.
     *
     * @param follower who follows
     * @param followee who is followed
     * @param since the time to record, already truncated to microseconds
     * @return {@code true} if the edge was created by this call, {@code false} if it existed (its
     *     time is then left unchanged)
     */
    boolean follow(Ref follower, Ref followee, Instant since);

    /**
     * Removes the edge {@code follower -> followee} if present.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return {@code true} if this call removed it
     */
    boolean unfollow(Ref follower, Ref followee);

    /**
     * Whether the edge exists.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return {@code true} if {@code follower} follows {@code followee}
     */
    boolean exists(Ref follower, Ref followee);

    /**
     * When {@code follower} started following {@code followee}.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return the recorded time, or empty when there is no such edge
     */
    Optional<Instant> since(Ref follower, Ref followee);

    /**
     * Exact number of items the listing {@code (subject, direction, type)} holds.
     *
     * @param subject whose relation to count
     * @param direction which relation
     * @param type only this type name, or {@code null} for all types
     * @return the count, never negative
     */
    long count(Ref subject, Direction direction, @Nullable String type);

    /**
     * One keyset page of a listing.
     *
     * @param subject whose relation to list
     * @param direction which relation
     * @param query filter, order, position and size
     * @return at most {@code query.limit()} edges in {@code query.order()}, all strictly after
     *     {@code query.after()}
     */
    List<Edge> page(Ref subject, Direction direction, EdgeQuery query);

    /**
     * Removes every edge from and to {@code subject} (account deletion).
     *
     * @param subject the resource to forget
     * @return how many edges were removed (a self-follow counts once)
     */
    long removeAll(Ref subject);
}
