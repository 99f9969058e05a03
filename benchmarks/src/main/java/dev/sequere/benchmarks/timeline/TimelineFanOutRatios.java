package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.benchmarks.Rounds;
import dev.sequere.spi.FeedEntry;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FilterFeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishing to 10 000 and 100 000 followers against the backend's raw {@code fanOut}, paired
 * for shared, noisy machines: a round is a series of pairs (one publish, one raw fan-out, their
 * order alternating), each side's time summed, and the ratio of the two sums is taken per round,
 * so load that comes and goes hits both sides alike; the median over the rounds is printed.
 * Complements {@link TimelineFanOutBenchmark}, whose methods run one after the other.
 *
 * <p>A publish is {@code Timelines.publish} of an action with a target by {@code project/fan}
 * (fan-out in the caller, batches of 100): the item, the actor's own feeds, then every follower's
 * private timeline, and its filter feeds in the modes that keep them (4 entries per delivery in
 * {@code ALL}). The raw side is {@code Backend.fanOut} of one entry to one feed per follower,
 * batch 100, on the same kind of backend with the same followers, in a namespace of its own.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.timeline.TimelineFanOutRatios [memory redis postgresql h2 mariadb]}
 * with optional {@code -Dfollowers=10000,100000 -Drounds=9 -Dmodes=PUBLIC_AND_GLOBAL,ALL}.
 */
public final class TimelineFanOutRatios {

    private static final Verb POST = Verb.of("post");
    private static final Ref FAN = Ref.of("project", "fan");
    private static final Ref BOARD = Ref.of("project", "board");
    private static final int BATCH = 100;
    private static final long ROUND_NANOS = 800_000_000L;
    /** Caps a round of fast operations, so the in-memory feeds do not grow by millions per round. */
    private static final int MAX_PAIRS = 20;
    private static final AtomicLong NEXT = new AtomicLong();

    private TimelineFanOutRatios() {
    }

    /**
     * Runs the comparison and prints one markdown row per backend, follower count and mode.
     *
     * @param args backend names, default {@code memory redis postgresql h2}
     * @throws Exception when a backend fails
     */
    public static void main(String[] args) throws Exception {
        List<String> backends = args.length == 0 ? List.of("memory", "redis", "postgresql", "h2") : Arrays.asList(args);
        int[] followerCounts = Arrays.stream(System.getProperty("followers", "10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int rounds = Integer.getInteger("rounds", 9);
        List<FilterFeeds> modes = new ArrayList<>();
        for (String m : System.getProperty("modes", "PUBLIC_AND_GLOBAL,ALL").split(",")) {
            modes.add(FilterFeeds.valueOf(m.trim()));
        }
        System.out.println("load average at start: " + loadAverage());
        System.out.println("| backend | followers | filter feeds | publish, deliveries/s | raw fanOut, deliveries/s "
                + "| median ratio | min-max ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : backends) {
            for (int followers : followerCounts) {
                // Each side in a namespace of its own (tables, keys), with the same followers: on a
                // shared table the two sides' inserts land in the same index pages and share their
                // costs, which would pull the ratio towards 1x.
                try (TimelineBench.Handle handle = TimelineBench.open(name);
                        TimelineBench.Handle rawHandle = TimelineBench.open(name)) {
                    TimelineBench.seedFollowers(handle.backend(), FAN, followers);
                    TimelineBench.seedFollowers(rawHandle.backend(), FAN, followers);
                    Sequere sequere = TimelineBench.sequere(handle.backend(), TimelineBench.users(0));
                    for (FilterFeeds mode : modes) {
                        try (Timelines timelines = Timelines.builder(sequere).verbs("project", POST)
                                .filterFeeds(mode).batchSize(BATCH).build()) {
                            System.out.println(measure(handle, rawHandle, timelines, mode, followers, rounds));
                        }
                    }
                }
            }
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private static String measure(TimelineBench.Handle handle, TimelineBench.Handle rawHandle, Timelines timelines,
            FilterFeeds mode, int followers,
            int rounds) {
        Runnable publish = () -> timelines.publish(Action.of(FAN, POST).target(BOARD));
        Runnable raw = () -> {
            long n = NEXT.incrementAndGet();
            rawHandle.backend().fanOut(FAN, "private", new FeedEntry(rawId(n), 1_800_000_000_000_000L + n), BATCH);
        };
        // Warm-up: JIT, pools, server-side plans, on both sides.
        round(publish, raw);
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] rates = round(publish, raw);
            ours[r] = rates[0];
            theirs[r] = rates[1];
            ratios[r] = rates[0] / rates[1];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %,d | %s | %,.0f | %,.0f | %.2fx | %.2f-%.2f |", handle.name(), followers,
                mode, Rounds.median(ours) * followers, Rounds.median(theirs) * followers, Rounds.median(ratios),
                sorted[0], sorted[rounds - 1]);
    }

    /**
     * One round: pairs of operations, order alternating, until the round has lasted
     * {@link #ROUND_NANOS} (at least one pair, at most {@link #MAX_PAIRS}).
     *
     * @return operations per second of each side, {@code [ours, theirs]}
     */
    private static double[] round(Runnable ours, Runnable theirs) {
        long oursNanos = 0;
        long theirsNanos = 0;
        long start = System.nanoTime();
        int pairs = 0;
        do {
            boolean oursFirst = pairs % 2 == 0;
            long t0 = System.nanoTime();
            (oursFirst ? ours : theirs).run();
            long t1 = System.nanoTime();
            (oursFirst ? theirs : ours).run();
            long t2 = System.nanoTime();
            oursNanos += oursFirst ? t1 - t0 : t2 - t1;
            theirsNanos += oursFirst ? t2 - t1 : t1 - t0;
            pairs++;
        } while (System.nanoTime() - start < ROUND_NANOS && pairs < MAX_PAIRS);
        return new double[] {pairs * 1e9 / oursNanos, pairs * 1e9 / theirsNanos};
    }

    /**
     * The raw side's entry id: {@code r<n>}, or padded to {@code -DrawIdLength} characters to see
     * what the length of the timeline's entry ids ({@code <verb>:<type>:<action id>}) costs.
     */
    private static String rawId(long n) {
        String id = "r" + n;
        int length = Integer.getInteger("rawIdLength", 0);
        return id.length() >= length ? id : id + "-".repeat(length - id.length());
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
