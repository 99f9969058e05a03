package dev.sequere.tck;

import dev.sequere.Ref;
import dev.sequere.event.FollowEvent;
import dev.sequere.event.SequereListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A thread-safe listener that records every event, so tests can count them.
 */
public final class RecordingListener implements SequereListener {

    /** Every follow event, in arrival order. */
    public final List<FollowEvent> followed = new CopyOnWriteArrayList<>();
    /** Every unfollow event, in arrival order. */
    public final List<FollowEvent> unfollowed = new CopyOnWriteArrayList<>();
    /** Every forgotten resource with its removed-edge count. */
    public final List<Map.Entry<Ref, Long>> forgotten = new CopyOnWriteArrayList<>();
    /** Every ref a listing could not load. */
    public final List<Ref> missing = new CopyOnWriteArrayList<>();

    /** Creates an empty recorder. */
    public RecordingListener() {
    }

    @Override
    public void onFollowed(FollowEvent event) {
        followed.add(event);
    }

    @Override
    public void onUnfollowed(FollowEvent event) {
        unfollowed.add(event);
    }

    @Override
    public void onForgotten(Ref resource, long removedEdges) {
        forgotten.add(Map.entry(resource, removedEdges));
    }

    @Override
    public void onMissingResource(Ref ref) {
        missing.add(ref);
    }
}
