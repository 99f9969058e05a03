package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.tck.FollowStoreContract;
import java.util.Optional;

/** Runs the FollowStore contract of the conformance kit on the standalone Redis server with the Cluster's per-side write protocol forced on. */
class RedisPerSideFollowStoreTest extends FollowStoreContract {

    @Override
    protected Backend createBackend() {
        return Topology.STANDALONE_PER_SIDE.create(getClass());
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(Topology.STANDALONE_PER_SIDE.openAnother(backend));
    }

    @Override
    protected void destroyBackend(Backend backend) {
        Topology.STANDALONE_PER_SIDE.destroy(backend);
    }

    @Override
    protected int loadThreads() {
        return 8;
    }
}
