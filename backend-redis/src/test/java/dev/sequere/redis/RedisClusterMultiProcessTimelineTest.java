package dev.sequere.redis;

import dev.sequere.redis.support.RedisTimelineFixture;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.MultiProcessTimelineContract;
import java.util.function.Function;

/** The multi-process timeline kit on the three-master Redis Cluster: three JVMs, SIGKILLed fan-outs. */
class RedisClusterMultiProcessTimelineTest extends MultiProcessTimelineContract {

    @Override
    protected Class<? extends Function<String, Backend>> backendFactory() {
        return RedisTimelineFixture.class;
    }

    @Override
    protected String newNamespace() {
        return RedisTimelineFixture.spec(Topology.CLUSTER, getClass());
    }

    @Override
    protected void dropNamespace(Backend backend) {
        RedisTimelineFixture.drop(backend);
    }
}
