package dev.sequere.tck;

import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a second instance for checks that only make sense where several processes work on the same
 * data at once (job claims, conditional delivery racing a purge): the backend must declare
 * {@link Capability#SHARED_ACROSS_PROCESSES}. Otherwise, or when its test gives no second instance,
 * the test is aborted with a message saying so (reported as skipped with its reason).
 */
final class SharedProcesses {

    private SharedProcesses() {
    }

    /**
     * Opens the second instance that {@link Capability#SHARED_ACROSS_PROCESSES} promises.
     *
     * @param backend the test's backend
     * @param opener the contract's {@code openAnother}
     * @return the second instance, which the caller closes
     */
    static Backend requireSecondProcess(Backend backend, Function<Backend, Optional<Backend>> opener) {
        boolean declared = backend.capabilities().contains(Capability.SHARED_ACROSS_PROCESSES);
        Optional<Backend> other = opener.apply(backend);
        if (!declared) {
            other.ifPresent(Backend::close);
            Assumptions.abort("the backend does not declare SHARED_ACROSS_PROCESSES: no second process to race "
                    + "(capability absent, reported here rather than skipped silently)");
        }
        if (other.isEmpty()) {
            Assumptions.abort("the backend declares SHARED_ACROSS_PROCESSES but its test does not override "
                    + "openAnother(Backend), so the claim is NOT checked: open a second instance over the same data there");
        }
        return other.orElseThrow();
    }
}
