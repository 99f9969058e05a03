package dev.sequere.spring;

import dev.sequere.Sequere;

/**
 * A bean that configures the {@link Sequere} built by {@link EnableSequere}: register types with
 * their loaders, set the clock, allow self-follows, add listeners. Every configurer bean of the
 * context is called, in {@link org.springframework.core.Ordered} / {@code @Order} order.
 *
 * <pre>{@code
 * @Bean
 * SequereConfigurer types(ProjectRepository projects) {
 *     return builder -> builder.register(Project.class, t -> t.loader(Long::valueOf, projects::findAllById));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SequereConfigurer {

    /**
     * Configures the builder before the {@link Sequere} bean is built. The backend is already
     * set; a configurer may replace it, although a {@link dev.sequere.spi.Backend} bean is the
     * usual way.
     *
     * @param builder the builder
     */
    void configure(Sequere.Builder builder);
}
