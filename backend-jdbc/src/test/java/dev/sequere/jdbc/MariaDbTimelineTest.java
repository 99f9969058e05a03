package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.TimelineContract;

/** The timeline conformance kit on MariaDB, each test in its own table prefix. */
class MariaDbTimelineTest extends TimelineContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.MARIADB.newBackend();
    }

    @Override
    protected void destroyBackend(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
