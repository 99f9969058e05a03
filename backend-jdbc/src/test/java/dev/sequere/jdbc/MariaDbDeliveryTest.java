package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.tck.DeliveryContract;
import java.util.Optional;

/** The {@link DeliveryContract} on MariaDB, each test in its own table prefix. */
class MariaDbDeliveryTest extends DeliveryContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.MARIADB.newBackend();
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(TestDatabase.MARIADB.reopen(backend));
    }

    @Override
    protected void destroyBackend(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
