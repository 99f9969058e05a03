package dev.sequere.timeline;

import dev.sequere.Ref;
import dev.sequere.timeline.action.Action;

/**
 * Receives what the timeline module did and could not do. Every method has an empty default.
 * Methods may be called on fan-out threads; exceptions they throw are logged and ignored.
 */
public interface TimelineListener {

    /**
     * A new action was published: stored, written to its actor's own timelines, and its fan-out
     * scheduled (which may still be running). Called once per action, on the publishing thread;
     * publishing an id that is already stored does not call it again.
     *
     * @param action the stored action
     */
    default void onPublished(Action action) {
    }

    /**
     * A listing skipped an action because its actor or target no longer exists.
     *
     * @param action the skipped action
     * @param missing the actor or target the loader did not return
     */
    default void onActionSkipped(Action action, Ref missing) {
    }

    /**
     * An attempt at the fan-out of an action failed after its retries; some followers may lack it
     * for now. The job stays in the store: a worker retries it (after 1 s, 2 s, 4 s...), and
     * publishing the same action again (same id) completes it at once.
     *
     * @param action the action
     * @param error the last failure
     */
    default void onFanOutFailed(Action action, Throwable error) {
    }

    /**
     * Making a follower's private timeline agree with a follow or unfollow (the import or the
     * removal) failed; the job stays in the store and a worker retries it.
     *
     * @param follower the follower
     * @param followee the followed or unfollowed resource
     * @param error the failure
     */
    default void onFollowSyncFailed(Ref follower, Ref followee, Throwable error) {
    }

    /**
     * A delete failed midway; the job stays in the store and a worker finishes it.
     *
     * @param action the action being deleted
     * @param error the failure
     */
    default void onDeleteFailed(Action action, Throwable error) {
    }
}
