package dev.sequere.redis;

import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.TimelineContract;

/** Runs the timeline conformance kit on the standalone Redis server. */
class RedisTimelineTest extends TimelineContract {

    @Override
    protected Backend createBackend() {
        return Topology.STANDALONE.create(getClass());
    }

    @Override
    protected void destroyBackend(Backend backend) {
        Topology.STANDALONE.destroy(backend);
    }
}
