package dev.sequere.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Sequere;
import dev.sequere.boot.fixture.Member;
import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.micrometer.SequereMetrics;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.fanout.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meters, bound by hand (plain Micrometer) and by Spring Boot's metrics auto-configuration. */
class SequereMetricsTest {

    static final Verb SAY = Verb.of("say");

    @Test
    void plainMicrometerCountsFollowsPublishesDeliveriesAndTheBacklog() throws InterruptedException {
        Sequere sequere = Sequere.builder().backend(MemoryBackend.create()).register(Member.class).build();
        try (Timelines timelines = Timelines.builder(sequere).verbs(SAY).workers(0).build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SequereMetrics.builder(sequere).timelines(timelines).statsMaxAge(Duration.ZERO).build().bindTo(registry);
            Member alice = new Member("alice");
            Member bob = new Member("bob");
            assertThat(count(registry, "sequere.follows")).isZero();

            sequere.follow(bob, alice);
            sequere.follow(alice, bob);
            sequere.unfollow(alice, bob);
            assertThat(count(registry, "sequere.follows")).isEqualTo(2);
            assertThat(count(registry, "sequere.unfollows")).isEqualTo(1);

            assertThat(count(registry, "sequere.timeline.deliveries")).isZero();
            timelines.of(alice).save(Action.of(alice, SAY));
            assertThat(timelines.awaitFanOut(Duration.ofSeconds(10))).isTrue();
            assertThat(count(registry, "sequere.timeline.published")).isEqualTo(1);
            assertThat(count(registry, "sequere.timeline.deliveries")).as("bob's private timeline").isPositive();
            assertThat(count(registry, "sequere.timeline.fanouts.completed")).isEqualTo(1);
            assertThat(registry.get("sequere.timeline.failures").tag("kind", "fanout").functionCounter().count()).isZero();
            assertThat(registry.get("sequere.timeline.jobs.backlog").gauge().value()).isZero();

            // A job nobody works on (workers=0): the backlog shows it.
            sequere.backend().jobs().create("test", "{}", "metrics-test", Duration.ofMinutes(5));
            assertThat(registry.get("sequere.timeline.jobs.backlog").gauge().value()).isEqualTo(1);
            assertThat(registry.get("sequere.timeline.jobs.oldest.age").timeGauge().value(TimeUnit.MILLISECONDS))
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void whileTheStoreCannotBeReadTheStoreGaugesAreNanAndCountersKeepTheirValues() throws InterruptedException {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:metrics_down;DB_CLOSE_DELAY=-1");
        dataSource.setConnectionTimeout(250);
        Sequere sequere = Sequere.builder().backend(JdbcBackend.builder(dataSource).build()).register(Member.class)
                .build();
        try (Timelines timelines = Timelines.builder(sequere).verbs(SAY).workers(0).retry(RetryPolicy.none()).build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SequereMetrics.builder(sequere).timelines(timelines).statsMaxAge(Duration.ZERO).build().bindTo(registry);
            Member alice = new Member("alice");
            sequere.follow(new Member("bob"), alice);
            timelines.of(alice).save(Action.of(alice, SAY));
            assertThat(timelines.awaitFanOut(Duration.ofSeconds(10))).isTrue();
            double delivered = count(registry, "sequere.timeline.deliveries");
            assertThat(delivered).isPositive();
            assertThat(registry.get("sequere.timeline.jobs.backlog").gauge().value()).isZero();

            dataSource.close();

            assertThat(registry.get("sequere.timeline.jobs.backlog").gauge().value()).isNaN();
            assertThat(registry.get("sequere.timeline.jobs.oldest.age").timeGauge().value(TimeUnit.SECONDS)).isNaN();
            assertThat(count(registry, "sequere.timeline.deliveries")).isEqualTo(delivered);
            assertThat(count(registry, "sequere.follows")).isEqualTo(1);
        }
    }

    @Test
    void followOnlyMetricsHaveNoTimelineMeters() {
        Sequere sequere = Sequere.builder().backend(MemoryBackend.create()).register(Member.class).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SequereMetrics.builder(sequere).build().bindTo(registry);
        sequere.follow(new Member("a"), new Member("b"));
        assertThat(count(registry, "sequere.follows")).isEqualTo(1);
        assertThat(registry.find("sequere.timeline.published").meter()).isNull();
    }

    @Test
    void springBootBindsTheMetersToItsRegistry() {
        Runners.withMetrics().withPropertyValues("sequere.timelines.verbs=say", "sequere.timelines.workers=0")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SequereMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    Timelines timelines = context.getBean(Timelines.class);
                    Member alice = new Member("alice");
                    timelines.sequere().follow(new Member("bob"), alice);
                    timelines.of(alice).save(Action.of(alice, SAY));
                    assertThat(timelines.awaitFanOut(Duration.ofSeconds(10))).isTrue();
                    assertThat(count(registry, "sequere.follows")).isEqualTo(1);
                    assertThat(count(registry, "sequere.timeline.published")).isEqualTo(1);
                    assertThat(count(registry, "sequere.timeline.deliveries")).isPositive();
                });
    }

    @Test
    void noRegistryOrMetricsDisabledMeansNoMetricsBean() {
        Runners.starter().run(context -> assertThat(context).doesNotHaveBean(SequereMetrics.class));
        Runners.withMetrics().withPropertyValues("sequere.metrics.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SequereMetrics.class));
    }

    private static double count(MeterRegistry registry, String name) {
        return registry.get(name).functionCounter().count();
    }
}
