package dev.sequere.event;

import dev.sequere.Ref;

/**
 * Receives what Sequere did. Every method has an empty default, so a listener implements only
 * what it needs.
 *
 * <p>Follow events fire exactly once per actual state change, after the backend has applied
 * it, on the calling thread; a no-op ({@code follow} of an existing edge) fires nothing. An
 * exception thrown by a listener is logged and does not undo the change or stop other
 * listeners.
 */
public interface SequereListener {

    /**
     * A {@code follow} or {@code unfollow} of this pair is about to be applied. Unlike the other
     * methods, an exception thrown here propagates to the caller and the change is not applied:
     * a listener records here what must happen whatever the outcome (the timeline stores a durable
     * job that makes the follower's timeline agree with the follow state, even if this process
     * dies or the backend's reply is lost).
     *
     * @param follower the follower
     * @param followee the followee
     */
    default void beforeFollowChange(Ref follower, Ref followee) {
    }

    /**
     * A {@code follow} or {@code unfollow} of this pair was attempted after
     * {@link #beforeFollowChange}: called whether it changed anything, changed nothing, or failed.
     *
     * @param follower the follower
     * @param followee the followee
     */
    default void afterFollowChange(Ref follower, Ref followee) {
    }

    /**
     * A follow was created.
     *
     * @param event who followed whom, and when
     */
    default void onFollowed(FollowEvent event) {
    }

    /**
     * A follow was removed by {@code unfollow}.
     *
     * @param event who stopped following whom, and when
     */
    default void onUnfollowed(FollowEvent event) {
    }

    /**
     * Every follow from and to a resource was removed by {@code forget}.
     *
     * @param resource the forgotten resource
     * @param removedEdges how many follows were removed
     */
    default void onForgotten(Ref resource, long removedEdges) {
    }

    /**
     * A listing met a ref whose loader no longer returned an object; the item was skipped.
     *
     * @param ref the ref that could not be loaded
     */
    default void onMissingResource(Ref ref) {
    }
}
