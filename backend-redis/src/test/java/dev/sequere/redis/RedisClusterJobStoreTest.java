package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.tck.JobStoreContract;
import java.util.Optional;

/** Runs the JobStore contract of the conformance kit on a three-master Redis Cluster (eight job streams). */
class RedisClusterJobStoreTest extends JobStoreContract {

    @Override
    protected Backend createBackend() {
        return Topology.CLUSTER.create(getClass());
    }

    @Override
    protected Optional<Backend> openAnother(Backend backend) {
        return Optional.of(Topology.CLUSTER.openAnother(backend));
    }

    @Override
    protected void destroyBackend(Backend backend) {
        Topology.CLUSTER.destroy(backend);
    }

    /** Jobs spread over shard streams are claimed only roughly oldest first. */
    @Override
    protected boolean claimsInCreationOrder() {
        return false;
    }
}
