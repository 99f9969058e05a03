package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.tck.JobStoreContract;
import java.util.Optional;

/** The {@link JobStoreContract} on H2, each test in its own table prefix. */
class H2JobStoreTest extends JobStoreContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.H2.newBackend();
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(TestDatabase.H2.reopen(backend));
    }

    @Override
    protected void destroyBackend(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
