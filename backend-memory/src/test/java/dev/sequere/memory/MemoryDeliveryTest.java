package dev.sequere.memory;

import dev.sequere.spi.Backend;
import dev.sequere.tck.DeliveryContract;

/**
 * Runs the conditional-delivery contract of the conformance kit on the in-memory backend, which
 * uses the default {@code deliver}, {@code purge} and {@code fanOutStep} of {@link Backend}.
 */
class MemoryDeliveryTest extends DeliveryContract {

    @Override
    protected Backend createBackend() {
        return MemoryBackend.create();
    }
}
