package dev.sequere.boot.health;

import dev.sequere.Sequere;
import dev.sequere.boot.SequereAutoConfiguration;
import dev.sequere.boot.SequereProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sequere} health indicator, when Spring Boot's health support is on the class path
 * (it comes with {@code spring-boot-starter-actuator}), the context has a {@code Sequere}, and
 * {@code management.health.sequere.enabled} is not {@code false}.
 */
@AutoConfiguration(after = SequereAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Sequere.class)
@ConditionalOnEnabledHealthIndicator("sequere")
@EnableConfigurationProperties(SequereProperties.class)
public class SequereHealthAutoConfiguration {

    /** Created by Spring. */
    public SequereHealthAutoConfiguration() {
    }

    /**
     * The indicator over the {@code Sequere} bean's backend; the bean name makes its health
     * contributor name {@code sequere}.
     *
     * @param sequere the {@code Sequere} bean
     * @param properties for {@code sequere.health.max-oldest-job-age}
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "sequereHealthIndicator")
    public SequereHealthIndicator sequereHealthIndicator(Sequere sequere, SequereProperties properties) {
        return new SequereHealthIndicator(sequere.backend(), sequere.clock(),
                properties.getHealth().getMaxOldestJobAge());
    }
}
