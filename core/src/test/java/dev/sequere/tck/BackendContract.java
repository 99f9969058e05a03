package dev.sequere.tck;

import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.jspecify.annotations.Nullable;

/**
 * What every contract class shares: a fresh backend per test method, handed back to the backend's
 * own test for cleanup afterwards. Tests on a shared server must give each backend its own
 * namespace (key prefix, schema, table prefix) so that runs and other modules never see each
 * other's data.
 */
public abstract class BackendContract {

    private @Nullable Backend backend;

    /**
     * A fresh, empty backend in its own namespace (unique key prefix, schema or table prefix), for
     * one test method.
     *
     * @return the backend under test
     */
    protected abstract Backend createBackend();

    /**
     * Called after each test with the backend {@link #createBackend()} returned: drop only what
     * it made, then close it.
     *
     * @param backend the backend to dispose of
     */
    protected void destroyBackend(Backend backend) {
        backend.close();
    }

    /**
     * A second backend over the same storage and namespace as {@code backend}, as another
     * application instance (or the same one after a restart) would open it. A backend that declares
     * {@link Capability#PERSISTENT} or {@link Capability#SHARED_ACROSS_PROCESSES} must override
     * this: the kit then checks that writes through one instance are seen by the other, and that
     * concurrent writes through both stay atomic. The kit closes the returned backend, so closing
     * it must not drop data; {@link #destroyBackend} still cleans up through the first one.
     *
     * @param backend the backend {@link #createBackend()} returned for this test
     * @return another instance over the same data, or empty when the backend is process-local
     */
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.empty();
    }

    /**
     * The backend of the running test.
     *
     * @return the backend created for this test method
     */
    protected final Backend backend() {
        Backend current = backend;
        if (current == null) {
            throw new IllegalStateException("no backend: createBackend() has not run for this test");
        }
        return current;
    }

    /** Creates this test's backend. */
    @BeforeEach
    protected final void setUpBackend() {
        backend = createBackend();
    }

    /** Disposes of this test's backend, even when the test failed. */
    @AfterEach
    protected final void tearDownBackend() {
        Backend current = backend;
        backend = null;
        if (current != null) {
            destroyBackend(current);
        }
    }
}
