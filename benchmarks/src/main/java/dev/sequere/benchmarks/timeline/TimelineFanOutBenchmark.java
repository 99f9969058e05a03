package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.spi.FeedEntry;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FilterFeeds;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publishing one action with a target by {@code project/fan}, which has {@code followers}
 * followers, through {@link Timelines#publish} (fan-out in the caller, batches of 100): the
 * actor's own feeds, then every follower's private feed and, in {@code FilterFeeds.ALL}, its
 * three filter feeds. Beside it, in the same run, the backend's raw {@code fanOut} of one entry
 * to one feed per follower with the same batch size: the floor the timeline builds on.
 * Deliveries per second = followers / time. On a shared machine prefer the paired
 * {@link TimelineFanOutRatios}. Backends: {@code -p backend=memory,redis,postgresql,h2,mariadb}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@State(Scope.Benchmark)
public class TimelineFanOutBenchmark {

    private static final Verb POST = Verb.of("post");
    private static final Ref FAN = Ref.of("project", "fan");
    private static final Ref BOARD = Ref.of("project", "board");
    private static final int BATCH = 100;

    /** Which backend. */
    @Param({"memory"})
    public String backend;

    /** How many followers the actor has. */
    @Param({"10000", "100000"})
    public int followers;

    /** Which timelines keep filter feeds ({@code FilterFeeds}); the default keeps none on private ones. */
    @Param({"PUBLIC_AND_GLOBAL", "ALL"})
    public String filterFeeds;

    private final AtomicLong next = new AtomicLong();
    private TimelineBench.Handle handle;
    private Timelines timelines;

    /** Creates the followers and the timelines. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        handle = TimelineBench.open(backend);
        Sequere sequere = TimelineBench.sequere(handle.backend(), TimelineBench.users(0));
        TimelineBench.seedFollowers(handle.backend(), FAN, followers);
        timelines = Timelines.builder(sequere).verbs("project", POST).filterFeeds(FilterFeeds.valueOf(filterFeeds))
                .batchSize(BATCH).build();
    }

    /** Deletes what the trial wrote. */
    @TearDown(Level.Trial)
    public void tearDown() {
        timelines.close();
        handle.close();
    }

    /**
     * One action published and fanned out.
     *
     * @return the action
     */
    @Benchmark
    public Action publish() {
        return timelines.publish(Action.of(FAN, POST).target(BOARD));
    }

    /**
     * One entry fanned out by the backend alone, to the followers' {@code private} feeds like the
     * timeline's (JMH runs each method in a trial, and so in a namespace, of its own).
     *
     * @return feeds that received it
     */
    @Benchmark
    public long rawFanOut() {
        long n = next.incrementAndGet();
        return handle.backend().fanOut(FAN, "private", new FeedEntry("r" + n, 1_800_000_000_000_000L + n), BATCH);
    }
}
