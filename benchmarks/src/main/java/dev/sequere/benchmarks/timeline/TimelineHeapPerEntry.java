package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.time.Instant;

/**
 * Heap per delivered entry on the in-memory backend: 10 000 followers, 50 actions published to
 * them (500 000 deliveries), used heap measured after repeated GCs before and after publishing,
 * with and without filter feeds. Not JMH: run it with
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.sequere.benchmarks.timeline.TimelineHeapPerEntry}.
 */
public final class TimelineHeapPerEntry {

    private static final int FOLLOWERS = 10_000;
    private static final int ACTIONS = 50;

    private TimelineHeapPerEntry() {
    }

    /**
     * Prints bytes per delivered entry with and without filter feeds.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        for (boolean filterFeeds : new boolean[] {false, true}) {
            measure(filterFeeds);
        }
    }

    private static void measure(boolean filterFeeds) {
        Verb post = Verb.of("post");
        Ref fan = Ref.of("project", "fan");
        try (TimelineBench.Handle handle = TimelineBench.open("memory")) {
            Sequere sequere = TimelineBench.sequere(handle.backend(), TimelineBench.users(0));
            Instant since = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < FOLLOWERS; i++) {
                handle.backend().follows().follow(TimelineBench.user(i), fan, since.plusNanos(i * 1_000L));
            }
            Timelines timelines = Timelines.builder(sequere).verbs("project", post).filterFeeds(filterFeeds).build();
            // One action first, so every follower's feeds exist before the baseline is taken.
            timelines.publish(Action.of(fan, post));
            long before = usedHeap();
            for (int i = 0; i < ACTIONS; i++) {
                timelines.publish(Action.of(fan, post));
            }
            long after = usedHeap();
            long deliveries = (long) FOLLOWERS * ACTIONS;
            System.out.printf("filterFeeds=%s: %d deliveries, %.1f bytes per delivered action (all feeds it lands in)%n",
                    filterFeeds, deliveries, (after - before) / (double) deliveries);
            timelines.close();
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
