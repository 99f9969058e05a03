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
