package dev.sequere.benchmarks.timeline;

import dev.sequere.benchmarks.Rounds;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Paired rounds of several operations for a shared, noisy machine: a round runs the operations one
 * after the other, their order rotating from one pass to the next, until the round has lasted
 * {@code roundNanos} (at least one pass, at most {@code maxPasses}); each operation's time is
 * summed over the round, and its rate per round is compared with the others' of the same round.
 * Load that comes and goes hits every side alike, so the median over the rounds of a ratio
 * survives a busy machine where separate runs would not.
 */
final class PairedRounds {

    /** One side: a name and the operation. */
    record Side(String name, Rounds.Op<RuntimeException> op) {
    }

    /** Rates per round (operations per second), one row per side. */
    record Result(List<Side> sides, double[][] rates) {

        /** The median over rounds of {@code side}'s rate. */
        double medianRate(int side) {
            return Rounds.median(rates[side]);
        }

        /** Per-round ratios of {@code side}'s rate to {@code baseline}'s. */
        double[] ratios(int side, int baseline) {
            double[] r = new double[rates[side].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = rates[side][i] / rates[baseline][i];
            }
            return r;
        }

        /** {@code "0.93x (0.88-0.97)"}: median and range of the per-round ratio. */
        String ratio(int side, int baseline) {
            double[] r = ratios(side, baseline);
            double[] sorted = r.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", Rounds.median(r), sorted[0], sorted[sorted.length - 1]);
        }
    }

    private PairedRounds() {
    }

    /**
     * Runs one warm-up round, then {@code rounds} measured ones.
     *
     * @param sides the operations
     * @param rounds measured rounds
     * @param roundNanos the least duration of a round
     * @param maxPasses the most passes per round
     * @return each side's rate per round
     */
    static Result run(List<Side> sides, int rounds, long roundNanos, int maxPasses) {
        round(sides, roundNanos, maxPasses);
        double[][] rates = new double[sides.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            double[] rate = round(sides, roundNanos, maxPasses);
            for (int s = 0; s < sides.size(); s++) {
                rates[s][r] = rate[s];
            }
        }
        return new Result(sides, rates);
    }

    private static double[] round(List<Side> sides, long roundNanos, int maxPasses) {
        int n = sides.size();
        long[] nanos = new long[n];
        long start = System.nanoTime();
        int passes = 0;
        do {
            for (int k = 0; k < n; k++) {
                // Rotate who goes first, so that no side always runs right after the same other one.
                int s = (k + passes) % n;
                long t0 = System.nanoTime();
                sides.get(s).op().run();
                nanos[s] += System.nanoTime() - t0;
            }
            passes++;
        } while (System.nanoTime() - start < roundNanos && passes < maxPasses);
        double[] rates = new double[n];
        for (int s = 0; s < n; s++) {
            rates[s] = passes * 1e9 / nanos[s];
        }
        return rates;
    }
}
