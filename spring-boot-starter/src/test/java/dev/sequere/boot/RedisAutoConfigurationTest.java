package dev.sequere.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.boot.fixture.Member;
import dev.sequere.boot.health.SequereHealthIndicator;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import dev.sequere.tck.ExternalServer;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis path on the running server ({@code SEQUERE_TEST_REDIS_URL}; skipped without one,
 * failed under {@code CI=true}): a {@code UnifiedJedis} bean gives the Redis backend, under the
 * configured key prefix.
 */
class RedisAutoConfigurationTest {

    static final String PREFIX = "sequere-boot-test:" + UUID.randomUUID() + ":";

    static String url = "";

    @BeforeAll
    static void server() {
        url = ExternalServer.require("SEQUERE_TEST_REDIS_URL", "Redis server");
    }

    @AfterAll
    static void cleanUp() {
        if (url.isEmpty()) {
            return;
        }
        try (RedisClient client = RedisClient.create(url)) {
            Set<String> keys = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().match(PREFIX + "*").count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            if (!keys.isEmpty()) {
                client.del(keys.toArray(String[]::new));
            }
        }
    }

    @Test
    void aRedisClientBeanGivesTheRedisBackendUnderThePrefix() {
        Runners.starter()
                .withBean("redis", UnifiedJedis.class, () -> RedisClient.create(url))
                .withPropertyValues("sequere.redis.prefix=" + PREFIX, "sequere.timelines.verbs=say",
                        "sequere.timelines.fan-out-executor=caller")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Backend backend = context.getBean(Backend.class);
                    assertThat(backend).isInstanceOf(RedisBackend.class);
                    Sequere sequere = context.getBean(Sequere.class);
                    Member alice = new Member("alice");
                    Member bob = new Member("bob");
                    sequere.follow(bob, alice);
                    Timelines timelines = context.getBean(Timelines.class);
                    timelines.of(alice).save(Action.of(alice, Verb.of("say")));
                    assertThat(timelines.awaitFanOut(Duration.ofSeconds(10))).isTrue();
                    assertThat(timelines.of(bob).privateFeed().count()).isEqualTo(1);

                    UnifiedJedis client = context.getBean(UnifiedJedis.class);
                    ScanResult<String> keys = client.scan(ScanParams.SCAN_POINTER_START,
                            new ScanParams().match(PREFIX + "*").count(10_000));
                    assertThat(keys.getResult()).isNotEmpty();

                    SequereHealthIndicator indicator = context.getBean(SequereHealthIndicator.class);
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(indicator.health().getDetails()).containsEntry("backend", "RedisBackend");

                    // The client the application owns goes away: the store can no longer be read.
                    client.close();
                    Health down = indicator.health();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails()).containsKey("error");
                });
    }

    @Test
    void aDataSourceTakesPrecedenceInAutoButBackendRedisPicksTheClient() {
        Runners.withH2("redis_precedence")
                .withBean("redis", UnifiedJedis.class, () -> RedisClient.create(url))
                .withPropertyValues("sequere.redis.prefix=" + PREFIX, "sequere.backend=redis")
                .run(context -> assertThat(context.getBean(Backend.class)).isInstanceOf(RedisBackend.class));
        Runners.withH2("redis_precedence_auto")
                .withBean("redis", UnifiedJedis.class, () -> RedisClient.create(url))
                .withPropertyValues("sequere.redis.prefix=" + PREFIX)
                .run(context -> assertThat(context.getBean(Backend.class)).isNotInstanceOf(RedisBackend.class));
    }
}
