package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.feed.FilterFeeds;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 11's first benchmark: publishing to 100 000 followers (10 000 in the quick mode) through
 * the durable path, next to the in-process path it replaced and the raw {@code Backend.fanOut},
 * in paired rounds of the same run (see {@link PairedRounds}).
 *
 * <ul>
 *   <li>{@code durable}: {@code Timelines.publish} with the default executor (the caller runs the
 *       job) and no worker threads: the item, the job record in {@code Backend.jobs()}, the
 *       actor's own feeds, then the job: {@code Backend.fanOutStep} per batch of followers
 *       (conditional delivery), a checkpoint in the job store after each, and the job's completion.</li>
 *   <li>{@code inProcess}: the sequence the in-process path ran, rebuilt from SPI calls
 *       ({@link InProcessPublish}): {@code putItem}, {@code FeedStore.add} of the own feeds,
 *       {@code Backend.fanOut}.</li>
 *   <li>{@code raw}: {@code Backend.fanOut} alone, of an entry like a published action's.</li>
 *   <li>{@code steps}: the durable path's deliveries alone, {@code Backend.fanOutStep} from the
 *       first follower to the last, without job, checkpoints or own feeds: with {@code raw}, it
 *       separates the cost of conditional delivery from the job's bookkeeping.</li>
 * </ul>
 *
 * <p>The durable side uses the Timelines default step (the backend's {@code fanOutStepSize()}:
 * 1 000, 10 000 on JDBC), the others a batch of 1 000 followers (override both with
 * {@code -Dbatch=}) and the default filter mode ({@code PUBLIC_AND_GLOBAL}: one entry per
 * follower). Each side runs in a namespace of its own (tables, keys) with the same followers, so
 * that no side's writes land in another's index pages.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.timeline.DurableFanOutRatios [postgresql redis h2 mariadb]} with
 * optional {@code -Dfollowers=10000,100000 -Drounds=7}.
 */
public final class DurableFanOutRatios {

    private static final Verb POST = Verb.of("post");
    private static final Ref FAN = Ref.of("project", "fan");
    private static final Ref BOARD = Ref.of("project", "board");
    private static final long ROUND_NANOS = 800_000_000L;
    private static final int MAX_PASSES = 10;

    private DurableFanOutRatios() {
    }

    /**
     * Runs the comparison and prints one markdown row per backend and follower count.
     *
     * @param args backend names, default {@code postgresql redis}
     * @throws Exception when a backend fails
     */
    public static void main(String[] args) throws Exception {
        List<String> backends = args.length == 0 ? List.of("postgresql", "redis") : Arrays.asList(args);
        int[] followerCounts = Arrays.stream(System.getProperty("followers", "100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int rounds = Integer.getInteger("rounds", 7);
        int batch = Integer.getInteger("batch", 1_000);
        System.out.println("load average at start: " + TimelineFanOutRatios.loadAverage());
        System.out.println("| backend | followers | durable, deliveries/s | inProcess, deliveries/s | raw fanOut, "
                + "deliveries/s | steps, deliveries/s | durable / inProcess | durable / raw | inProcess / raw "
                + "| steps / raw | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : backends) {
            for (int followers : followerCounts) {
                System.out.println(measure(name, followers, rounds, batch));
            }
        }
        System.out.println("load average at end: " + TimelineFanOutRatios.loadAverage());
    }

    private static String measure(String name, int followers, int rounds, int batch) throws Exception {
        try (TimelineBench.Handle durableHandle = TimelineBench.open(name);
                TimelineBench.Handle inProcessHandle = TimelineBench.open(name);
                TimelineBench.Handle rawHandle = TimelineBench.open(name);
                TimelineBench.Handle stepsHandle = TimelineBench.open(name)) {
            long seedStart = System.nanoTime();
            TimelineBench.seedFollowersFast(durableHandle, FAN, followers);
            TimelineBench.seedFollowersFast(inProcessHandle, FAN, followers);
            TimelineBench.seedFollowersFast(rawHandle, FAN, followers);
            TimelineBench.seedFollowersFast(stepsHandle, FAN, followers);
            System.err.printf(Locale.ROOT, "%s: seeded 4 x %,d followers in %.1f s%n", name, followers,
                    (System.nanoTime() - seedStart) / 1e9);
            Sequere sequere = TimelineBench.sequere(durableHandle.backend(), TimelineBench.users(0));
            InProcessPublish inProcess = new InProcessPublish(inProcessHandle.backend(), FilterFeeds.PUBLIC_AND_GLOBAL, batch);
            InProcessPublish raw = new InProcessPublish(rawHandle.backend(), FilterFeeds.PUBLIC_AND_GLOBAL, batch);
            InProcessPublish steps = new InProcessPublish(stepsHandle.backend(), FilterFeeds.PUBLIC_AND_GLOBAL, batch);
            AtomicLong published = new AtomicLong();
            // The durable side runs at the Timelines default (the backend's fanOutStepSize) unless
            // -Dbatch is given; the baselines use the batch.
            Timelines.Builder builder = Timelines.builder(sequere).verbs("project", POST).workers(0);
            if (System.getProperty("batch") != null) {
                builder.batchSize(batch);
            }
            try (Timelines timelines = builder.build()) {
                String load = TimelineFanOutRatios.loadAverage();
                PairedRounds.Result result = PairedRounds.run(List.of(
                        new PairedRounds.Side("durable", () -> {
                            timelines.publish(Action.of(FAN, POST).target(BOARD));
                            published.incrementAndGet();
                        }),
                        new PairedRounds.Side("inProcess", () -> inProcess.publish(FAN, POST, BOARD)),
                        new PairedRounds.Side("raw", () -> raw.rawFanOut(FAN, POST, BOARD)),
                        new PairedRounds.Side("steps", () -> steps.steps(FAN, POST, BOARD))),
                        rounds, ROUND_NANOS, MAX_PASSES);
                load = load + " / " + TimelineFanOutRatios.loadAverage();
                // The durable side really delivered: the newest follower holds every publish, and no job is left.
                long last = durableHandle.backend().feeds().count(new FeedKey(TimelineBench.user(followers - 1),
                        FeedNames.PRIVATE));
                long backlog = durableHandle.backend().jobs().backlog().jobs();
                if (last != published.get() || backlog != 0) {
                    throw new IllegalStateException("durable side: last follower holds " + last + " of "
                            + published.get() + " publishes, " + backlog + " jobs left");
                }
                return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %s | %s | %s | %s | %s |",
                        name, followers, result.medianRate(0) * followers, result.medianRate(1) * followers,
                        result.medianRate(2) * followers, result.medianRate(3) * followers, result.ratio(0, 1),
                        result.ratio(0, 2), result.ratio(1, 2), result.ratio(3, 2), load);
            }
        }
    }
}
