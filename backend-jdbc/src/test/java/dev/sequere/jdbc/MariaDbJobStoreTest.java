package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.tck.JobStoreContract;
import java.util.Optional;

/** The {@link JobStoreContract} on MariaDB, each test in its own table prefix. */
class MariaDbJobStoreTest extends JobStoreContract {

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
