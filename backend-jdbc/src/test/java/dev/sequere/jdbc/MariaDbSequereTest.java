package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.tck.SequereContract;
import java.util.Optional;

/** The {@link SequereContract} on MariaDb, each test in its own table prefix. */
class MariaDbSequereTest extends SequereContract {

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
