package dev.sequere.benchmarks.memory;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.benchmarks.BenchmarkSequere;
import dev.sequere.benchmarks.RefPool;
import dev.sequere.benchmarks.Rounds;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A paired comparison of the in-memory backend with {@link RawFollowIndex} for shared, noisy
 * machines: each round measures the backend and the baseline back to back (order alternating
 * between rounds) and takes their ratio, so load that comes and goes hits both sides alike; the
 * median ratio over the rounds is printed. It measures the same work as the JMH benchmarks:
 * <ul>
 *   <li>follow: one round fills an empty store with {@link EdgeGrid}'s million distinct edges,
 *       as {@link FollowBenchmark} does (the heap is collected before each fill so that neither
 *       side pays for the other's garbage);</li>
 *   <li>isFollowing: {@link LookupBenchmark}'s graph and 4 096 pre-drawn queries, half of them
 *       edges, for a fixed slice per side;</li>
 *   <li>pages: {@link PageBenchmark}'s first and middle page of 20 of a million followers,
 *       against the same sorted-array floor, for a fixed slice per side (reported as time per
 *       page; the ratio is backend time over baseline time).</li>
 * </ul>
 *
 * <p>Run: {@code java -Xms3g -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.memory.MemoryPairedRatios [rounds]}.
 */
public final class MemoryPairedRatios {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SLICE_NANOS = 500_000_000L;
    private static final int QUERIES = 4_096;

    private final EdgeGrid grid = new EdgeGrid();

    private MemoryPairedRatios() {
    }

    /**
     * Runs the comparison.
     *
     * @param args optionally the number of rounds (default 9)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        MemoryPairedRatios bench = new MemoryPairedRatios();
        System.out.println("| operation | backend (median) | baseline (median) | median ratio | min-max ratio |");
        System.out.println("|---|---|---|---|---|");
        compare("follow (new edges), SPI", "edges/s", rounds, 2, bench::memoryFill, bench::baselineFill);
        Lookups lookups = bench.new Lookups();
        compare("isFollowing, SPI", "ops/s", rounds, 3, lookups::memoryRate, lookups::baselineRate);
        Pages pages = new Pages();
        compare("first page of 20 of 1M, newest first, SPI", null, rounds, 3,
                () -> Rounds.perSecond(pages::memoryFirst, SLICE_NANOS),
                () -> Rounds.perSecond(pages::baselineFirst, SLICE_NANOS));
        compare("page of 20 after the 500 000th, SPI", null, rounds, 3,
                () -> Rounds.perSecond(pages::memoryMiddle, SLICE_NANOS),
                () -> Rounds.perSecond(pages::baselineMiddle, SLICE_NANOS));
        // Printed so that the answers are used and no measured call can be optimised away.
        System.out.println("(answers seen: " + (lookups.hits + pages.seen) + ")");
    }

    /**
     * Prints one row: rates with {@code unit}, or, when {@code unit} is null, times per
     * operation and the ratio of times (backend over baseline).
     */
    private static void compare(String name, @Nullable String unit, int rounds, int warmups, DoubleSupplier ours,
            DoubleSupplier theirs) {
        for (int i = 0; i < warmups; i++) {
            ours.getAsDouble();
            theirs.getAsDouble();
        }
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                a[round] = ours.getAsDouble();
                b[round] = theirs.getAsDouble();
            } else {
                b[round] = theirs.getAsDouble();
                a[round] = ours.getAsDouble();
            }
            ratios[round] = unit == null ? b[round] / a[round] : a[round] / b[round];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        if (unit == null) {
            System.out.printf(Locale.ROOT, "| %s | %.2f µs | %.2f µs | %.2fx the time | %.2f-%.2f |%n", name,
                    1e6 / Rounds.median(a), 1e6 / Rounds.median(b), Rounds.median(ratios), sorted[0],
                    sorted[rounds - 1]);
        } else {
            System.out.printf(Locale.ROOT, "| %s | %.0f %s | %.0f %s | %.2fx | %.2f-%.2f |%n", name,
                    Rounds.median(a), unit, Rounds.median(b), unit, Rounds.median(ratios), sorted[0],
                    sorted[rounds - 1]);
        }
    }

    /** Edges per second filling an empty backend with the grid. */
    private double memoryFill() {
        System.gc();
        Backend backend = MemoryBackend.create();
        FollowStore store = backend.follows();
        long start = System.nanoTime();
        int created = 0;
        for (int i = 0; i < EdgeGrid.EDGES; i++) {
            if (store.follow(grid.follower(i), grid.followee(i), START.plusNanos(i * 1_000L))) {
                created++;
            }
        }
        long elapsed = System.nanoTime() - start;
        backend.close();
        return check(created) * 1e9 / elapsed;
    }

    /** Edges per second filling an empty baseline with the grid. */
    private double baselineFill() {
        System.gc();
        RawFollowIndex baseline = new RawFollowIndex();
        long start = System.nanoTime();
        int created = 0;
        for (int i = 0; i < EdgeGrid.EDGES; i++) {
            if (baseline.follow(grid.follower(i), grid.followee(i))) {
                created++;
            }
        }
        long elapsed = System.nanoTime() - start;
        return check(created) * 1e9 / elapsed;
    }

    private static int check(int created) {
        if (created != EdgeGrid.EDGES) {
            throw new IllegalStateException("created " + created + " edges, expected " + EdgeGrid.EDGES);
        }
        return created;
    }

    /** {@link PageBenchmark}'s million followers, in the backend and as the sorted array. */
    private static final class Pages {

        private static final Comparator<Edge> NEWEST_FIRST =
                Comparator.comparing(Edge::since).thenComparing(Edge::ref).reversed();

        private final Ref project = new Ref(BenchmarkSequere.PROJECT, "popular");
        private final FollowStore store = MemoryBackend.create().follows();
        private final Edge[] sorted = new Edge[PageBenchmark.FOLLOWERS];
        private final Edge middle;
        private final EdgeQuery first = EdgeQuery.first(PageBenchmark.PAGE);
        private final EdgeQuery afterMiddle;
        /** Sizes of the pages built, so that they cannot be optimised away. */
        long seen;

        Pages() {
            Ref[] users = RefPool.of(BenchmarkSequere.USER, PageBenchmark.FOLLOWERS);
            for (int i = 0; i < PageBenchmark.FOLLOWERS; i++) {
                Instant since = START.plusNanos(1_000L * (i / 2));
                store.follow(users[i], project, since);
                sorted[i] = new Edge(users[i], since);
            }
            Arrays.sort(sorted, NEWEST_FIRST);
            middle = sorted[PageBenchmark.FOLLOWERS / 2];
            afterMiddle = new EdgeQuery(null, Order.NEWEST_FIRST, middle, PageBenchmark.PAGE);
        }

        void memoryFirst() {
            seen += store.page(project, Direction.FOLLOWERS, first).size();
        }

        void baselineFirst() {
            seen += new ArrayList<>(Arrays.asList(sorted).subList(0, PageBenchmark.PAGE)).size();
        }

        void memoryMiddle() {
            seen += store.page(project, Direction.FOLLOWERS, afterMiddle).size();
        }

        void baselineMiddle() {
            int at = Arrays.binarySearch(sorted, middle, NEWEST_FIRST) + 1;
            seen += new ArrayList<>(Arrays.asList(sorted).subList(at, at + PageBenchmark.PAGE)).size();
        }
    }

    /** {@link LookupBenchmark}'s graph and queries, loaded into both stores. */
    private final class Lookups {

        private final Ref[] followers = new Ref[QUERIES];
        private final Ref[] followees = new Ref[QUERIES];
        private final RawFollowIndex baseline = new RawFollowIndex();
        private final FollowStore store = MemoryBackend.create().follows();
        /** Keeps the answers observable, so the lookups cannot be optimised away. */
        private long hits;

        Lookups() {
            long micros = 0;
            for (int u = 0; u < EdgeGrid.SIDE; u++) {
                for (int k = 0; k < 100; k++) {
                    Ref project = grid.project((u + k * 10) % EdgeGrid.SIDE);
                    baseline.follow(grid.user(u), project);
                    store.follow(grid.user(u), project, START.plusNanos(1_000L * micros++));
                }
            }
            SplittableRandom random = new SplittableRandom(42);
            for (int q = 0; q < QUERIES; q++) {
                int u = random.nextInt(EdgeGrid.SIDE);
                int k = random.nextInt(100);
                followers[q] = grid.user(u);
                followees[q] = grid.project(q % 2 == 0 ? (u + k * 10) % EdgeGrid.SIDE : (u + k * 10 + 5) % EdgeGrid.SIDE);
            }
        }

        // Two copies of the same loop on purpose: one shared loop taking the lookup as a lambda
        // would make its call site megamorphic once both sides ran, and the JIT would then
        // inline neither lookup, measuring the dispatch instead of the lookups.
        double memoryRate() {
            long start = System.nanoTime();
            long end = start + SLICE_NANOS;
            long n = 0;
            long now;
            do {
                for (int q = 0; q < QUERIES; q++) {
                    if (store.exists(followers[q], followees[q])) {
                        hits++;
                    }
                }
                n += QUERIES;
                now = System.nanoTime();
            } while (now < end);
            return n * 1e9 / (now - start);
        }

        double baselineRate() {
            long start = System.nanoTime();
            long end = start + SLICE_NANOS;
            long n = 0;
            long now;
            do {
                for (int q = 0; q < QUERIES; q++) {
                    if (baseline.isFollowing(followers[q], followees[q])) {
                        hits++;
                    }
                }
                n += QUERIES;
                now = System.nanoTime();
            } while (now < end);
            return n * 1e9 / (now - start);
        }
    }
}
