package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.tck.JobStoreContract;
import java.util.Optional;

/** Runs the JobStore contract of the conformance kit on the standalone Redis server (one job stream). */
class RedisJobStoreTest extends JobStoreContract {

    @Override
    protected Backend createBackend() {
        return Topology.STANDALONE.create(getClass());
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(Topology.STANDALONE.openAnother(backend));
    }

    @Override
    protected void destroyBackend(Backend backend) {
        Topology.STANDALONE.destroy(backend);
    }
}
