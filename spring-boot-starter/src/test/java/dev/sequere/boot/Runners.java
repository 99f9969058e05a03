package dev.sequere.boot;

import dev.sequere.boot.fixture.Member;
import dev.sequere.boot.health.SequereHealthAutoConfiguration;
import dev.sequere.boot.metrics.SequereMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Context runners with the starter's auto-configurations and the Boot ones they follow. */
final class Runners {

    private Runners() {
    }

    /** The starter alone: no DataSource, no registry. The member type is registered by a customizer. */
    static ApplicationContextRunner starter() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SequereAutoConfiguration.class,
                        SequereTimelinesAutoConfiguration.class, SequereMetricsAutoConfiguration.class,
                        SequereHealthAutoConfiguration.class))
                .withBean("registerMember", SequereBuilderCustomizer.class,
                        () -> builder -> builder.register(Member.class));
    }

    /** The starter with Boot's DataSource auto-configuration on an H2 database of its own. */
    static ApplicationContextRunner withH2(String database) {
        return starter()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                        "spring.datasource.username=sa");
    }

    /** The starter with Boot's metrics auto-configuration and its simple registry. */
    static ApplicationContextRunner withMetrics() {
        return starter()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("sequere.metrics.stats-max-age=0s");
    }

    /** The starter with Boot's health contributor auto-configuration. */
    static ApplicationContextRunner withHealth() {
        return starter().withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class));
    }
}
