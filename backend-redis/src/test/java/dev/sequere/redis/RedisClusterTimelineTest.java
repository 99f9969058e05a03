package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.TimelineContract;

/** Runs the timeline conformance kit on a Redis Cluster of three masters. */
class RedisClusterTimelineTest extends TimelineContract {

    @Override
    protected Backend createBackend() {
        return Topology.CLUSTER.create(getClass());
    }

    @Override
    protected void destroyBackend(Backend backend) {
        Topology.CLUSTER.destroy(backend);
    }
}
