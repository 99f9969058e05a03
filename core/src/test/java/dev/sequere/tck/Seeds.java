package dev.sequere.tck;

/**
 * The seed of a randomized kit test: fixed so that a failure replays exactly, overridable with
 * {@code -Dsequere.tck.seed=...} to explore other sequences.
 */
public final class Seeds {

    /** The system property that overrides every randomized test's seed. */
    public static final String PROPERTY = "sequere.tck.seed";

    private Seeds() {
    }

    /**
     * The seed to use.
     *
     * @param defaultSeed the test's own fixed seed
     * @return the seed from {@value #PROPERTY}, else {@code defaultSeed}
     */
    public static long seed(long defaultSeed) {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? defaultSeed : Long.parseLong(value.trim());
    }

    /**
     * The text failure messages start with, so a failing run can be replayed.
     *
     * @param seed the seed in use
     * @return a message prefix
     */
    public static String replay(long seed) {
        return "seed " + seed + " (replay with -D" + PROPERTY + "=" + seed + ")";
    }
}
