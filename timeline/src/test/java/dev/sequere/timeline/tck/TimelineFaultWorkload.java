package dev.sequere.timeline.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.BackendException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.fanout.RetryPolicy;
import dev.sequere.timeline.feed.FeedNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A timeline workload for fault tests: a few threads publish, delete, follow and unfollow among a
 * handful of persons through one {@link Timelines} while the test breaks the store, and record
 * every call that was <b>acknowledged</b> (returned normally) and every exception type thrown.
 *
 * <p>Each thread owns the follows of the persons whose index is its number modulo the thread
 * count, and deletes only actions it published, so the calls on one pair or one action are
 * sequential and "the last acknowledged call" is well defined. Afterwards {@link #lost()} lists
 * the acknowledged writes the store no longer reflects, and {@link #assertExactTimelines()}
 * checks the invariants of the multi-process timeline kit.
 */
public final class TimelineFaultWorkload {

    /** The verb every workload action uses. */
    public static final Verb POST = Verb.of("post");

    private final Sequere sequere;
    private final Timelines timelines;
    private final int people;
    private final int threadCount;
    private final long seed;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> failuresByType = new ConcurrentHashMap<>();
    private final Map<String, String> firstTraceByType = new ConcurrentHashMap<>();
    private final List<Throwable> crashes = new ArrayList<>();
    /** Acknowledged publishes: action id to actor. */
    private final Map<String, Ref> published = new ConcurrentHashMap<>();
    /** Actions whose delete was attempted and failed: their state is unknown. */
    private final Set<String> deleteFailed = ConcurrentHashMap.newKeySet();
    /** Actions whose delete was acknowledged. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Per (follower, followee): the last acknowledged call, and whether a call failed after it. */
    private final Map<List<Ref>, PairState> pairs = new ConcurrentHashMap<>();

    private record PairState(@Nullable Boolean follows, boolean failedSince) {
    }

    /**
     * Creates the workload; {@link #start()} starts it.
     *
     * @param sequere the instance (made by {@link #sequere})
     * @param timelines timelines over it (made from {@link #timelines})
     * @param people how many persons ({@code u0}, {@code u1}...)
     * @param threads how many workload threads
     * @param seed the random seed
     */
    public TimelineFaultWorkload(Sequere sequere, Timelines timelines, int people, int threads, long seed) {
        this.sequere = sequere;
        this.timelines = timelines;
        this.people = people;
        this.threadCount = threads;
        this.seed = seed;
    }

    /**
     * A {@code Sequere} with persons registered, as the timeline kit uses.
     *
     * @param backend the backend
     * @return the instance
     */
    public static Sequere sequere(Backend backend) {
        Directory directory = new Directory();
        return Sequere.builder().backend(backend)
                .register(Person.class, t -> t.type("person").id(Person::id).loader(directory::loadPersons))
                .build();
    }

    /**
     * The timeline settings of the fault tests: one worker, a short lease and poll interval so that
     * jobs failed during an outage are retried within a second or two, and a few quick attempts
     * per storage call so that an outage reaches the callers instead of stalling them.
     *
     * @param sequere the instance
     * @return a builder to finish
     */
    public static Timelines.Builder timelines(Sequere sequere) {
        return Timelines.builder(sequere).verbs(POST).importLimit(10_000).workers(1).lease(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50)).batchSize(3)
                .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100)));
    }

    /** Starts the threads. */
    public void start() {
        running.set(true);
        for (int t = 0; t < threadCount; t++) {
            int number = t;
            Thread thread = new Thread(() -> {
                try {
                    loop(number);
                } catch (Throwable e) {
                    synchronized (crashes) {
                        crashes.add(e);
                    }
                }
            }, "fault-workload-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Calls that returned normally so far.
     *
     * @return the count
     */
    public long acknowledged() {
        return acknowledged.get();
    }

    /**
     * Calls that threw so far.
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    /**
     * Waits until {@code more} calls beyond those acknowledged now have been acknowledged: the
     * workload goes on (or resumed).
     *
     * @param more how many
     * @param atMost how long at most
     */
    public void awaitProgress(long more, Duration atMost) {
        long target = acknowledged.get() + more;
        Awaitility.await("workload acknowledged " + more + " more calls").atMost(atMost)
                .pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.get() >= target);
    }

    /**
     * Waits until {@code more} calls beyond those failed now have failed (the outage is visible).
     *
     * @param more how many
     * @param atMost how long at most
     */
    public void awaitFailures(long more, Duration atMost) {
        long target = failed.get() + more;
        Awaitility.await("workload saw " + more + " more failures").atMost(atMost)
                .pollInterval(Duration.ofMillis(10)).until(() -> failed.get() >= target);
    }

    /**
     * Stops the threads and waits for them.
     *
     * @throws InterruptedException when interrupted
     */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
            assertThat(thread.isAlive()).as("%s stopped", thread.getName()).isFalse();
        }
        synchronized (crashes) {
            assertThat(crashes).as("workload threads that crashed").isEmpty();
        }
    }

    /**
     * The exception types thrown by the workload's calls, with their counts.
     *
     * @return class name to count
     */
    public Map<String, Long> failuresByType() {
        Map<String, Long> copy = new TreeMap<>();
        failuresByType.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Asserts that every call that failed threw a {@link BackendException}. */
    public void assertOnlyBackendExceptions() {
        Map<String, Long> types = failuresByType();
        Map<String, String> others = new TreeMap<>(firstTraceByType);
        others.remove(BackendException.class.getName());
        assertThat(others).as("exception types other than BackendException thrown to callers (first trace of "
                + "each); all types: %s", types).isEmpty();
    }

    /**
     * The acknowledged writes the store does not reflect: a published action missing from its
     * actor's public timeline (unless a delete of it was attempted), a deleted action still
     * stored, a pair whose follow state is not that of its last acknowledged call (unless a call
     * on it failed after).
     *
     * @return one line per lost write
     */
    public List<String> lost() {
        Backend backend = sequere.backend();
        List<String> lost = new ArrayList<>();
        published.forEach((id, actor) -> {
            if (deleteFailed.contains(id)) {
                return;
            }
            boolean inPublic = backend.feeds().score(new FeedKey(actor, FeedNames.PUBLIC), id).isPresent();
            boolean stored = timelines.action(id).isPresent();
            if (deleted.contains(id)) {
                if (inPublic || stored) {
                    lost.add("deleted action " + id + " of " + actor + " is back (public: " + inPublic
                            + ", item: " + stored + ")");
                }
            } else if (!inPublic || !stored) {
                lost.add("published action " + id + " of " + actor + " is gone (public: " + inPublic
                        + ", item: " + stored + ")");
            }
        });
        pairs.forEach((pair, state) -> {
            if (state.follows() != null && !state.failedSince()
                    && backend.follows().exists(pair.get(0), pair.get(1)) != state.follows()) {
                lost.add((state.follows() ? "follow " : "unfollow ") + pair.get(0) + " -> " + pair.get(1) + " lost");
            }
        });
        return lost;
    }

    /**
     * How many writes were acknowledged and are checked by {@link #lost()}.
     *
     * @return publishes + deletes + pairs with a known final state
     */
    public long checkedWrites() {
        return published.size() + deleted.size()
                + pairs.values().stream().filter(s -> s.follows() != null && !s.failedSince()).count();
    }

    /**
     * Waits until the job backlog is empty, by itself (no rebuild).
     *
     * @param atMost how long at most
     * @return how long it took
     */
    public Duration awaitEmptyBacklog(Duration atMost) {
        long start = System.nanoTime();
        Awaitility.await("job backlog empty").atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> timelines.stats().backlog() == 0);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The invariants of the multi-process timeline kit: each private timeline holds exactly the
     * owner's public actions and those of whom it follows now, without duplicates, counts equal
     * listings, both sides of each follow agree, and {@code Timeline.check()} finds nothing.
     */
    public void assertExactTimelines() {
        assertExactTimelines(timelines, people);
    }

    /**
     * The same invariants over persons {@code u0 .. u<people-1>} of any store: what the
     * multi-process kit checks after its child JVMs have run.
     *
     * @param timelines timelines over the store
     * @param people how many persons
     */
    public static void assertExactTimelines(Timelines timelines, int people) {
        Backend backend = timelines.sequere().backend();
        for (int i = 0; i < people; i++) {
            Ref me = person(i);
            Set<Ref> followings = new HashSet<>();
            for (Edge edge : backend.follows().page(me, Direction.FOLLOWINGS, EdgeQuery.first(1_000))) {
                followings.add(edge.ref());
            }
            Set<Ref> followers = new HashSet<>();
            for (Edge edge : backend.follows().page(me, Direction.FOLLOWERS, EdgeQuery.first(1_000))) {
                followers.add(edge.ref());
            }
            assertThat(backend.follows().count(me, Direction.FOLLOWINGS, null)).isEqualTo(followings.size());
            assertThat(backend.follows().count(me, Direction.FOLLOWERS, null)).isEqualTo(followers.size());
            for (int j = 0; j < people; j++) {
                Ref other = person(j);
                boolean exists = backend.follows().exists(me, other);
                assertThat(followings.contains(other)).as("%s follows %s: followings side", me, other).isEqualTo(exists);
                boolean mirrored = false;
                for (Edge edge : backend.follows().page(other, Direction.FOLLOWERS, EdgeQuery.first(1_000))) {
                    mirrored |= edge.ref().equals(me);
                }
                assertThat(mirrored).as("%s follows %s: followers side", me, other).isEqualTo(exists);
            }
            Set<String> expected = new HashSet<>(ids(backend, new FeedKey(me, FeedNames.PUBLIC)));
            for (Ref followee : followings) {
                expected.addAll(ids(backend, new FeedKey(followee, FeedNames.PUBLIC)));
            }
            List<String> actual = ids(backend, new FeedKey(me, FeedNames.PRIVATE));
            assertThat(actual).as("private timeline of %s", me).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(backend.feeds().count(new FeedKey(me, FeedNames.PRIVATE))).isEqualTo(actual.size());
            assertThat(timelines.of(me).check().consistent()).as("check of %s", me).isTrue();
        }
    }

    /**
     * Waits until {@link #assertExactTimelines()} passes, for stores whose repair runs on a
     * period rather than as a job (the Redis Cluster's half-written follows, completed by the
     * workers' {@code Backend.repair()} every 30 s).
     *
     * @param atMost how long at most
     * @return how long it took, and the first violation seen (empty when none)
     */
    public Convergence awaitExactTimelines(Duration atMost) {
        long start = System.nanoTime();
        String first = "";
        try {
            assertExactTimelines();
        } catch (AssertionError e) {
            first = e.getMessage().strip().replaceAll("\\s+", " ");
            try {
                // Polled on this thread: a condition thread cut off by the timeout mid-call would leave
                // a client connection broken for the diagnosis below.
                Awaitility.await("timelines exact").atMost(atMost).pollInterval(Duration.ofMillis(500))
                        .pollInSameThread().untilAsserted(this::assertExactTimelines);
            } catch (ConditionTimeoutException timeout) {
                throw new AssertionError("timelines did not converge within " + atMost + "; first violation seen: "
                        + first + "\nnow:\n" + differences(), timeout);
            }
        }
        return new Convergence(Duration.ofNanos(System.nanoTime() - start), first);
    }

    /**
     * What each private timeline lacks or holds too much, with each entry's actor and the state of
     * both sides of the owner's follow of that actor: the diagnosis of a failed convergence.
     *
     * @return one line per difference
     */
    public String differences() {
        Backend backend = sequere.backend();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < people; i++) {
            Ref me = person(i);
            Set<String> expected = new HashSet<>(ids(backend, new FeedKey(me, FeedNames.PUBLIC)));
            for (Edge edge : backend.follows().page(me, Direction.FOLLOWINGS, EdgeQuery.first(1_000))) {
                expected.addAll(ids(backend, new FeedKey(edge.ref(), FeedNames.PUBLIC)));
            }
            Set<String> actual = new HashSet<>(ids(backend, new FeedKey(me, FeedNames.PRIVATE)));
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(actual);
            Set<String> extra = new HashSet<>(actual);
            extra.removeAll(expected);
            for (String id : missing) {
                out.append(describe(me, id, "lacks")).append('\n');
            }
            for (String id : extra) {
                out.append(describe(me, id, "holds extra")).append('\n');
            }
        }
        return out.toString();
    }

    private String describe(Ref owner, String id, String what) {
        Backend backend = sequere.backend();
        Ref actor = timelines.action(id).map(Action::actor).orElse(null);
        if (actor == null) {
            return owner + " " + what + " " + id + " (item gone)";
        }
        boolean followers = false;
        for (Edge edge : backend.follows().page(actor, Direction.FOLLOWERS, EdgeQuery.first(1_000))) {
            followers |= edge.ref().equals(owner);
        }
        return owner + " " + what + " " + id + " by " + actor + "; follows: followings side "
                + backend.follows().exists(owner, actor) + ", followers side " + followers
                + (published.containsKey(id) ? ", publish acknowledged" : ", publish failed")
                + "; last acknowledged call on the pair " + pairs.get(List.of(owner, actor));
    }

    /**
     * How timelines converged.
     *
     * @param took how long until the invariants held
     * @param firstViolation the violation seen first, empty when they held at once
     */
    public record Convergence(Duration took, String firstViolation) {
    }

    /**
     * A one-line summary for the test's output.
     *
     * @return acknowledged and failed calls, exception types
     */
    public String summary() {
        return "acknowledged " + acknowledged.get() + " calls (" + published.size() + " publishes, " + deleted.size()
                + " deletes), failed " + failed.get() + " " + failuresByType();
    }

    private static Ref person(int i) {
        return Ref.of("person", "u" + i);
    }

    private void loop(int number) {
        Random random = new Random(seed * 31 + number);
        List<Integer> mine = new ArrayList<>();
        for (int i = number; i < people; i += threadCount) {
            mine.add(i);
        }
        List<String> deletable = new ArrayList<>();
        while (running.get()) {
            int kind = random.nextInt(20);
            if (kind < 7) {
                Ref actor = person(random.nextInt(people));
                call(() -> {
                    Action action = timelines.publish(Action.of(actor, POST));
                    published.put(action.id(), actor);
                    deletable.add(action.id());
                });
            } else if (kind < 9) {
                if (deletable.isEmpty()) {
                    continue;
                }
                String id = deletable.remove(random.nextInt(deletable.size()));
                if (!call(() -> {
                    timelines.delete(id);
                    deleted.add(id);
                })) {
                    deleteFailed.add(id);
                }
            } else {
                Ref follower = person(mine.get(random.nextInt(mine.size())));
                Ref followee = person(random.nextInt(people));
                if (follower.equals(followee)) {
                    continue;
                }
                boolean follow = kind < 15;
                List<Ref> pair = List.of(follower, followee);
                boolean ok = call(() -> {
                    if (follow) {
                        sequere.follow(follower, followee);
                    } else {
                        sequere.unfollow(follower, followee);
                    }
                });
                PairState before = pairs.get(pair);
                pairs.put(pair, ok ? new PairState(follow, false)
                        : new PairState(before == null ? null : before.follows(), true));
            }
        }
    }

    /** Runs one call; {@code true} when it returned normally. */
    private boolean call(Runnable call) {
        try {
            call.run();
            acknowledged.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            String type = e.getClass().getName();
            failuresByType.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
            firstTraceByType.computeIfAbsent(type, k -> trace(e));
            return false;
        }
    }

    private static String trace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > 3_000 ? text.substring(0, 3_000) : text;
    }

    private static List<String> ids(Backend backend, FeedKey feed) {
        List<String> ids = new ArrayList<>();
        @Nullable FeedEntry after = null;
        while (true) {
            List<FeedEntry> page = backend.feeds().page(feed, new FeedQuery(Order.OLDEST_FIRST, after, 500));
            page.forEach(e -> ids.add(e.id()));
            if (page.size() < 500) {
                return ids;
            }
            after = page.get(page.size() - 1);
        }
    }
}
