package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.tck.FollowStoreContract;
import java.util.Optional;

/** The {@link FollowStoreContract} on MariaDb, each test in its own table prefix. */
class MariaDbFollowStoreTest extends FollowStoreContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.MARIADB.newBackend();
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(TestDatabase.MARIADB.reopen(backend));
    }

    @Override
    protected int loadThreads() {
        // A server takes concurrent commits in groups: more loaders, shorter large-listing test.
        return 8;
    }

    @Override
    protected void destroyBackend(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
