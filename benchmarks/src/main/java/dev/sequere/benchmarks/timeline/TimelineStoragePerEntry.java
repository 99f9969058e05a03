package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.spi.FeedEntry;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FilterFeeds;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Storage per delivered action, per backend and filter feed mode: 10 000 followers, 20 actions
 * with a target published to them (200 000 deliveries), the backend's storage probe read before
 * and after publishing (memory: used heap after repeated GCs; PostgreSQL:
 * {@code pg_total_relation_size} of the feed table; MariaDB: InnoDB's estimate; Redis:
 * {@code INFO used_memory}, so give it a server of its own in {@code SEQUERE_BENCH_REDIS_URL}).
 * Not JMH: run it with {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.timeline.TimelineStoragePerEntry [memory redis postgresql mariadb]}.
 */
public final class TimelineStoragePerEntry {

    private static final int FOLLOWERS = 10_000;
    private static final int ACTIONS = 20;
    private static final Verb POST = Verb.of("post");
    private static final Ref FAN = Ref.of("project", "fan");
    private static final Ref BOARD = Ref.of("project", "board");
    /** Scores like the timeline's (epoch microseconds), which some encodings store in more bytes than small ones. */
    private static final long MICROS = 1_800_000_000_000_000L;

    private TimelineStoragePerEntry() {
    }

    /**
     * Prints bytes per delivered action for each backend and mode.
     *
     * @param args backend names, default {@code memory redis postgresql mariadb}
     * @throws Exception when a backend fails
     */
    public static void main(String[] args) throws Exception {
        List<String> backends = args.length == 0 ? List.of("memory", "redis", "postgresql", "mariadb") : Arrays.asList(args);
        System.out.println("| backend | filter feeds | deliveries | bytes per delivered action | measured as |");
        System.out.println("|---|---|---|---|---|");
        for (String name : backends) {
            System.out.println(measureRaw(name));
            for (FilterFeeds mode : List.of(FilterFeeds.PUBLIC_AND_GLOBAL, FilterFeeds.ALL)) {
                System.out.println(measure(name, mode));
            }
        }
    }

    /** The baseline: the backend's raw fanOut of entries with bare 36-character ids (UUIDs). */
    private static String measureRaw(String name) throws Exception {
        try (TimelineBench.Handle handle = TimelineBench.open(name)) {
            TimelineBench.seedFollowers(handle.backend(), FAN, FOLLOWERS);
            handle.backend().fanOut(FAN, "private", new FeedEntry(UUID.randomUUID().toString(), MICROS), 100);
            long before = handle.storage().bytes();
            for (int i = 0; i < ACTIONS; i++) {
                handle.backend().fanOut(FAN, "private", new FeedEntry(UUID.randomUUID().toString(), MICROS + 1 + i), 100);
            }
            long after = handle.storage().bytes();
            long deliveries = (long) FOLLOWERS * ACTIONS;
            return String.format(Locale.ROOT, "| %s | raw fanOut, bare ids | %,d | %.1f | %s |", name, deliveries,
                    (after - before) / (double) deliveries, handle.storage().what());
        }
    }

    private static String measure(String name, FilterFeeds mode) throws Exception {
        try (TimelineBench.Handle handle = TimelineBench.open(name)) {
            TimelineBench.seedFollowers(handle.backend(), FAN, FOLLOWERS);
            Sequere sequere = TimelineBench.sequere(handle.backend(), TimelineBench.users(0));
            try (Timelines timelines = Timelines.builder(sequere).verbs("project", POST).filterFeeds(mode).build()) {
                // One action first, so every follower's feeds exist before the baseline is taken.
                timelines.publish(Action.of(FAN, POST).target(BOARD));
                long before = handle.storage().bytes();
                for (int i = 0; i < ACTIONS; i++) {
                    timelines.publish(Action.of(FAN, POST).target(BOARD));
                }
                long after = handle.storage().bytes();
                long deliveries = (long) FOLLOWERS * ACTIONS;
                return String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %s |", name, mode, deliveries,
                        (after - before) / (double) deliveries, handle.storage().what());
            }
        }
    }
}
