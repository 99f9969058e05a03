package dev.sequere.benchmarks;

import java.util.Arrays;

/**
 * The two measurements every paired runner makes: an operation's rate over one time slice, and
 * the median of per-round figures.
 */
public final class Rounds {

    private Rounds() {
    }

    /**
     * An operation timed by {@link #perSecond}.
     *
     * @param <E> what it may throw (a storage error, or nothing checked)
     */
    @FunctionalInterface
    public interface Op<E extends Exception> {

        /**
         * Runs the operation once.
         *
         * @throws E when it fails
         */
        void run() throws E;
    }

    /**
     * Runs {@code op} again and again for one slice, at least once.
     *
     * @param op the operation
     * @param sliceNanos how long to run it
     * @param <E> what the operation may throw
     * @return operations per second over the slice
     * @throws E when an operation fails
     */
    public static <E extends Exception> double perSecond(Op<E> op, long sliceNanos) throws E {
        long start = System.nanoTime();
        long end = start + sliceNanos;
        long n = 0;
        long now;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n * 1e9 / (now - start);
    }

    /**
     * The median (the upper one for an even count) of figures, which stay unsorted.
     *
     * @param values the figures
     * @return their median
     */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
