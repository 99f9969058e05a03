package dev.sequere.timeline;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.Sequere;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.internal.action.ActionCodec;
import dev.sequere.timeline.action.ActionDraft;
import dev.sequere.timeline.action.ActionIds;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.action.VerbRegistry;
import dev.sequere.spi.Job;
import dev.sequere.spi.JobBacklog;
import dev.sequere.timeline.internal.fanout.ActionFeeds;
import dev.sequere.timeline.internal.fanout.DeleteJob;
import dev.sequere.timeline.internal.fanout.FanOutJob;
import dev.sequere.timeline.fanout.FanOutStats;
import dev.sequere.timeline.fanout.RetryPolicy;
import dev.sequere.timeline.internal.fanout.StoreCalls;
import dev.sequere.timeline.feed.Bounds;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.internal.feed.FeedTrimmer;
import dev.sequere.timeline.feed.FilterFeeds;
import dev.sequere.timeline.internal.feed.ReadMarkers;
import dev.sequere.timeline.internal.follow.FollowSync;
import dev.sequere.timeline.internal.follow.TimelineRebuild;
import dev.sequere.timeline.internal.job.JobEngine;
import dev.sequere.timeline.internal.job.JobHandler;
import dev.sequere.timeline.internal.job.JobSettings;
import dev.sequere.timeline.internal.job.Payloads;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Timelines of what resources do: the entry point of the timeline module, built on a
 * {@link Sequere} and storing everything through its backend's SPI.
 *
 * <pre>{@code
 * Timelines timelines = Timelines.builder(sequere)
 *     .verbs(User.class, JOIN, LIKE)
 *     .executor(executor)                 // fan-out off the caller's thread
 *     .build();
 * Timeline mine = timelines.of(alice);
 * mine.save(Action.of(alice, LIKE).target(project));
 * mine.privateFeed().verb(LIKE).page(20);
 * }</pre>
 *
 * <p>Publishing stores the action once (an item), records a fan-out job in the backend's job
 * store, adds the action to the actor's private and public timelines (and the global one when
 * enabled), then runs the job on the executor: the private timelines of the actor's followers, a
 * step of followers at a time, each delivery conditional on the follow. Following and unfollowing
 * (through the same {@code Sequere}) record a job that imports or removes actions; deleting
 * records one too. A job of a process that dies is taken over by a worker of any instance (see
 * {@link Builder#workers(int)}). Instances are thread-safe; {@link #close()} detaches them from
 * the {@code Sequere} and stops their workers.
 */
public final class Timelines implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Timelines.class.getName());
    private static final int WALK_PAGE = 500;
    /** Ids drawn for one action before publishing gives up on a generator that keeps repeating. */
    private static final int ID_ATTEMPTS = 8;

    private final Sequere sequere;
    private final FeedStore feeds;
    private final VerbRegistry verbs;
    private final FeedNames names;
    private final ReadMarkers readMarkers;
    private final FeedTrimmer trimmer;
    private final StoreCalls calls;
    private final ActionFeeds actionFeeds;
    private final FanOutJob fanOut;
    private final DeleteJob deletion;
    private final FollowSync followSync;
    private final TimelineRebuild rebuild;
    private final JobEngine engine;
    private final boolean globalFeed;
    private final int filterScanLimit;
    private final List<TimelineListener> listeners;
    private final Supplier<String> actionIds;

    private Timelines(Builder builder) {
        this.sequere = builder.sequere;
        this.feeds = sequere.backend().feeds();
        this.verbs = builder.verbRegistry();
        this.names = new FeedNames(builder.filterFeeds);
        this.trimmer = new FeedTrimmer(feeds, builder.bounds, sequere.clock());
        this.readMarkers = new ReadMarkers(feeds);
        this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
        this.calls = new StoreCalls(builder.retry);
        this.actionFeeds = new ActionFeeds(names, builder.globalFeed, verbs, sequere.registry());
        int step = builder.batchSize != null ? builder.batchSize : sequere.backend().fanOutStepSize();
        this.fanOut = new FanOutJob(sequere.backend(), calls, actionFeeds, trimmer, step,
                builder.lease.dividedBy(10));
        this.deletion = new DeleteJob(sequere.backend(), calls, actionFeeds, fanOut, sequere.clock());
        this.followSync = new FollowSync(sequere.backend(), calls, actionFeeds, trimmer, builder.importOnFollow,
                builder.importLimit, builder.removeOnUnfollow);
        this.rebuild = new TimelineRebuild(sequere.backend(), calls, actionFeeds, followSync,
                builder.importOnFollow ? builder.importLimit : 0);
        Map<String, JobHandler> handlers = Map.of(FanOutJob.KIND, fanOut, DeleteJob.KIND, deletion,
                FollowSync.KIND, followSync);
        JobSettings settings = new JobSettings(builder.executor, builder.maxLocalJobs, builder.workers, builder.lease,
                builder.pollInterval, calls);
        this.engine = new JobEngine(sequere.backend(), settings, handlers, this::fireJobFailed);
        followSync.attach(engine);
        this.globalFeed = builder.globalFeed;
        this.filterScanLimit = builder.filterScanLimit;
        this.actionIds = builder.actionIds != null ? builder.actionIds : new ActionIds(sequere.clock());
        sequere.addListener(followSync);
        engine.start();
    }

    /**
     * Starts a builder.
     *
     * @param sequere the instance whose registry, clock, follows and backend timelines use
     * @return a new builder
     */
    public static Builder builder(Sequere sequere) {
        if (sequere == null) {
            throw new InvalidArgumentException("sequere must not be null");
        }
        return new Builder(sequere);
    }

    /**
     * The timelines of a resource.
     *
     * @param resource a registered application object or a {@link Ref}
     * @return its timelines
     */
    public Timeline of(Object resource) {
        return new Timeline(this, sequere.ref(resource));
    }

    /**
     * Publishes an action by its actor: stores it, adds it to the actor's private and public
     * timelines (and the global one), and schedules its fan-out to the actor's followers.
     * Publishing an id that is already stored changes nothing: the stored action is returned,
     * and its writes are repeated (they are idempotent) so a publish interrupted by a failure
     * completes.
     *
     * @param draft the action
     * @return the stored action
     * @throws dev.sequere.timeline.action.UnregisteredVerbException when the verb is not
     *     registered for the actor's type
     */
    public Action publish(ActionDraft draft) {
        if (draft == null) {
            throw new InvalidArgumentException("action must not be null");
        }
        Ref actor = sequere.ref(draft.actor());
        Verb verb = verbs.requireAllowed(actor.type(), draft.verb());
        Object targetObject = draft.target();
        Ref target = targetObject == null ? null : sequere.ref(targetObject);
        Instant time = Objects.requireNonNullElseGet(draft.time(), () -> sequere.clock().instant());
        String id = draft.id();
        Action fresh = new Action(id != null ? id : actionIds.get(), actor, verb, target, time, draft.data());
        // Checked before anything is written: a time too far out for an exact score is refused.
        ActionCodec.entry(fresh);
        Action action = fresh;
        boolean created = true;
        if (id == null) {
            action = storeWithNewId(fresh);
        } else {
            String body = ActionCodec.encode(fresh);
            if (!calls.call(() -> feeds.putItem(id, body))) {
                // The id is taken: the stored action wins, so a repeated save cannot change it.
                Action stored = load(id);
                if (stored == null) {
                    // Deleted between the two calls: this publish is the new one.
                    calls.call(() -> feeds.putItem(id, body));
                } else {
                    action = stored;
                    created = false;
                }
            }
            if (created) {
                // An application id may be published again after a delete: it is no longer a
                // deleted action, which imports and purges would otherwise take back.
                Ref owner = actor;
                calls.call(() -> feeds.removeEntries(new FeedKey(owner, FeedNames.DELETED), List.of(id)));
            }
        }
        // The job first: from here on, a worker of any process finishes this publish if we die.
        Job job = engine.create(FanOutJob.KIND, ActionCodec.encode(action));
        fanOut.writeOwn(action);
        engine.submit(new Job(job.id(), job.kind(), job.payload(), FanOutJob.OWN_DONE, job.attempts(),
                job.createdAt(), job.owner()));
        if (created) {
            firePublished(action);
        }
        return action;
    }

    /**
     * Reads a stored action.
     *
     * @param actionId its id
     * @return the action, or empty when none has that id
     */
    public Optional<Action> action(String actionId) {
        Ref.requireValidId(actionId, "action id");
        return Optional.ofNullable(load(actionId));
    }

    /**
     * Deletes an action from every timeline that holds it: its actor's, the global one, and the
     * private timelines of its actor's followers (also of those who unfollow while it runs).
     * Runs on the calling thread, as a job recorded first: if this call fails or this process
     * dies midway, a worker finishes the deletion, and a second call returns {@code false}.
     *
     * @param actionId the action's id
     * @return {@code true} if the action existed when this call started
     * @throws dev.sequere.BackendException when the storage failed (the deletion completes later)
     */
    public boolean delete(String actionId) {
        Ref.requireValidId(actionId, "action id");
        Action action = load(actionId);
        if (action == null) {
            return false;
        }
        Job job = engine.create(DeleteJob.KIND, ActionCodec.encode(action));
        engine.runHere(job, true);
        return true;
    }

    /**
     * Deletes every action of a resource (as {@link #delete}), empties its timelines and read
     * marker, then removes its follows with {@link Sequere#forget}. Use it instead of
     * {@code Sequere.forget} when a resource with a timeline is deleted: after the follows are
     * gone, its former followers could no longer be found.
     *
     * @param resource a registered application object or a {@link Ref}
     * @return how many follows {@code Sequere.forget} removed
     */
    public long forget(Object resource) {
        Ref ref = sequere.ref(resource);
        FeedKey publicFeed = new FeedKey(ref, FeedNames.PUBLIC);
        while (true) {
            List<FeedEntry> entries = calls.call(() -> feeds.page(publicFeed, FeedQuery.first(WALK_PAGE)));
            for (FeedEntry entry : entries) {
                if (!delete(entry.id())) {
                    // A dangling entry (item already gone): drop it so the walk ends.
                    calls.call(() -> feeds.removeEntries(publicFeed, List.of(entry.id())));
                }
            }
            if (entries.size() < WALK_PAGE) {
                break;
            }
        }
        calls.call(() -> feeds.clear(new FeedKey(ref, FeedNames.READ)));
        long removed = sequere.forget(ref);
        if (removed == 0) {
            // No event fired, so empty the private timeline here.
            followSync.onForgotten(ref, 0);
        }
        return removed;
    }

    /**
     * Every public action, newest first (opt-in: {@link Builder#globalFeed(boolean)}).
     *
     * @return a query over the global timeline
     * @throws InvalidArgumentException when the global timeline is not enabled
     */
    public TimelineQuery globalFeed() {
        if (!globalFeed) {
            throw new InvalidArgumentException("the global timeline is off; enable it with "
                    + "Timelines.builder(sequere).globalFeed(true) before publishing");
        }
        return new TimelineQuery(this, FeedNames.GLOBAL_OWNER, FeedNames.GLOBAL, null);
    }

    /**
     * Waits until every scheduled fan-out has finished (tests, graceful shutdown).
     *
     * @param timeout how long to wait at most
     * @return {@code true} when nothing is pending, {@code false} on timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitFanOut(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            throw new InvalidArgumentException("timeout must not be null");
        }
        return engine.awaitIdle(timeout);
    }

    /**
     * Counters of the fan-out: pending work, deliveries, retries, failures.
     *
     * @return a snapshot
     */
    public FanOutStats stats() {
        JobBacklog backlog = engine.backlog();
        return new FanOutStats(engine.pending(), engine.completed(FanOutJob.KIND), engine.failed(FanOutJob.KIND),
                engine.delivered(), engine.retries(), engine.takenOver(), backlog.jobs(), backlog.oldestCreatedAt());
    }

    /**
     * The registered verbs.
     *
     * @return the verb registry
     */
    public VerbRegistry verbs() {
        return verbs;
    }

    /**
     * The {@code Sequere} these timelines follow.
     *
     * @return the instance
     */
    public Sequere sequere() {
        return sequere;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     */
    public void addListener(TimelineListener listener) {
        if (listener == null) {
            throw new InvalidArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    /**
     * Stops following the {@code Sequere}'s follow events and stops this instance's workers.
     * Jobs already handed to the executor keep running there (call {@link #awaitFanOut} first to
     * let them finish); jobs left unfinished are taken over by the workers of other instances
     * once their lease ends. Does not close the {@code Sequere} or its backend, which the
     * application created and closes.
     */
    @Override
    public void close() {
        sequere.removeListener(followSync);
        engine.close();
    }

    /**
     * Compares a private timeline with what the follow graph says it should hold (see
     * {@link Timeline#check()}).
     *
     * @param owner the owner
     * @param repair whether to repair
     * @return the differences found
     */
    TimelineCheck check(Ref owner, boolean repair) {
        return rebuild.run(owner, repair);
    }

    FeedStore feeds() {
        return feeds;
    }

    FeedNames names() {
        return names;
    }

    ReadMarkers readMarkers() {
        return readMarkers;
    }

    JobEngine engine() {
        return engine;
    }

    /** Applies the bounds to a feed about to be read (nothing when unbounded). */
    void enforceBounds(FeedKey feed) {
        if (trimmer.active()) {
            calls.call(() -> trimmer.trimNow(feed));
        }
    }

    int filterScanLimit() {
        return filterScanLimit;
    }

    /** Loads the actions behind entries with one item read, in entry order; missing ones skipped. */
    List<Action> actions(List<FeedEntry> entries) {
        List<String> ids = new ArrayList<>(entries.size());
        entries.forEach(e -> ids.add(e.id()));
        Map<String, String> bodies = ids.isEmpty() ? Map.of() : calls.call(() -> feeds.items(ids));
        return ActionCodec.decodeAll(ids, bodies);
    }

    /** Loads actors and targets with one loader call per type; skips and reports what is gone. */
    List<TimelineItem> resolve(List<Action> actions) {
        Set<Ref> refs = new LinkedHashSet<>();
        for (Action action : actions) {
            refs.add(action.actor());
            if (action.target() != null) {
                refs.add(action.target());
            }
        }
        Map<Ref, Object> loaded = refs.isEmpty() ? Map.of() : sequere.load(refs);
        List<TimelineItem> items = new ArrayList<>(actions.size());
        for (Action action : actions) {
            Object actor = loaded.get(action.actor());
            Ref targetRef = action.target();
            Object target = targetRef == null ? null : loaded.get(targetRef);
            if (actor == null) {
                fireSkipped(action, action.actor());
            } else if (targetRef != null && target == null) {
                fireSkipped(action, targetRef);
            } else {
                items.add(new TimelineItem(action, actor, target));
            }
        }
        return items;
    }

    /**
     * Stores an action whose id was generated. A generated id that is already taken by another
     * action (two generators drawing the same one, or a generator of the application's that
     * repeats) is drawn again, so that a new action is never mistaken for a stored one; taken by
     * this very action (a retried write whose first reply was lost) it is kept.
     */
    private Action storeWithNewId(Action action) {
        Action candidate = action;
        for (int attempt = 1; ; attempt++) {
            Action current = candidate;
            String body = ActionCodec.encode(current);
            if (calls.call(() -> feeds.putItem(current.id(), body))) {
                return current;
            }
            if (current.equals(load(current.id()))) {
                // Our own write, answered "taken" by a retry after its reply was lost.
                return current;
            }
            if (attempt == ID_ATTEMPTS) {
                throw new IllegalStateException("the action id generator returned " + ID_ATTEMPTS
                        + " ids in a row that are already taken, the last '" + current.id() + "'");
            }
            candidate = new Action(actionIds.get(), action.actor(), action.verb(), action.target(), action.time(),
                    action.data());
        }
    }

    private @Nullable Action load(String actionId) {
        String body = calls.call(() -> feeds.items(List.of(actionId))).get(actionId);
        return body == null ? null : ActionCodec.decode(body);
    }

    private void firePublished(Action action) {
        for (TimelineListener listener : listeners) {
            try {
                listener.onPublished(action);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "timeline listener failed", e);
            }
        }
    }

    private void fireSkipped(Action action, Ref missing) {
        for (TimelineListener listener : listeners) {
            try {
                listener.onActionSkipped(action, missing);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "timeline listener failed", e);
            }
        }
    }

    private void fireJobFailed(Job job, Throwable error) {
        for (TimelineListener listener : listeners) {
            try {
                switch (job.kind()) {
                    case FanOutJob.KIND -> listener.onFanOutFailed(ActionCodec.decode(job.payload()), error);
                    case FollowSync.KIND -> {
                        List<Ref> pair = Payloads.refs(job.payload());
                        listener.onFollowSyncFailed(pair.get(0), pair.get(1), error);
                    }
                    default -> listener.onDeleteFailed(ActionCodec.decode(job.payload()), error);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "timeline listener failed", e);
            }
        }
    }

    /**
     * Configures {@link Timelines}. Every setting has a default; register at least the verbs
     * the application publishes.
     */
    public static final class Builder {

        private final Sequere sequere;
        private final List<Verb> anyTypeVerbs = new ArrayList<>();
        private final Map<String, List<Verb>> verbsByType = new LinkedHashMap<>();
        private final List<TimelineListener> listeners = new ArrayList<>();
        private Executor executor = Runnable::run;
        private @Nullable Integer batchSize;
        private int maxLocalJobs = 1_000;
        private int workers = 1;
        private Duration lease = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(1);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private boolean globalFeed;
        private FilterFeeds filterFeeds = FilterFeeds.PUBLIC_AND_GLOBAL;
        private int filterScanLimit = 10_000;
        private boolean importOnFollow = true;
        private int importLimit = 200;
        private boolean removeOnUnfollow = true;
        private Bounds bounds = Bounds.NONE;
        private @Nullable Supplier<String> actionIds;

        private Builder(Sequere sequere) {
            this.sequere = sequere;
        }

        /**
         * How ids of actions published without one are made. The default, {@link ActionIds},
         * makes 16-character ids that sort by creation time; an application with its own id scheme
         * (snowflakes, UUIDv7...) plugs it in here. Each id must be a valid {@code Ref} id; one
         * that is already taken is drawn again (up to 8 times in a row), never merged with the
         * stored action.
         *
         * @param generator called once per published action, from any thread
         * @return this builder
         */
        public Builder actionIds(Supplier<String> generator) {
            this.actionIds = requireArgument(generator, "generator");
            return this;
        }

        /**
         * Registers verbs every resource type may use.
         *
         * @param verbs the verbs
         * @return this builder
         */
        public Builder verbs(Verb... verbs) {
            anyTypeVerbs.addAll(checked(verbs));
            return this;
        }

        /**
         * Registers verbs for the actors of a registered class.
         *
         * @param actorClass a class registered with the {@code Sequere}
         * @param verbs the verbs it may use
         * @return this builder
         * @throws dev.sequere.UnregisteredTypeException when the class is not registered
         */
        public Builder verbs(Class<?> actorClass, Verb... verbs) {
            if (actorClass == null) {
                throw new InvalidArgumentException("actorClass must not be null");
            }
            return verbs(sequere.registry().forClass(actorClass).type(), verbs);
        }

        /**
         * Registers verbs for the actors of a registered type name.
         *
         * @param actorType a type name registered with the {@code Sequere}
         * @param verbs the verbs it may use
         * @return this builder
         * @throws dev.sequere.UnregisteredTypeException when the type is not registered
         */
        public Builder verbs(String actorType, Verb... verbs) {
            if (actorType == null) {
                throw new InvalidArgumentException("actorType must not be null");
            }
            sequere.registry().forType(actorType);
            verbsByType.computeIfAbsent(actorType, t -> new ArrayList<>()).addAll(checked(verbs));
            return this;
        }

        /**
         * Sets the executor that runs fan-out; by default it runs in the publishing thread.
         *
         * @param executor for example a bounded thread pool of the application
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = requireArgument(executor, "executor");
            return this;
        }

        /**
         * Sets how many fan-outs this instance hands to the executor at once (default 1 000);
         * beyond, the publishing thread runs the fan-out itself, which slows publishers down
         * instead of queueing without bound.
         *
         * @param jobs at least 1
         * @return this builder
         */
        public Builder maxPendingFanOuts(int jobs) {
            if (jobs < 1) {
                throw new InvalidArgumentException("maxPendingFanOuts must be at least 1, was " + jobs);
            }
            this.maxLocalJobs = jobs;
            return this;
        }

        /**
         * Sets how many worker threads this instance runs (default 1; 0 for none). Workers take
         * over the jobs (fan-outs, imports, removals, deletes) of instances that died or stalled,
         * and retry jobs that failed. At least one instance sharing the store must run workers.
         *
         * @param threads at least 0
         * @return this builder
         */
        public Builder workers(int threads) {
            if (threads < 0) {
                throw new InvalidArgumentException("workers must be at least 0, was " + threads);
            }
            this.workers = threads;
            return this;
        }

        /**
         * Sets how long an instance holds a job between two progress saves (default 30 s): when it
         * dies, its jobs are taken over this long after their last step. A step (a batch of
         * followers, an import) must finish well within it.
         *
         * @param lease at least 100 ms
         * @return this builder
         */
        public Builder lease(Duration lease) {
            if (lease == null || lease.toMillis() < 100) {
                throw new InvalidArgumentException("lease must be at least 100 ms, was " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * Sets how long an idle worker waits before it looks for jobs again (default 1 s).
         *
         * @param interval at least 1 ms
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            if (interval == null || interval.toMillis() < 1) {
                throw new InvalidArgumentException("pollInterval must be at least 1 ms, was " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * Sets how many followers a fan-out step covers (default: the backend's
         * {@code fanOutStepSize()}, 1 000, or 10 000 on JDBC).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new InvalidArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the retry policy of storage calls (default {@link RetryPolicy#DEFAULT}).
         *
         * @param retry the policy
         * @return this builder
         */
        public Builder retry(RetryPolicy retry) {
            this.retry = requireArgument(retry, "retry");
            return this;
        }

        /**
         * Enables the global timeline of every public action (off by default: it is one more
         * write per action and a hot key on shared backends).
         *
         * @param enabled whether to keep it
         * @return this builder
         */
        public Builder globalFeed(boolean enabled) {
            this.globalFeed = enabled;
            return this;
        }

        /**
         * Sets which timelines keep per-verb and per-target-type feeds (default
         * {@link FilterFeeds#PUBLIC_AND_GLOBAL}: public and global ones, written once per action;
         * private timelines are filtered on read, so fan-out writes one entry per follower).
         * Filtered queries work in every mode. Choose before writing: a mode switched on later
         * has no filter feeds for what was written before.
         *
         * @param mode which timelines keep filter feeds
         * @return this builder
         */
        public Builder filterFeeds(FilterFeeds mode) {
            this.filterFeeds = requireArgument(mode, "filterFeeds");
            return this;
        }

        /**
         * Sets how many entries of a timeline one filtered page reads at most when that timeline
         * has no filter feeds (default 10 000). A page that reaches it before filling up comes
         * back shorter, with a cursor to go on, so a rare verb never makes one page read a whole
         * timeline. Filtered counts always read every entry.
         *
         * @param entries at least 1
         * @return this builder
         */
        public Builder filterScanLimit(int entries) {
            if (entries < 1) {
                throw new InvalidArgumentException("filterScanLimit must be at least 1, was " + entries);
            }
            this.filterScanLimit = entries;
            return this;
        }

        /**
         * Whether following imports the followee's recent public actions (default on).
         *
         * @param enabled whether to import
         * @return this builder
         */
        public Builder importOnFollow(boolean enabled) {
            this.importOnFollow = enabled;
            return this;
        }

        /**
         * How many of the followee's newest public actions a follow imports (default 200, as Mastodon; one batched conditional delivery per 500).
         *
         * @param limit at least 0
         * @return this builder
         */
        public Builder importLimit(int limit) {
            if (limit < 0) {
                throw new InvalidArgumentException("importLimit must be at least 0, was " + limit);
            }
            this.importLimit = limit;
            return this;
        }

        /**
         * Whether unfollowing removes the unfollowed resource's actions from the follower's
         * private timeline (default on).
         *
         * @param enabled whether to remove
         * @return this builder
         */
        public Builder removeOnUnfollow(boolean enabled) {
            this.removeOnUnfollow = enabled;
            return this;
        }

        /**
         * Bounds every timeline feed (default {@link Bounds#NONE}).
         *
         * @param bounds keep-newest, retention and trim frequency
         * @return this builder
         */
        public Builder bounds(Bounds bounds) {
            this.bounds = requireArgument(bounds, "bounds");
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(TimelineListener listener) {
            listeners.add(requireArgument(listener, "listener"));
            return this;
        }

        /**
         * Builds the timelines and attaches them to the {@code Sequere}'s follow events.
         *
         * @return the timelines
         * @throws RegistrationException when no verb is registered
         */
        public Timelines build() {
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(bounds, "bounds");
            if (anyTypeVerbs.isEmpty() && verbsByType.isEmpty()) {
                throw new RegistrationException("no verb registered: add them with "
                        + "Timelines.builder(sequere).verbs(User.class, Verb.of(\"join\"), ...)");
            }
            return new Timelines(this);
        }

        private VerbRegistry verbRegistry() {
            return new VerbRegistry(anyTypeVerbs, verbsByType);
        }

        private static List<Verb> checked(Verb @Nullable [] verbs) {
            if (verbs == null || verbs.length == 0) {
                throw new InvalidArgumentException("give at least one verb");
            }
            for (Verb verb : verbs) {
                requireArgument(verb, "verb");
            }
            return List.of(verbs);
        }

        private static <T> T requireArgument(@Nullable T value, String what) {
            if (value == null) {
                throw new InvalidArgumentException(what + " must not be null");
            }
            return value;
        }
    }
}
