package dev.sequere.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Sequere;
import dev.sequere.boot.health.SequereHealthIndicator;
import dev.sequere.spi.Backend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/** The {@code sequere} health indicator: UP with the backlog, DOWN when the store fails, OUT_OF_SERVICE when stuck. */
class SequereHealthTest {

    @Test
    void upWithTheBacklogAndRegisteredUnderTheNameSequere() {
        Runners.withHealth()
                .withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
                    assertThat(registry.getContributor("sequere")).isSameAs(context.getBean(SequereHealthIndicator.class));
                    Health health = context.getBean(SequereHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("backlog", 0L).containsEntry("oldestJobAge", "PT0S")
                            .containsEntry("backend", "MemoryBackend");
                });
    }

    @Test
    void downWithTheErrorOnceTheDataSourceIsShutDown() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:health_down;DB_CLOSE_DELAY=-1");
        dataSource.setConnectionTimeout(250);
        Runners.withHealth().withBean("dataSource", DataSource.class, () -> dataSource).run(context -> {
            SequereHealthIndicator indicator = context.getBean(SequereHealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getDetails()).containsEntry("backend", "JdbcBackend");

            dataSource.close();

            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
            assertThat(health.getDetails().get("error").toString()).contains("BackendException");
        });
    }

    @Test
    void outOfServiceWhenTheOldestJobIsOlderThanTheThreshold() {
        // The Sequere's clock runs an hour ahead of the store's: every job looks an hour old.
        Clock ahead = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        Runners.withHealth()
                .withPropertyValues("sequere.health.max-oldest-job-age=10m")
                .withBean("clockAhead", SequereBuilderCustomizer.class, () -> builder -> builder.clock(ahead))
                .run(context -> {
                    SequereHealthIndicator indicator = context.getBean(SequereHealthIndicator.class);
                    assertThat(indicator.health().getStatus()).as("no job yet").isEqualTo(Status.UP);

                    Backend backend = context.getBean(Sequere.class).backend();
                    backend.jobs().create("test", "{}", "health-test", Duration.ofMinutes(5));

                    Health health = indicator.health();
                    assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                    assertThat(health.getDetails()).containsEntry("backlog", 1L).containsKey("reason");
                });
    }

    @Test
    void managementHealthSequereEnabledFalseTurnsItOff() {
        Runners.withHealth().withPropertyValues("management.health.sequere.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SequereHealthIndicator.class));
    }
}
