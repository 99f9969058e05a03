package dev.sequere.timeline.internal.fanout;

import dev.sequere.spi.Backend;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.Job;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.internal.action.ActionCodec;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.internal.job.JobControl;
import dev.sequere.timeline.internal.job.JobHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The job of a deleted action ({@value #KIND}); its payload is the action. In this order, each
 * step idempotent so that a retried or taken-over delete finishes what the first attempt began:
 * <ol>
 *   <li>mark the action deleted in its actor's {@link FeedNames#DELETED} feed, so that the
 *       cleanup after an unfollow racing this delete still finds it once it has left the public
 *       timeline;</li>
 *   <li>remove the item: deliveries and imports check it after they write and take back what
 *       they wrote;</li>
 *   <li>remove it from the private timelines of the actor's current followers;</li>
 *   <li>remove it from the actor's own timelines;</li>
 *   <li>drop marks older than {@link #MARK_RETENTION}.</li>
 * </ol>
 */
public final class DeleteJob implements JobHandler {

    /** The job kind. */
    public static final String KIND = "delete";
    /** How long deletion marks are kept: longer than any cleanup job may wait. */
    public static final Duration MARK_RETENTION = Duration.ofDays(7);

    private final Backend backend;
    private final StoreCalls calls;
    private final ActionFeeds feeds;
    private final FanOutJob fanOut;
    private final Clock clock;

    /**
     * Creates the handler.
     *
     * @param backend the storage
     * @param calls storage calls under the retry policy
     * @param feeds which feeds hold an action
     * @param fanOut removes from followers
     * @param clock dates the marks
     */
    public DeleteJob(Backend backend, StoreCalls calls, ActionFeeds feeds, FanOutJob fanOut, Clock clock) {
        this.backend = backend;
        this.calls = calls;
        this.feeds = feeds;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    @Override
    public void run(Job job, JobControl control) {
        Action action = ActionCodec.decode(job.payload());
        FeedKey marks = new FeedKey(action.actor(), FeedNames.DELETED);
        long now = EpochMicros.of(clock.instant());
        calls.call(() -> backend.feeds().add(new FeedEntry(action.id(), now), List.of(marks)));
        calls.call(() -> backend.feeds().removeItem(action.id()));
        control.checkpoint(job, "item");
        fanOut.removeFromFollowers(action);
        List<FeedKey> own = feeds.ownKeys(action);
        calls.call(() -> backend.feeds().remove(action.id(), own));
        long oldest = EpochMicros.of(clock.instant().minus(MARK_RETENTION));
        calls.call(() -> backend.feeds().removeOlderThan(marks, oldest));
    }
}
