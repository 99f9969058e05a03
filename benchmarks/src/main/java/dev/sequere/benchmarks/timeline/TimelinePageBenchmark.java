package dev.sequere.benchmarks.timeline;

import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import dev.sequere.timeline.TimelineItem;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.internal.action.ActionCodec;
import dev.sequere.timeline.action.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * The first page of 20 of a home (private) timeline holding {@code entries} actions by 1 000
 * actors, actors loaded: {@code timelinePage} through the timeline module, {@code rawReads} the
 * reads it needs done by hand (one feed page, one item read, decoding, one loader lookup per
 * actor). {@code filteredPage}: the first 20 likes (one
 * action in ten), and {@code filteredCount}, their exact count, both filtered on read. Sample
 * mode, so JMH reports p50/p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class TimelinePageBenchmark {

    private static final Verb POST = Verb.of("post");
    private static final Verb LIKE = Verb.of("like");
    private static final Ref READER = Ref.of("user", "reader");
    private static final long BASE_MICROS = 1_750_000_000_000_000L;

    /** Which backend. */
    @Param({"memory", "redis", "postgresql"})
    public String backend;

    /** Entries in the home timeline. */
    @Param({"1000000"})
    public int entries;

    private TimelineBench.Handle handle;
    private Map<String, TimelineBench.User> users;
    private Timelines timelines;
    private FeedStore feeds;
    private FeedKey home;

    /** Writes the actions as items and the home timeline's entries through the SPI. */
    @Setup(Level.Trial)
    public void setUp() {
        handle = TimelineBench.open(backend);
        users = TimelineBench.users(1_000);
        users.put("reader", new TimelineBench.User("reader"));
        Sequere sequere = TimelineBench.sequere(handle.backend(), users);
        timelines = Timelines.builder(sequere).verbs("user", POST, LIKE).build();
        feeds = handle.backend().feeds();
        home = new FeedKey(READER, "private");
        List<FeedKey> target = List.of(home);
        // Written from several threads: on a server backend a million items and entries one call
        // at a time would take minutes from one thread; the stored result is the same.
        ForkJoinPool writers = new ForkJoinPool(8);
        writers.submit(() -> IntStream.range(0, entries).parallel().forEach(i -> {
            long micros = BASE_MICROS + i;
            // One action in ten is a like: what the filtered page looks for.
            Action action = new Action("a" + i, TimelineBench.user(i % 1_000), i % 10 == 0 ? LIKE : POST, null,
                    EpochMicros.toInstant(micros), Map.of());
            feeds.putItem(action.id(), ActionCodec.encode(action));
            feeds.add(ActionCodec.entry(action), target);
        })).join();
        writers.shutdown();
    }

    /** Deletes what the trial wrote. */
    @TearDown(Level.Trial)
    public void tearDown() {
        timelines.close();
        handle.close();
    }

    /**
     * The page through the timeline module.
     *
     * @return the page
     */
    @Benchmark
    public Page<TimelineItem> timelinePage() {
        return timelines.of(READER).privateFeed().page(20);
    }

    /**
     * The first page of 20 likes (one action in ten) of the same timeline, which keeps no filter
     * feeds by default: read from the base feed and its actions, about 200 entries.
     *
     * @return the page
     */
    @Benchmark
    public Page<TimelineItem> filteredPage() {
        return timelines.of(READER).privateFeed().verb(LIKE).page(20);
    }

    /**
     * The exact number of likes in the same timeline, filtered on read: reads every entry and its
     * action (in chunks of 1 000, only the verb field parsed). With {@code -p entries=1000} it shows the cost on a
     * timeline bounded to the newest 1 000.
     *
     * @return the count
     */
    @Benchmark
    public long filteredCount() {
        return timelines.of(READER).privateFeed().verb(LIKE).count();
    }

    /**
     * The same reads by hand.
     *
     * @return the loaded actors
     */
    @Benchmark
    public List<Object> rawReads() {
        List<FeedEntry> page = feeds.page(home, FeedQuery.first(20));
        List<String> ids = new ArrayList<>(page.size());
        page.forEach(e -> ids.add(e.id()));
        Map<String, String> bodies = feeds.items(ids);
        List<Object> actors = new ArrayList<>(page.size());
        for (String id : ids) {
            Action action = ActionCodec.decode(bodies.get(id));
            actors.add(users.get(action.actor().id()));
        }
        return actors;
    }
}
