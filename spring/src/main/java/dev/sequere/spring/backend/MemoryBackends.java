package dev.sequere.spring.backend;

import dev.sequere.memory.MemoryBackend;
import dev.sequere.spi.Backend;

/**
 * Creates the in-memory backend. A class of its own so that {@code MemoryBackend} is only loaded
 * once {@link BackendSelector} has checked that it is on the class path.
 */
final class MemoryBackends {

    static final String CLASS_NAME = "dev.sequere.memory.MemoryBackend";

    private MemoryBackends() {
    }

    static Backend create() {
        return MemoryBackend.create();
    }
}
