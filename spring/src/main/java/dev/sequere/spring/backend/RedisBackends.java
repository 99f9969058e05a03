package dev.sequere.spring.backend;

import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import org.springframework.core.env.Environment;
import redis.clients.jedis.UnifiedJedis;

/**
 * Creates the Redis backend over the context's {@code UnifiedJedis}. A class of its own so that
 * {@code RedisBackend} and Jedis are only loaded once {@link BackendSelector} has checked that
 * they are on the class path.
 *
 * <p>Option from the environment: {@code sequere.redis.prefix} (default the backend's
 * {@code sequere:}), so that several applications share one server without seeing each
 * other's keys.
 */
final class RedisBackends {

    static final String CLASS_NAME = "dev.sequere.redis.RedisBackend";
    static final String CLIENT_CLASS_NAME = "redis.clients.jedis.UnifiedJedis";

    /** Property naming the key prefix. */
    static final String PREFIX = "sequere.redis.prefix";

    private RedisBackends() {
    }

    static Backend create(Object client, Environment environment) {
        RedisBackend.Builder builder = RedisBackend.builder((UnifiedJedis) client);
        String prefix = environment.getProperty(PREFIX);
        if (prefix != null) {
            builder.prefix(prefix);
        }
        return builder.build();
    }
}
