package dev.sequere.timeline.fanout;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.ActionCodec;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.feed.FeedTrimmer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Delivers actions to the private timelines of their actor's followers.
 *
 * <p>Each published action becomes one task on the application's {@link Executor}. A task walks
 * the actor's followers in keyset batches and adds the entry to each follower's private feed
 * and its filter feeds in one {@code FeedStore.add} call per batch. When the backend declares
 * {@link Capability#NATIVE_FAN_OUT} (a set-based SQL insert, a Redis pipeline) and no bound
 * needs the followers listed for trimming, the task calls {@link Backend#fanOut} once per feed
 * name instead. Every storage call is retried with {@link RetryPolicy}; deliveries are
 * insert-if-absent by action id, so a retried batch never duplicates.
 *
 * <p>Races with the follow graph and with deletion are closed when the task ends: a follower
 * that unfollowed while the task ran is re-checked under its {@link PairLocks pair lock}, and an
 * action deleted while the task ran is removed again from every follower.
 */
public final class FanOutEngine {

    private static final System.Logger LOG = System.getLogger(FanOutEngine.class.getName());

    private final Backend backend;
    private final Executor executor;
    private final int batchSize;
    private final RetryPolicy retry;
    private final FeedNames names;
    private final FeedTrimmer trimmer;
    private final PairLocks locks;
    private final BiConsumer<Action, Throwable> onFailure;
    private final boolean nativeFanOut;

    private final Map<Ref, Set<Task>> running = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Object idle = new Object();

    /**
     * Creates the engine.
     *
     * @param backend the storage
     * @param executor runs the tasks
     * @param batchSize followers per batch, at least 1
     * @param retry the retry policy of every storage call
     * @param names the feed naming scheme
     * @param trimmer applies bounds to the feeds written
     * @param locks the pair locks shared with the follow synchronisation
     * @param onFailure told about a fan-out abandoned after its retries
     */
    public FanOutEngine(Backend backend, Executor executor, int batchSize, RetryPolicy retry, FeedNames names,
            FeedTrimmer trimmer, PairLocks locks, BiConsumer<Action, Throwable> onFailure) {
        if (batchSize < 1) {
            throw new InvalidArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.backend = backend;
        this.executor = executor;
        this.batchSize = batchSize;
        this.retry = retry;
        this.names = names;
        this.trimmer = trimmer;
        this.locks = locks;
        this.onFailure = onFailure;
        // Bounds need each follower's feeds by name, which only the batched walk has at hand.
        this.nativeFanOut = backend.capabilities().contains(Capability.NATIVE_FAN_OUT) && !trimmer.active();
    }

    /**
     * Runs a storage call under the retry policy, counting retries.
     *
     * @param call an idempotent storage call
     * @param <T> its result type
     * @return its result
     */
    public <T> T withRetry(Supplier<T> call) {
        return retry.call(call, retries);
    }

    /**
     * Schedules the delivery of an action to its actor's followers.
     *
     * @param action the action, already stored as an item
     */
    public void submit(Action action) {
        Task task = new Task(action);
        // Registered before any follower is read, so an unfollow from now on is noted.
        running.compute(action.actor(), (k, tasks) -> {
            Set<Task> set = tasks == null ? ConcurrentHashMap.newKeySet() : tasks;
            set.add(task);
            return set;
        });
        pending.incrementAndGet();
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "fan-out executor rejected a task; delivering in the caller instead", e);
            task.run();
        }
    }

    /**
     * Removes an action from the private timelines (and filter feeds) of every current follower
     * of its actor, synchronously.
     *
     * @param action the action
     * @return how many feed entries were removed
     */
    public long removeFromFollowers(Action action) {
        long removed = 0;
        for (String name : names.of(FeedNames.PRIVATE, action)) {
            removed += withRetry(() -> backend.fanOutRemove(action.actor(), name, action.id(), batchSize));
        }
        return removed;
    }

    /**
     * Tells running deliveries of {@code source} that {@code follower} left, so that they undo a
     * delivery to it that raced the unfollow.
     *
     * @param follower who unfollowed
     * @param source whom it unfollowed
     */
    public void noteUnfollowed(Ref follower, Ref source) {
        Set<Task> tasks = running.get(source);
        if (tasks != null) {
            for (Task task : tasks) {
                task.note(follower);
            }
        }
    }

    /**
     * Waits until no delivery is pending.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when idle, {@code false} on timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * The counters.
     *
     * @return a snapshot
     */
    public FanOutStats stats() {
        return new FanOutStats(pending.get(), completed.sum(), failed.sum(), delivered.sum(), retries.sum());
    }

    private boolean alive(Action action) {
        return !withRetry(() -> backend.feeds().items(List.of(action.id()))).isEmpty();
    }

    private void deliver(Action action) {
        FeedEntry entry = ActionCodec.entry(action);
        // Named once per action, not per follower: 1 name by default, up to 4 with private filter feeds.
        List<String> feedNames = names.of(FeedNames.PRIVATE, action);
        if (nativeFanOut) {
            for (String name : feedNames) {
                if (!alive(action)) {
                    return;
                }
                delivered.add(withRetry(() -> backend.fanOut(action.actor(), name, entry, batchSize)));
            }
            return;
        }
        @Nullable Edge after = null;
        while (alive(action)) {
            EdgeQuery query = new EdgeQuery(null, Order.OLDEST_FIRST, after, batchSize);
            List<Edge> batch = withRetry(() -> backend.follows().page(action.actor(), Direction.FOLLOWERS, query));
            if (batch.isEmpty()) {
                return;
            }
            List<FeedKey> keys = new ArrayList<>(batch.size() * feedNames.size());
            for (Edge edge : batch) {
                for (String name : feedNames) {
                    keys.add(new FeedKey(edge.ref(), name));
                }
            }
            delivered.add(withRetry(() -> backend.feeds().add(entry, keys)));
            withRetry(() -> trimmer.afterWrite(keys));
            if (batch.size() < batchSize) {
                return;
            }
            after = batch.get(batch.size() - 1);
        }
    }

    /** Undoes the delivery to followers that unfollowed while it ran, if they still do not follow. */
    private void reconcile(Action action, Set<Ref> leavers) {
        for (Ref follower : leavers) {
            locks.run(follower, action.actor(), () -> {
                if (!withRetry(() -> backend.follows().exists(follower, action.actor()))) {
                    List<FeedKey> keys = new ArrayList<>(4);
                    names.keys(follower, FeedNames.PRIVATE, action, keys);
                    withRetry(() -> backend.feeds().remove(action.id(), keys));
                }
            });
        }
    }

    private void finished(Task task) {
        // Atomic per actor with submit(), so a task never lands in a set that was just dropped.
        running.computeIfPresent(task.action.actor(), (k, tasks) -> {
            tasks.remove(task);
            return tasks.isEmpty() ? null : tasks;
        });
        completed.increment();
        synchronized (idle) {
            pending.decrementAndGet();
            idle.notifyAll();
        }
    }

    /** One action's delivery. */
    private final class Task implements Runnable {

        private final Action action;
        private final Set<Ref> leavers = ConcurrentHashMap.newKeySet();
        private boolean closed;

        Task(Action action) {
            this.action = action;
        }

        synchronized void note(Ref follower) {
            if (!closed) {
                leavers.add(follower);
            }
        }

        private synchronized Set<Ref> close() {
            closed = true;
            return Set.copyOf(leavers);
        }

        @Override
        public void run() {
            try {
                deliver(action);
                // From here on, an unfollow's own cleanup runs after every write of this task.
                reconcile(action, close());
                if (!alive(action)) {
                    // Deleted while delivering: the deletion may have passed followers before we did.
                    removeFromFollowers(action);
                }
            } catch (RuntimeException e) {
                close();
                failed.increment();
                LOG.log(Level.ERROR, "fan-out of action " + action.id() + " by " + action.actor() + " failed", e);
                try {
                    onFailure.accept(action, e);
                } catch (RuntimeException listenerError) {
                    LOG.log(Level.WARNING, "timeline listener failed", listenerError);
                }
            } finally {
                finished(this);
            }
        }
    }
}
