package dev.sequere.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap held by live objects, for the benchmarks that report bytes per edge or per entry.
 */
public final class LiveHeap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final int MAX_COLLECTIONS = 10;

    private LiveHeap() {
    }

    /**
     * Collects until the used heap stops shrinking, so that only live objects are counted.
     * {@code System.gc()} is a synchronous full collection on the JDK's collectors (unless
     * {@code -XX:+ExplicitGCInvokesConcurrent}); repeating it until two readings agree also
     * catches what reference processing frees one collection later, with no sleeping.
     *
     * @return the used heap in bytes after the last collection
     */
    public static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return used;
            }
            used = now;
        }
        return used;
    }
}
