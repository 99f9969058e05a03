package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.tck.DeliveryContract;
import java.util.Optional;

/** The {@link DeliveryContract} on PostgreSQL, each test in its own table prefix. */
class PostgresDeliveryTest extends DeliveryContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.POSTGRES.newBackend();
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(TestDatabase.POSTGRES.reopen(backend));
    }

    @Override
    protected void destroyBackend(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
