package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.tck.FollowStoreContract;
import java.util.Optional;

/** The {@link FollowStoreContract} on Postgres, each test in its own table prefix. */
class PostgresFollowStoreTest extends FollowStoreContract {

    @Override
    protected Backend createBackend() {
        return TestDatabase.POSTGRES.newBackend();
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(TestDatabase.POSTGRES.reopen(backend));
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
