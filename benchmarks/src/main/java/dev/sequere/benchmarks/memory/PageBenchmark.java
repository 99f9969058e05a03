package dev.sequere.benchmarks.memory;

import dev.sequere.Follow;
import dev.sequere.Order;
import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.benchmarks.BenchmarkSequere;
import dev.sequere.benchmarks.RefPool;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A page of 20 followers of a resource that has 1 000 000, newest first: the first page, and a
 * page in the middle reached by a keyset position (what a cursor decodes to).
 *
 * <p>The baseline cannot be the bare hash sets: they hold no time and no order, and sorting a
 * million entries per request would cost about a hundred milliseconds, which measures nothing
 * useful. The baseline is instead the floor of any ordered listing: copying 20 edges out of an
 * array sorted once in advance (and, for the middle page, a binary search for the position
 * first). The backend keeps its order under concurrent writes; the array cannot take a single
 * write, so the comparison is against a lower bound.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class PageBenchmark {

    /** Followers of the resource. */
    public static final int FOLLOWERS = 1_000_000;

    /** Items per page. */
    public static final int PAGE = 20;

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Newest first along {@code (since, ref)}, the order of the listing. */
    private static final Comparator<Edge> NEWEST_FIRST =
            Comparator.comparing(Edge::since).thenComparing(Edge::ref).reversed();

    /** The million follows, as the backend and as the sorted baseline array. */
    @State(Scope.Benchmark)
    public static class Followers {

        final Ref project = new Ref(BenchmarkSequere.PROJECT, "popular");
        Edge[] sorted;
        Edge middle;
        Backend backend;
        FollowStore store;
        Sequere sequere;
        EdgeQuery firstPage;
        EdgeQuery firstPageOldestFirst;
        EdgeQuery middlePage;

        /** Every follower follows at its own microsecond; a few share one, to exercise ties. */
        @Setup
        public void populate() {
            Ref[] users = RefPool.of(BenchmarkSequere.USER, FOLLOWERS);
            backend = MemoryBackend.create();
            store = backend.follows();
            sequere = BenchmarkSequere.over(backend);
            sorted = new Edge[FOLLOWERS];
            for (int i = 0; i < FOLLOWERS; i++) {
                // Pairs of followers share a time, so the ref tie-break is on the path.
                Instant since = START.plusNanos(1_000L * (i / 2));
                store.follow(users[i], project, since);
                sorted[i] = new Edge(users[i], since);
            }
            Arrays.sort(sorted, NEWEST_FIRST);
            middle = sorted[FOLLOWERS / 2];
            firstPage = EdgeQuery.first(PAGE);
            firstPageOldestFirst = new EdgeQuery(null, Order.OLDEST_FIRST, null, PAGE);
            middlePage = new EdgeQuery(null, Order.NEWEST_FIRST, middle, PAGE);
        }

        /** Releases the backend. */
        @TearDown
        public void close() {
            backend.close();
        }
    }

    /**
     * Baseline first page: copy the 20 newest out of the pre-sorted array.
     *
     * @param f the followers
     * @return the page
     */
    @Benchmark
    public List<Edge> baselineFirstPage(Followers f) {
        return new ArrayList<>(Arrays.asList(f.sorted).subList(0, PAGE));
    }

    /**
     * First page on the in-memory backend's SPI.
     *
     * @param f the followers
     * @return the page
     */
    @Benchmark
    public List<Edge> memoryFirstPage(Followers f) {
        return f.store.page(f.project, Direction.FOLLOWERS, f.firstPage);
    }

    /**
     * First page oldest first on the in-memory backend's SPI: the other walk direction, to show
     * whether the store favours one.
     *
     * @param f the followers
     * @return the page
     */
    @Benchmark
    public List<Edge> memoryFirstPageOldestFirst(Followers f) {
        return f.store.page(f.project, Direction.FOLLOWERS, f.firstPageOldestFirst);
    }

    /**
     * First page through the facade, as refs: one more item is read to learn whether a next
     * page exists, and the cursor is encoded.
     *
     * @param f the followers
     * @return the page
     */
    @Benchmark
    public Page<Follow<Ref>> sequereFirstPage(Followers f) {
        return f.sequere.followers(f.project).refPage(PAGE);
    }

    /**
     * Baseline middle page: binary search for the position, then copy 20.
     *
     * @param f the followers
     * @return the page
     */
    @Benchmark
    public List<Edge> baselineMiddlePage(Followers f) {
        int at = Arrays.binarySearch(f.sorted, f.middle, NEWEST_FIRST) + 1;
        return new ArrayList<>(Arrays.asList(f.sorted).subList(at, at + PAGE));
    }

    /**
     * Middle page (after the 500 000th follower) on the in-memory backend's SPI.
     *
     * @param f the followers
     * @return the page
     */
    @Benchmark
    public List<Edge> memoryMiddlePage(Followers f) {
        return f.store.page(f.project, Direction.FOLLOWERS, f.middlePage);
    }
}
