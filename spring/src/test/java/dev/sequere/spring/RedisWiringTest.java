package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spring.app.Member;
import dev.sequere.spring.backend.SelectedBackend;
import dev.sequere.tck.ExternalServer;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis path on the running server ({@code SEQUERE_TEST_REDIS_URL}): a {@code UnifiedJedis}
 * bean and no {@code DataSource} give a Redis backend over it, under the prefix from the
 * environment. Only this test's keys are deleted afterwards.
 */
class RedisWiringTest {

    static final Verb SAY = Verb.of("say");

    static @Nullable UnifiedJedis client;

    String prefix;

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class)
    static class Config {

        @Bean(destroyMethod = "")
        UnifiedJedis jedis() {
            return client;
        }

        @Bean
        SequereConfigurer verbs() {
            return new SequereConfigurer() {
                @Override
                public void configure(Sequere.Builder builder) {
                }

                @Override
                public void configureTimelines(Timelines.Builder builder) {
                    builder.verbs(Member.class, SAY);
                }
            };
        }
    }

    @BeforeEach
    void connect() {
        String url = ExternalServer.require("SEQUERE_TEST_REDIS_URL", "Redis server");
        client = RedisClient.create(url);
        prefix = "sequere-spring-test:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void cleanUp() {
        if (client == null) {
            return; // skipped: no server
        }
        Set<String> keys = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        if (!keys.isEmpty()) {
            client.del(keys.toArray(String[]::new));
        }
        client.close();
        client = null;
    }

    @Test
    void aUnifiedJedisBeanGivesARedisBackendUnderThePropertiesPrefix() {
        try (AnnotationConfigApplicationContext context = TestContexts.start(Map.of("sequere.redis.prefix", prefix),
                Config.class)) {
            SelectedBackend selected = context.getBean(SelectedBackend.class);
            assertThat(selected.backend()).isInstanceOf(RedisBackend.class);
            assertThat(selected.origin()).contains("'jedis'");
            assertThat(context.getBeanFactory().getDependentBeans("jedis")).contains(SequereConfiguration.BACKEND_BEAN);
            Sequere sequere = context.getBean(Sequere.class);
            Member ann = new Member("ann", "Ann");
            Member bob = new Member("bob", "Bob");
            assertThat(sequere.follow(bob, ann)).isTrue();
            Timelines timelines = context.getBean(Timelines.class);
            timelines.of(ann).save(Action.of(ann, SAY).data(Map.of("text", "hi")));
            assertThat(timelines.of(bob).privateFeed().actions(10).items())
                    .extracting(a -> a.data().get("text")).containsExactly("hi");
        }
        // Everything went under the prefix, and the client the application owns is still open.
        assertThat(client.keys(prefix + "*")).isNotEmpty();
        try (AnnotationConfigApplicationContext context = TestContexts.start(Map.of("sequere.redis.prefix", prefix),
                Config.class)) {
            assertThat(context.getBean(Sequere.class).isFollowing(Ref.of("member", "bob"), Ref.of("member", "ann"))).isTrue();
        }
    }
}
