package dev.sequere.memory;

import dev.sequere.spi.Backend;
import dev.sequere.tck.FollowStoreContract;

/** Runs the FollowStore contract of the conformance kit on the in-memory backend. */
class MemoryFollowStoreTest extends FollowStoreContract {

    @Override
    protected Backend createBackend() {
        return MemoryBackend.create();
    }
}
