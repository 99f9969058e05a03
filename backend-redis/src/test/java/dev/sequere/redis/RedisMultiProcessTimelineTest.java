package dev.sequere.redis;

import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.MultiProcessTimelineContract;
import java.util.UUID;
import java.util.function.Function;

/** The multi-process timeline kit on the standalone Redis server: three JVMs, SIGKILLed fan-outs. */
class RedisMultiProcessTimelineTest extends MultiProcessTimelineContract {

    @Override
    protected Class<? extends Function<String, Backend>> backendFactory() {
        return RedisTimelineFixture.class;
    }

    @Override
    protected String newNamespace() {
        return RedisTimelineFixture.spec(false, "mps:" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }

    @Override
    protected void dropNamespace(Backend backend) {
        RedisTimelineFixture.drop(backend);
    }
}
