package dev.sequere.tck;

import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a check against a second instance over the same storage when the backend declares that
 * its data outlives the process or is shared between processes. When it declares neither, or
 * declares one but its test gives no second instance, the test is aborted with a message that
 * says so (reported as skipped with its reason, never silently passed).
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
        if (other.isEmpty()) {
            // Reported, not failed: the test must add openAnother(Backend) to prove the claim.
            Assumptions.abort("the backend declares " + backend.capabilities() + " but its test does not override "
                    + "openAnother(Backend), so the claim is NOT checked: open a second instance over the same data there");
        }
        return other.orElseThrow();
    }
}
