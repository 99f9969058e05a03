package dev.sequere.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a check against a second instance over the same storage when the backend declares that
 * its data outlives the process or is shared between processes, and reports (as an aborted test
 * with a message, never silently) when it declares neither.
 */
final class SharedStorage {

    private SharedStorage() {
    }

    /**
     * Opens the second instance the declared capabilities promise.
     *
     * @param backend the test's backend
     * @param opener the contract's {@code openAnother}
     * @return the second instance
     */
    static Backend requireSecondInstance(Backend backend, Function<Backend, Optional<Backend>> opener) {
        boolean declared = backend.capabilities().contains(Capability.PERSISTENT)
                || backend.capabilities().contains(Capability.SHARED_ACROSS_PROCESSES);
        Optional<Backend> other = opener.apply(backend);
        if (!declared) {
            other.ifPresent(Backend::close);
            Assumptions.abort("the backend declares neither PERSISTENT nor SHARED_ACROSS_PROCESSES: "
                    + "no second instance to check (capability absent, reported here rather than skipped silently)");
        }
        assertThat(other).as("the backend declares %s, so its test must override openAnother(Backend) "
                + "to open a second instance over the same data", backend.capabilities()).isPresent();
        return other.orElseThrow();
    }
}
