package dev.sequere.boot.metrics;

import dev.sequere.Sequere;
import dev.sequere.boot.SequereAutoConfiguration;
import dev.sequere.boot.SequereProperties;
import dev.sequere.boot.SequereTimelinesAutoConfiguration;
import dev.sequere.micrometer.SequereMetrics;
import dev.sequere.timeline.Timelines;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link SequereMetrics} bean, when Micrometer is on the class path and the context has a
 * {@code MeterRegistry} and a {@code Sequere}. Spring Boot's metrics auto-configuration binds it
 * to the registry, as it does every {@code MeterBinder} bean.
 */
@AutoConfiguration(after = {SequereAutoConfiguration.class, SequereTimelinesAutoConfiguration.class}, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, Sequere.class})
@ConditionalOnBooleanProperty(name = "sequere.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SequereProperties.class)
public class SequereMetricsAutoConfiguration {

    /** Created by Spring. */
    public SequereMetricsAutoConfiguration() {
    }

    /**
     * The meters of the {@code Sequere} bean, and of the {@code Timelines} bean built on it when
     * there is one.
     *
     * @param sequere the {@code Sequere} bean
     * @param timelines the {@code Timelines} bean, if any
     * @param properties for {@code sequere.metrics.stats-max-age}
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    public SequereMetrics sequereMetrics(Sequere sequere, ObjectProvider<Timelines> timelines,
            SequereProperties properties) {
        SequereMetrics.Builder builder = SequereMetrics.builder(sequere)
                .statsMaxAge(properties.getMetrics().getStatsMaxAge());
        Timelines bean = timelines.getIfUnique();
        if (bean != null && bean.sequere() == sequere) {
            builder.timelines(bean);
        }
        return builder.build();
    }
}
