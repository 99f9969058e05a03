package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.tck.DeliveryContract;
import java.util.Optional;

/** Runs the conditional-delivery contract of the conformance kit on a three-master Redis Cluster. */
class RedisClusterDeliveryTest extends DeliveryContract {

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
}
