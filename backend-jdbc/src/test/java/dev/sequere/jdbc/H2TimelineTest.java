package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.TimelineContract;

/** The timeline conformance kit on the embedded H2, each test in its own table prefix. */
class H2TimelineTest extends TimelineContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.H2.newBackend();
    }

    @Override
    protected void destroyBackend(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
