package dev.sequere.memory;

import dev.sequere.spi.Backend;
import dev.sequere.tck.FeedStoreContract;

/** Runs the FeedStore contract of the conformance kit on the in-memory backend. */
class MemoryFeedStoreTest extends FeedStoreContract {

    @Override
    protected Backend createBackend() {
        return MemoryBackend.create();
    }
}
