package dev.sequere.tck;

/**
 * How much longer than usual the kit's load and race tests run: the system property
 * {@value #PROPERTY} (a whole number, default 1) multiplies their rounds and job counts, so a
 * soak runs the same tests for longer without slowing the normal build.
 */
public final class Soak {

    /** The system property that multiplies the load tests' sizes. */
    public static final String PROPERTY = "sequere.tck.soak";

    private Soak() {
    }

    /**
     * Scales a default size by the soak factor.
     *
     * @param size the size of a normal run
     * @return {@code size} times {@value #PROPERTY}, at least {@code size}
     */
    public static int scaled(int size) {
        String value = System.getProperty(PROPERTY);
        int factor = value == null || value.isBlank() ? 1 : Math.max(1, Integer.parseInt(value.trim()));
        return Math.multiplyExact(size, factor);
    }
}
