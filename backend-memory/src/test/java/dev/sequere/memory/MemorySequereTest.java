package dev.sequere.memory;

import dev.sequere.spi.Backend;
import dev.sequere.tck.SequereContract;

/** Runs the Sequere contract of the conformance kit on the in-memory backend. */
class MemorySequereTest extends SequereContract {

    @Override
    protected Backend createBackend() {
        return MemoryBackend.create();
    }
}
