package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Edge;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.ActionIds;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.feed.FilterFeeds;
import dev.sequere.timeline.internal.action.ActionCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The publish path before fan-out became durable, rebuilt from the SPI calls it made: store the
 * item ({@code putItem}), add the entry to the actor's own feeds in one {@code FeedStore.add},
 * then the backend's native {@code fanOut} to every follower's private feed (unconditional: no
 * follow check, no job record, no checkpoints). It is the "today's in-process fan-out" baseline of
 * issue 11, which the timeline module no longer has.
 */
final class InProcessPublish {

    private final Backend backend;
    private final FeedNames names;
    private final int batchSize;
    private final ActionIds ids = new ActionIds(Clock.systemUTC());

    InProcessPublish(Backend backend, FilterFeeds mode, int batchSize) {
        this.backend = backend;
        this.names = new FeedNames(mode);
        this.batchSize = batchSize;
    }

    /** A fresh action of {@code actor} as {@code Timelines.publish} would make it. */
    Action action(Ref actor, Verb verb, Ref target) {
        return new Action(ids.get(), actor, verb, target, Clock.systemUTC().instant(), Map.of());
    }

    /**
     * Publishes like the in-process path did.
     *
     * @return how many follower feeds newly received the entry
     */
    long publish(Ref actor, Verb verb, Ref target) {
        Action action = action(actor, verb, target);
        storeOwn(action);
        return fanOut(action);
    }

    /** The synchronous part: the item, then the actor's own feeds in one {@code FeedStore.add}. */
    void storeOwn(Action action) {
        backend.feeds().putItem(action.id(), ActionCodec.encode(action));
        List<FeedKey> own = new ArrayList<>(8);
        names.keys(action.actor(), FeedNames.PRIVATE, action, own);
        names.keys(action.actor(), FeedNames.PUBLIC, action, own);
        backend.feeds().add(ActionCodec.entry(action), own);
    }

    /**
     * The part the in-process path handed to its executor: the native fan-out to each private feed
     * name (one in the default mode).
     *
     * @return how many follower feeds newly received the entry
     */
    long fanOut(Action action) {
        FeedEntry entry = ActionCodec.entry(action);
        long delivered = 0;
        for (String name : names.of(FeedNames.PRIVATE, action)) {
            delivered += backend.fanOut(action.actor(), name, entry, batchSize);
        }
        return delivered;
    }

    /**
     * The durable path's deliveries without its job: {@code Backend.fanOutStep} (conditional
     * delivery) from the first follower to the last, {@code batchSize} per step, no job record,
     * no checkpoints, no own feeds. Between {@link #rawFanOut} and a durable publish, it tells the
     * cost of conditional delivery apart from the cost of the job's bookkeeping.
     *
     * @return how many follower feeds newly received the entry
     */
    long steps(Ref actor, Verb verb, Ref target) {
        FeedEntry entry = ActionCodec.entry(action(actor, verb, target));
        List<String> feedNames = List.of(FeedNames.PRIVATE);
        long delivered = 0;
        Edge after = null;
        do {
            FanOutStep step = backend.fanOutStep(actor, feedNames, entry, after, batchSize);
            delivered += step.delivered();
            after = step.last();
        } while (after != null);
        return delivered;
    }

    /**
     * The raw baseline: {@code Backend.fanOut} alone of an entry like a published action's.
     *
     * @return how many follower feeds newly received the entry
     */
    long rawFanOut(Ref actor, Verb verb, Ref target) {
        return backend.fanOut(actor, FeedNames.PRIVATE, ActionCodec.entry(action(actor, verb, target)), batchSize);
    }
}
