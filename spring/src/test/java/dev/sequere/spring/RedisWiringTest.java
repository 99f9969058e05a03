package dev.sequere.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spring.app.Member;
import dev.sequere.spring.backend.SelectedBackend;
import dev.sequere.spring.event.FollowedEvent;
import dev.sequere.spring.event.PublishedEvent;
import dev.sequere.tck.ExternalServer;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis path on the running server ({@code SEQUERE_TEST_REDIS_URL}): a {@code UnifiedJedis}
 * bean and no {@code DataSource} give a Redis backend over it, under the prefix from the
 * environment (a unique one per run, set through {@code @DynamicPropertySource}). Only this
 * test's keys are deleted afterwards.
 */
@SpringJUnitConfig(RedisWiringTest.Config.class)
class RedisWiringTest {

    static final Verb SAY = Verb.of("say");

    static final String PREFIX = "sequere-spring-test:" + UUID.randomUUID() + ":";

    /** The application's client: made before the context starts, closed by the test, not the context. */
    static @Nullable UnifiedJedis client;

    @Configuration(proxyBeanMethods = false)
    @EnableSequere(followables = Member.class)
    static class Config {

        @Bean(destroyMethod = "")
        UnifiedJedis jedis() {
            return client;
        }

        @Bean
        RecordedEvents events() {
            return new RecordedEvents();
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

    @BeforeAll
    static void connect() {
        // Runs before the context loads: without a server the class is skipped (a failure under CI=true).
        String url = ExternalServer.require("SEQUERE_TEST_REDIS_URL", "Redis server");
        client = RedisClient.create(url);
    }

    @DynamicPropertySource
    static void prefix(DynamicPropertyRegistry registry) {
        registry.add("sequere.redis.prefix", () -> PREFIX);
    }

    @AfterAll
    static void cleanUp() {
        if (client == null) {
            return; // skipped: no server
        }
        // The context has closed its backend, and the client the application owns still works.
        assertThat(client.ping()).isEqualTo("PONG");
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
        client.close();
        client = null;
        // Everything the test wrote went under the prefix.
        assertThat(keys).isNotEmpty();
    }

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    SelectedBackend selected;

    @Autowired
    Sequere sequere;

    @Autowired
    Timelines timelines;

    @Autowired
    RecordedEvents events;

    @Test
    @DirtiesContext // closed after the method: cleanUp then checks the application's client is still open
    void aUnifiedJedisBeanGivesARedisBackendUnderThePropertiesPrefix() {
        assertThat(selected.backend()).isInstanceOf(RedisBackend.class);
        assertThat(selected.origin()).contains("'jedis'");
        assertThat(context.getBeanFactory().getDependentBeans("jedis")).contains(SequereConfiguration.BACKEND_BEAN);

        Member ann = new Member("ann", "Ann");
        Member bob = new Member("bob", "Bob");
        assertThat(sequere.follow(bob, ann)).isTrue();
        Action hi = timelines.of(ann).save(Action.of(ann, SAY).data(Map.of("text", "hi")));
        // No TaskExecutor bean: fan-out ran on this thread, so the follower has it already.
        assertThat(timelines.of(bob).privateFeed().actions(10).items())
                .extracting(a -> a.data().get("text")).containsExactly("hi");
        List<Object> received = events.all();
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isInstanceOfSatisfying(FollowedEvent.class,
                e -> assertThat(e.follower()).isEqualTo(Ref.of("member", "bob")));
        assertThat(received.get(1)).isEqualTo(new PublishedEvent(hi));

        // A second context with the same prefix reads the follow back: it is stored in Redis.
        try (AnnotationConfigApplicationContext second = TestContexts.start(Map.of("sequere.redis.prefix", PREFIX),
                Config.class)) {
            assertThat(second.getBean(Sequere.class).isFollowing(Ref.of("member", "bob"), Ref.of("member", "ann")))
                    .isTrue();
        }
    }
}
