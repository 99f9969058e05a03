package dev.sequere.benchmarks.memory;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.benchmarks.BenchmarkSequere;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.SplittableRandom;
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
 * Reads on a populated graph: {@code isFollowing} and follower counts. The graph is 1 000 users
 * each following 100 of 1 000 projects (100 000 edges, about 100 followers per project), loaded
 * identically into the backend and the baseline. Queries cycle through 4 096 pre-drawn pairs,
 * half of them existing edges and half not, so branch prediction cannot learn the answer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LookupBenchmark {

    private static final int FOLLOWED_PER_USER = 100;
    private static final int QUERIES = 4_096;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final EdgeGrid grid = new EdgeGrid();
    private final Ref[] queryFollowers = new Ref[QUERIES];
    private final Ref[] queryFollowees = new Ref[QUERIES];

    private RawFollowIndex baseline;
    private Backend backend;
    private FollowStore store;
    private Sequere sequere;
    private int next;

    /** Loads the same graph into both and draws the queries, from a fixed seed. */
    @Setup
    public void populate() {
        baseline = new RawFollowIndex();
        backend = MemoryBackend.create();
        store = backend.follows();
        sequere = BenchmarkSequere.over(backend);
        SplittableRandom random = new SplittableRandom(42);
        long micros = 0;
        for (int u = 0; u < EdgeGrid.SIDE; u++) {
            for (int k = 0; k < FOLLOWED_PER_USER; k++) {
                // Projects u, u+10, u+20... : distinct per user, spread over all projects.
                Ref project = grid.project((u + k * 10) % EdgeGrid.SIDE);
                baseline.follow(grid.user(u), project);
                store.follow(grid.user(u), project, START.plusNanos(1_000L * micros++));
            }
        }
        for (int q = 0; q < QUERIES; q++) {
            Ref user = grid.user(random.nextInt(EdgeGrid.SIDE));
            int u = Integer.parseInt(user.id());
            int k = random.nextInt(FOLLOWED_PER_USER);
            // Even queries hit an edge; odd ones pick a project the user does not follow (offset 5).
            int project = q % 2 == 0 ? (u + k * 10) % EdgeGrid.SIDE : (u + k * 10 + 5) % EdgeGrid.SIDE;
            queryFollowers[q] = user;
            queryFollowees[q] = grid.project(project);
        }
    }

    /** Releases the backend. */
    @TearDown
    public void close() {
        backend.close();
    }

    private int nextQuery() {
        next = (next + 1) & (QUERIES - 1);
        return next;
    }

    /**
     * Baseline {@code isFollowing}: one hash lookup and one set lookup.
     *
     * @return the answer
     */
    @Benchmark
    public boolean baselineIsFollowing() {
        int q = nextQuery();
        return baseline.isFollowing(queryFollowers[q], queryFollowees[q]);
    }

    /**
     * {@code exists} on the in-memory backend's SPI.
     *
     * @return the answer
     */
    @Benchmark
    public boolean memoryIsFollowing() {
        int q = nextQuery();
        return store.exists(queryFollowers[q], queryFollowees[q]);
    }

    /**
     * {@code isFollowing} through the facade (adds the registry check of both refs).
     *
     * @return the answer
     */
    @Benchmark
    public boolean sequereIsFollowing() {
        int q = nextQuery();
        return sequere.isFollowing(queryFollowers[q], queryFollowees[q]);
    }

    /**
     * Baseline follower count: the size of a concurrent hash set.
     *
     * @return the count
     */
    @Benchmark
    public int baselineCount() {
        return baseline.followerCount(queryFollowees[nextQuery()]);
    }

    /**
     * Follower count on the in-memory backend's SPI, all types.
     *
     * @return the count
     */
    @Benchmark
    public long memoryCount() {
        return store.count(queryFollowees[nextQuery()], Direction.FOLLOWERS, null);
    }

    /**
     * Follower count of one type on the in-memory backend's SPI; the baseline has no per-type
     * index to compare with.
     *
     * @return the count
     */
    @Benchmark
    public long memoryCountOfType() {
        return store.count(queryFollowees[nextQuery()], Direction.FOLLOWERS, BenchmarkSequere.USER);
    }

    /**
     * Follower count through the facade's query object.
     *
     * @return the count
     */
    @Benchmark
    public long sequereCount() {
        return sequere.followers(queryFollowees[nextQuery()]).count();
    }
}
