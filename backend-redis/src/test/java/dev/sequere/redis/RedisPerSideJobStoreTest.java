package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.tck.JobStoreContract;
import java.util.Optional;

/** Runs the JobStore contract of the conformance kit on the standalone Redis server with the Cluster's protocol forced on (eight job streams). */
class RedisPerSideJobStoreTest extends JobStoreContract {

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

    /** Jobs spread over shard streams are claimed only roughly oldest first. */
    @Override
    protected boolean claimsInCreationOrder() {
        return false;
    }
}
