package dev.sequere.spring.backend;

import dev.sequere.spi.Backend;
import java.util.Objects;

/**
 * The backend {@link BackendSelector} chose, and whether the context owns it. Registered as a
 * bean so that the context closes an owned backend after the beans that use it (they depend on
 * this bean), and leaves an application's own {@link Backend} bean to its own lifecycle.
 */
public final class SelectedBackend implements AutoCloseable {

    private final Backend backend;
    private final boolean owned;
    private final String origin;

    /**
     * Creates the selection.
     *
     * @param backend the backend
     * @param owned whether closing the context must close it
     * @param origin how it was chosen, for logs and messages
     */
    public SelectedBackend(Backend backend, boolean owned, String origin) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.owned = owned;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * The chosen backend.
     *
     * @return the backend
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Whether the context created the backend and closes it.
     *
     * @return {@code true} when owned
     */
    public boolean owned() {
        return owned;
    }

    /**
     * How the backend was chosen, e.g. {@code "JDBC backend over DataSource bean 'dataSource'"}.
     *
     * @return a description
     */
    public String origin() {
        return origin;
    }

    /** Closes the backend if the context created it. */
    @Override
    public void close() {
        if (owned) {
            backend.close();
        }
    }

    @Override
    public String toString() {
        return origin;
    }
}
