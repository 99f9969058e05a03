package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.TimelineContract;

/** The timeline conformance kit on PostgreSQL, each test in its own table prefix. */
class PostgresTimelineTest extends TimelineContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.POSTGRES.newBackend();
    }

    @Override
    protected void destroyBackend(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
