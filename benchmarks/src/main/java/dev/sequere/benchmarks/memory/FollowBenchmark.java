package dev.sequere.benchmarks.memory;

import dev.sequere.Sequere;
import dev.sequere.benchmarks.BenchmarkSequere;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creating new follow edges: each invocation fills an empty store with the
 * {@link EdgeGrid}'s million distinct edges, so every call creates an edge (none is a no-op)
 * and the store's growth is part of the cost, on both sides. Scores are edges per second.
 *
 * <p>A per-call benchmark could not keep creating new edges for a whole iteration without
 * either running out of pairs or growing the heap without bound; a fixed batch into a fresh
 * store keeps the work identical across iterations.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(EdgeGrid.EDGES)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class FollowBenchmark {

    /** Distinct times one microsecond apart, as a busy clock would give. */
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final EdgeGrid grid = new EdgeGrid();

    private RawFollowIndex baseline;
    private Backend backend;
    private FollowStore store;
    private Sequere sequere;

    /** Gives each invocation empty stores, so that every follow creates an edge. */
    @Setup(Level.Invocation)
    public void emptyStores() {
        baseline = new RawFollowIndex();
        backend = MemoryBackend.create();
        store = backend.follows();
        sequere = BenchmarkSequere.over(backend);
    }

    /** Releases the backend of the invocation. */
    @TearDown(Level.Invocation)
    public void closeBackend() {
        backend.close();
    }

    /**
     * The baseline: two hash-set indexes.
     *
     * @return edges created, so the work cannot be optimised away
     */
    @Benchmark
    public int baselineFollow() {
        int created = 0;
        for (int i = 0; i < EdgeGrid.EDGES; i++) {
            if (baseline.follow(grid.follower(i), grid.followee(i))) {
                created++;
            }
        }
        return created;
    }

    /**
     * The in-memory backend through the SPI, with a distinct time per edge.
     *
     * @return edges created
     */
    @Benchmark
    public int memoryFollow() {
        int created = 0;
        for (int i = 0; i < EdgeGrid.EDGES; i++) {
            if (store.follow(grid.follower(i), grid.followee(i), START.plusNanos(i * 1_000L))) {
                created++;
            }
        }
        return created;
    }

    /**
     * The in-memory backend through the {@link Sequere} facade (registry check, clock,
     * self-follow check, event), as an application calls it.
     *
     * @return edges created
     */
    @Benchmark
    public int sequereFollow() {
        int created = 0;
        for (int i = 0; i < EdgeGrid.EDGES; i++) {
            if (sequere.follow(grid.follower(i), grid.followee(i))) {
                created++;
            }
        }
        return created;
    }
}
