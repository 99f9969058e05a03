package dev.sequere.examples.chirp;

import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.RedisClient;

/**
 * Added to the context when chirp is started with {@code --redis}: an application
 * {@code Backend} bean, which {@code @EnableSequere} prefers to the {@code DataSource}, so
 * follows and timelines go to Redis while users stay in the database.
 */
@Configuration(proxyBeanMethods = false)
public class RedisFollows {

    /** Created by Spring. */
    public RedisFollows() {
    }

    /**
     * The Redis client, closed with the context after the backend that uses it.
     *
     * @param settings for the URL
     * @return the client
     */
    @Bean(destroyMethod = "close")
    public RedisClient chirpRedis(ChirpSettings settings) {
        return RedisClient.create(Objects.requireNonNull(settings.redisUrl(), "redisUrl"));
    }

    /**
     * The Redis backend, keys under {@code <prefix>:}.
     *
     * @param client the client
     * @param settings for the key prefix
     * @return the backend
     */
    @Bean
    public Backend redisBackend(RedisClient client, ChirpSettings settings) {
        return RedisBackend.builder(client).prefix(settings.prefix() + ":").build();
    }
}
