package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.feed.FilterFeeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Issue 11's latency figure: the time from a publish to its last follower's delivery under a
 * steady publish load, on the durable path and, in alternating phases of the same run, on the
 * in-process path it replaced ({@link InProcessPublish}), which is the baseline.
 *
 * <p>One thread publishes {@code rate} actions per second on a fixed schedule, round robin over
 * {@code actors} actors with {@code followers} followers each (distinct followers), and the
 * fan-out runs on a 2-thread executor. A sample runs from the publish's <i>scheduled</i> start (so
 * a publisher that falls behind counts its delay: no coordinated omission) to the end of the
 * fan-out task on the executor: for the durable path the job ({@code Backend.fanOutStep} per batch
 * of 1 000, oldest follower first, so the task ends right after the newest follower's delivery,
 * plus the job's checkpoint and completion in the store); for the in-process path the
 * {@code Backend.fanOut} call. Each phase lasts {@code phaseSeconds}, its samples taken after the
 * executor has drained; the two paths alternate {@code phases} times each, each in a namespace of
 * its own.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.timeline.PublishLatency [redis postgresql]} with optional
 * {@code -Drate=20 -Dactors=10 -Dfollowers=1000 -DphaseSeconds=15 -Dphases=2}.
 */
public final class PublishLatency {

    private static final Verb POST = Verb.of("post");
    private static final Ref BOARD = Ref.of("project", "board");
    /** The publisher's scheduled start of the publish running on this thread, read by the executor. */
    private static final ThreadLocal<long[]> SCHEDULED = new ThreadLocal<>();

    private PublishLatency() {
    }

    /**
     * Measures each backend and prints a markdown table.
     *
     * @param args backend names, default {@code redis postgresql}
     * @throws Exception when a backend fails
     */
    public static void main(String[] args) throws Exception {
        List<String> backends = args.length == 0 ? List.of("redis", "postgresql") : Arrays.asList(args);
        int rate = Integer.getInteger("rate", 20);
        int actors = Integer.getInteger("actors", 10);
        int followers = Integer.getInteger("followers", 1_000);
        int phaseSeconds = Integer.getInteger("phaseSeconds", 15);
        int phases = Integer.getInteger("phases", 2);
        System.out.println("load average at start: " + TimelineFanOutRatios.loadAverage());
        System.out.printf(Locale.ROOT, "%d publishes/s, %d actors x %,d followers, fan-out on a 2-thread executor, "
                + "batch 1 000, %d phases of %d s per path%n", rate, actors, followers, phases, phaseSeconds);
        List<String> rows = new ArrayList<>();
        for (String name : backends) {
            rows.addAll(measure(name, rate, actors, followers, phaseSeconds, phases));
        }
        System.out.println("| backend | path | samples | p50 | p99 | max | p50 / in-process | p99 / in-process | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println("load average at end: " + TimelineFanOutRatios.loadAverage());
    }

    private static List<String> measure(String name, int rate, int actors, int followers, int phaseSeconds,
            int phases) throws Exception {
        CountingPool durablePool = new CountingPool();
        CountingPool inProcessPool = new CountingPool();
        try (TimelineBench.Handle durableHandle = TimelineBench.open(name);
                TimelineBench.Handle inProcessHandle = TimelineBench.open(name)) {
            for (int a = 0; a < actors; a++) {
                TimelineBench.seedFollowers(durableHandle.backend(), actor(a), a * followers, followers);
                TimelineBench.seedFollowers(inProcessHandle.backend(), actor(a), a * followers, followers);
            }
            Samples durable = new Samples();
            Samples inProcess = new Samples();
            InProcessPublish old = new InProcessPublish(inProcessHandle.backend(), FilterFeeds.PUBLIC_AND_GLOBAL, 1_000);
            try (Timelines timelines = Timelines.builder(TimelineBench.sequere(durableHandle.backend(),
                    TimelineBench.users(0))).verbs("project", POST).executor(task -> {
                        long[] scheduled = SCHEDULED.get();
                        durablePool.execute(() -> {
                            task.run();
                            if (scheduled != null) {
                                durable.record(System.nanoTime() - scheduled[0]);
                            }
                        });
                    }).build()) {
                String load = TimelineFanOutRatios.loadAverage();
                // Warm-up of both paths (JIT, pools, server plans), not counted.
                Samples ignored = new Samples();
                runPhase(rate, 3, i -> publishDurable(timelines, actor((int) (i % actors))), durablePool);
                runPhase(rate, 3, i -> publishOld(old, inProcessPool, actor((int) (i % actors)), ignored),
                        inProcessPool);
                durable.clear();
                for (int p = 0; p < phases; p++) {
                    // Alternate which path goes first, so that a trend in the machine's load hits both.
                    boolean durableFirst = p % 2 == 0;
                    for (int k = 0; k < 2; k++) {
                        if (durableFirst == (k == 0)) {
                            runPhase(rate, phaseSeconds, i -> publishDurable(timelines, actor((int) (i % actors))),
                                    durablePool);
                        } else {
                            runPhase(rate, phaseSeconds,
                                    i -> publishOld(old, inProcessPool, actor((int) (i % actors)), inProcess), inProcessPool);
                        }
                    }
                }
                load = load + " / " + TimelineFanOutRatios.loadAverage();
                if (!timelines.awaitFanOut(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("durable fan-outs did not finish");
                }
                // The durable side really delivered: the newest follower of actor 0 holds each of its actions.
                long held = durableHandle.backend().feeds().count(new FeedKey(TimelineBench.user(followers - 1),
                        FeedNames.PRIVATE));
                long own = durableHandle.backend().feeds().count(new FeedKey(actor(0), FeedNames.PUBLIC));
                if (held != own || durableHandle.backend().jobs().backlog().jobs() != 0) {
                    throw new IllegalStateException("durable side: newest follower holds " + held + " of " + own);
                }
                double[] d = durable.percentiles();
                double[] o = inProcess.percentiles();
                return List.of(
                        String.format(Locale.ROOT, "| %s | durable | %,d | %.1f ms | %.1f ms | %.1f ms | %.2fx | %.2fx | %s |",
                                name, durable.size(), d[0], d[1], d[2], d[0] / o[0], d[1] / o[1], load),
                        String.format(Locale.ROOT, "| %s | in-process | %,d | %.1f ms | %.1f ms | %.1f ms | 1.00x | 1.00x | %s |",
                                name, inProcess.size(), o[0], o[1], o[2], load));
            }
        } finally {
            durablePool.close();
            inProcessPool.close();
        }
    }

    private static void publishDurable(Timelines timelines, Ref actor) {
        timelines.publish(Action.of(actor, POST).target(BOARD));
    }

    /** The in-process path: item and own feeds in the caller, the fan-out on the executor. */
    private static void publishOld(InProcessPublish old, CountingPool pool, Ref actor, Samples samples) {
        long[] scheduled = SCHEDULED.get();
        Action action = old.action(actor, POST, BOARD);
        old.storeOwn(action);
        pool.execute(() -> {
            old.fanOut(action);
            samples.record(System.nanoTime() - scheduled[0]);
        });
    }

    /**
     * Publishes at {@code rate} per second for {@code seconds}, on this thread, then waits until
     * the executor has run every fan-out.
     */
    private static void runPhase(int rate, int seconds, LongConsumer publish, CountingPool pool)
            throws InterruptedException {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long count = (long) rate * seconds;
        long[] scheduled = new long[1];
        SCHEDULED.set(scheduled);
        try {
            for (long i = 0; i < count; i++) {
                long at = start + i * period;
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                // A fresh holder per publish: the executor's task keeps the one it was handed.
                scheduled = new long[] {at};
                SCHEDULED.set(scheduled);
                publish.accept(i);
            }
        } finally {
            SCHEDULED.remove();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!pool.drained()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fan-outs did not drain");
            }
            Thread.sleep(10);
        }
    }

    /** The 2-thread fan-out executor, counting what it was handed and what it finished. */
    private static final class CountingPool implements AutoCloseable {
        private final ThreadPoolExecutor pool =
                new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        private final AtomicLong submitted = new AtomicLong();
        private final AtomicLong finished = new AtomicLong();

        void execute(Runnable task) {
            submitted.incrementAndGet();
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    finished.incrementAndGet();
                }
            });
        }

        boolean drained() {
            return finished.get() == submitted.get();
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    private static Ref actor(int a) {
        return Ref.of("project", "p" + a);
    }


    /** Latencies in nanoseconds, recorded from the executor's threads. */
    private static final class Samples {
        private final List<Long> nanos = new ArrayList<>();

        synchronized void record(long value) {
            nanos.add(value);
        }

        synchronized void clear() {
            nanos.clear();
        }

        synchronized int size() {
            return nanos.size();
        }

        /** p50, p99, max in milliseconds. */
        synchronized double[] percentiles() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            return new double[] {sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.50 * sorted.length) - 1)] / 1e6,
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] / 1e6,
                    sorted[sorted.length - 1] / 1e6};
        }
    }
}
