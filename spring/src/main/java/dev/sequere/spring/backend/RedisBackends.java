package dev.sequere.spring.backend;

import dev.sequere.RegistrationException;
import dev.sequere.spi.Backend;
import org.springframework.core.env.Environment;

/** Placeholder until the Redis backend's API is settled. */
final class RedisBackends {

    static final String CLASS_NAME = "dev.sequere.redis.RedisBackend";
    static final String CLIENT_CLASS_NAME = "redis.clients.jedis.UnifiedJedis";

    private RedisBackends() {
    }

    static Backend create(Object client, Environment environment) {
        throw new RegistrationException("Redis backend not supported yet");
    }
}
