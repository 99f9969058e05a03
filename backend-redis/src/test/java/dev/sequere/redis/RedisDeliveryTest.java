package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.tck.DeliveryContract;
import java.util.Optional;

/** Runs the conditional-delivery contract of the conformance kit on the standalone Redis server. */
class RedisDeliveryTest extends DeliveryContract {

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
