package dev.sequere.timeline.internal.fanout;

import dev.sequere.Order;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.Job;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.internal.action.ActionCodec;
import dev.sequere.timeline.internal.feed.FeedTrimmer;
import dev.sequere.timeline.internal.job.JobControl;
import dev.sequere.timeline.internal.job.JobHandler;
import dev.sequere.timeline.internal.job.Payloads;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The job of a published action ({@value #KIND}): its actor's own timelines, then every
 * follower's private timeline, one step of followers at a time.
 *
 * <p>The payload is the action. Progress is {@value #OWN_DONE} once the own timelines are
 * written, then the last follower delivered (saved every {@code checkpointEvery}), so a job taken
 * over after a crash resumes near where it stopped. Deliveries are {@link Backend#deliver conditional} on the follow (an unfollow
 * that raced the job leaves nothing behind) and insert-if-absent (a repeated step duplicates
 * nothing). The item is stored before the job is created, so a job that finds it missing knows
 * the action was deleted: it stops, and takes back what it delivered after the delete passed.
 */
public final class FanOutJob implements JobHandler {

    /** The job kind. */
    public static final String KIND = "fanout";
    /** Progress once the actor's own timelines hold the action. */
    public static final String OWN_DONE = "own";

    private final Backend backend;
    private final StoreCalls calls;
    private final ActionFeeds feeds;
    private final FeedTrimmer trimmer;
    private final int batchSize;
    private final long checkpointNanos;

    /**
     * Creates the handler.
     *
     * @param backend the storage
     * @param calls storage calls under the retry policy
     * @param feeds which feeds hold an action
     * @param trimmer applies bounds to what is written
     * @param batchSize followers per step
     * @param checkpointEvery how often a running fan-out saves its progress (and renews its lease)
     *     and checks that its action still exists: a fraction of the lease, so that the per-step
     *     cost stays small and a taken-over job redoes at most that much (harmlessly)
     */
    public FanOutJob(Backend backend, StoreCalls calls, ActionFeeds feeds, FeedTrimmer trimmer, int batchSize,
            java.time.Duration checkpointEvery) {
        this.backend = backend;
        this.calls = calls;
        this.feeds = feeds;
        this.trimmer = trimmer;
        this.batchSize = batchSize;
        this.checkpointNanos = checkpointEvery.toNanos();
    }

    /**
     * Writes an action to its actor's own timelines (the synchronous part of a publish), taking it
     * back if the action was deleted meanwhile.
     *
     * @param action the action
     */
    public void writeOwn(Action action) {
        FeedEntry entry = ActionCodec.entry(action);
        List<FeedKey> keys = feeds.ownKeys(action);
        calls.call(() -> backend.feeds().add(entry, keys));
        calls.call(() -> trimmer.afterWrite(keys));
        if (!alive(action)) {
            // A delete ran meanwhile and may have passed our feeds before we wrote them.
            calls.call(() -> backend.feeds().remove(action.id(), keys));
        }
    }

    @Override
    public void run(Job job, JobControl control) {
        Action action = ActionCodec.decode(job.payload());
        String progress = job.progress();
        if (progress == null) {
            if (!alive(action)) {
                return;
            }
            writeOwn(action);
        }
        FeedEntry entry = ActionCodec.entry(action);
        List<String> names = feeds.privateNames(action);
        @Nullable Edge after = progress == null || progress.equals(OWN_DONE) ? null : Payloads.edge(progress);
        long lastCheck = System.nanoTime();
        while (true) {
            @Nullable Edge from = after;
            FanOutStep step = trimmer.active() ? walkStep(action, entry, names, from)
                    : calls.call(() -> backend.fanOutStep(action.actor(), names, entry, from, batchSize));
            control.delivered(step.delivered());
            if (step.last() == null) {
                break;
            }
            after = step.last();
            if (System.nanoTime() - lastCheck >= checkpointNanos) {
                // Not after every step: two more round trips per step would cost a big fan-out a
                // third of its time. A delete stops the walk here; the check at the end cleans up.
                control.checkpoint(job, Payloads.edge(after));
                if (!alive(action)) {
                    break;
                }
                lastCheck = System.nanoTime();
            }
        }
        if (!alive(action)) {
            // Deleted while delivering: the delete may have passed followers before we did.
            removeFromFollowers(action);
        }
    }

    /** A step that lists the followers itself, because bounds need each feed written by name. */
    private FanOutStep walkStep(Action action, FeedEntry entry, List<String> names, @Nullable Edge after) {
        EdgeQuery query = new EdgeQuery(null, Order.OLDEST_FIRST, after, batchSize);
        List<Edge> batch = calls.call(() -> backend.follows().page(action.actor(), Direction.FOLLOWERS, query));
        if (batch.isEmpty()) {
            return new FanOutStep(0, null);
        }
        List<FeedKey> keys = new ArrayList<>(batch.size() * names.size());
        for (Edge edge : batch) {
            for (String name : names) {
                keys.add(new FeedKey(edge.ref(), name));
            }
        }
        long delivered = calls.call(() -> backend.deliver(action.actor(), List.of(new Delivery(entry, keys))));
        calls.call(() -> trimmer.afterWrite(keys));
        return new FanOutStep(delivered, batch.size() < batchSize ? null : batch.get(batch.size() - 1));
    }

    /**
     * Removes an action from the private timelines (and filter feeds) of every current follower
     * of its actor.
     *
     * @param action the action
     * @return how many entries were removed
     */
    public long removeFromFollowers(Action action) {
        long removed = 0;
        for (String name : feeds.privateNames(action)) {
            removed += calls.call(() -> backend.fanOutRemove(action.actor(), name, action.id(), batchSize));
        }
        return removed;
    }

    private boolean alive(Action action) {
        return !calls.call(() -> backend.feeds().items(List.of(action.id()))).isEmpty();
    }
}
