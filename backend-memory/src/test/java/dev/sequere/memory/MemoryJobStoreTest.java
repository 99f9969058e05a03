package dev.sequere.memory;

import dev.sequere.spi.Backend;
import dev.sequere.tck.JobStoreContract;

/** Runs the JobStore contract of the conformance kit on the in-memory backend (a LocalJobStore). */
class MemoryJobStoreTest extends JobStoreContract {

    @Override
    protected Backend createBackend() {
        return MemoryBackend.create();
    }
}
