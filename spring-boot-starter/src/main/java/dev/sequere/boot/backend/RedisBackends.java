package dev.sequere.boot.backend;

import dev.sequere.boot.SequereProperties;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds the Redis backend. A class of its own so that {@code RedisBackend} and Jedis are loaded
 * only once {@link BackendChooser} has checked that they are on the class path. The backend does
 * not close the client: the application's bean owns it.
 */
final class RedisBackends {

    static final String CLASS_NAME = "dev.sequere.redis.RedisBackend";
    static final String CLIENT_CLASS_NAME = "redis.clients.jedis.UnifiedJedis";

    private RedisBackends() {
    }

    static Backend create(Object client, SequereProperties.Redis options) {
        return RedisBackend.builder((UnifiedJedis) client).prefix(options.getPrefix()).build();
    }
}
