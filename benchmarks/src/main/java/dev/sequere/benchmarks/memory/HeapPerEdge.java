package dev.sequere.benchmarks.memory;

import dev.sequere.Ref;
import dev.sequere.benchmarks.BenchmarkSequere;
import dev.sequere.benchmarks.LiveHeap;
import dev.sequere.benchmarks.RefPool;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Measures the heap a follow edge costs, both directions included, in the in-memory backend and
 * in the {@link RawFollowIndex} baseline, over 1 000 000 edges in two shapes:
 * <ul>
 *   <li>grid: 1 000 users each following 1 000 projects (many small sets, the common case);</li>
 *   <li>fan-in: 1 000 000 users following one project (one huge set, a celebrity).</li>
 * </ul>
 * The refs are built before the first measurement and stay reachable throughout, so their own
 * bytes are the application's and are not counted; everything the store allocates per edge
 * (its entries, nodes, the stored {@link Instant}) is. The figure is
 * {@code (used heap after - used heap before) / edges}, each read after repeated full
 * collections.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.memory.HeapPerEdge}; run it alone, the heap of other threads would
 * blur the figure.
 */
public final class HeapPerEdge {

    private static final int EDGES = 1_000_000;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private HeapPerEdge() {
    }

    /**
     * Prints one line per store and shape, and the backend/baseline ratio.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        EdgeGrid grid = new EdgeGrid();
        Ref[] fans = RefPool.of(BenchmarkSequere.USER, EDGES);
        Ref celebrity = new Ref(BenchmarkSequere.PROJECT, "celebrity");
        System.out.printf(Locale.ROOT, "%-8s %-8s %12s%n", "shape", "store", "bytes/edge");

        double baselineGrid = measure("grid", "baseline", () -> {
            RawFollowIndex index = new RawFollowIndex();
            for (int i = 0; i < EdgeGrid.EDGES; i++) {
                index.follow(grid.follower(i), grid.followee(i));
            }
            return index;
        });
        double memoryGrid = measure("grid", "memory", () -> {
            Backend backend = MemoryBackend.create();
            for (int i = 0; i < EdgeGrid.EDGES; i++) {
                backend.follows().follow(grid.follower(i), grid.followee(i), START.plusNanos(1_000L * i));
            }
            return backend;
        });
        double baselineFan = measure("fan-in", "baseline", () -> {
            RawFollowIndex index = new RawFollowIndex();
            for (Ref fan : fans) {
                index.follow(fan, celebrity);
            }
            return index;
        });
        double memoryFan = measure("fan-in", "memory", () -> {
            Backend backend = MemoryBackend.create();
            for (int i = 0; i < EDGES; i++) {
                backend.follows().follow(fans[i], celebrity, START.plusNanos(1_000L * i));
            }
            return backend;
        });
        System.out.printf(Locale.ROOT, "memory/baseline: grid %.2fx, fan-in %.2fx%n",
                memoryGrid / baselineGrid, memoryFan / baselineFan);
        Reference.reachabilityFence(grid);
        Reference.reachabilityFence(fans);
    }

    private static double measure(String shape, String store, Supplier<Object> build) {
        long before = LiveHeap.usedAfterGc();
        Object built = build.get();
        long after = LiveHeap.usedAfterGc();
        Reference.reachabilityFence(built);
        double perEdge = (after - before) / (double) EDGES;
        System.out.printf(Locale.ROOT, "%-8s %-8s %12.1f%n", shape, store, perEdge);
        return perEdge;
    }
}
