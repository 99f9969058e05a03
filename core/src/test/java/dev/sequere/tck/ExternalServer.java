package dev.sequere.tck;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external server a backend test runs against, in the order the project promises:
 * an environment variable, else a container when the backend's test can start one, else a skip
 * with a message that says how to enable the test. Under {@code CI=true} a missing server fails
 * the test instead of skipping it, so CI never turns green by testing nothing.
 */
public final class ExternalServer {

    private ExternalServer() {
    }

    /**
     * Whether this run is a CI run ({@code CI=true}).
     *
     * @return {@code true} under CI
     */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns the server address named by {@code envVar}, else the one {@code fallback} gives
     * (for example a Testcontainers container when Docker is available), else skips the test, or
     * fails it under CI.
     *
     * @param envVar the environment variable, e.g. {@code SEQUERE_TEST_POSTGRES_URL}
     * @param fallback a second source, returning empty when it has nothing
     * @param what a human name for the server, for messages
     * @return the address
     */
    public static String require(String envVar, Supplier<Optional<String>> fallback, String what) {
        String value = System.getenv(envVar);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        Optional<String> found = fallback.get();
        if (found.isPresent()) {
            return found.get();
        }
        String message = "no " + what + " to test against: set " + envVar
                + " (bash .ci/run does), or start Docker so that Testcontainers can provide one";
        if (underCi()) {
            throw new IllegalStateException(message + " [CI=true: a missing server is a failure, not a skip]");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /**
     * Same as {@link #require(String, Supplier, String)} without a fallback.
     *
     * @param envVar the environment variable
     * @param what a human name for the server
     * @return the address
     */
    public static String require(String envVar, String what) {
        return require(envVar, Optional::empty, what);
    }
}
