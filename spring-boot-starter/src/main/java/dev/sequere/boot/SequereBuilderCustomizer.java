package dev.sequere.boot;

import dev.sequere.Sequere;

/**
 * A bean that configures the auto-configured {@link Sequere} before it is built: types (with
 * their loaders), clock, listeners. Every customizer bean is called, in
 * {@link org.springframework.core.Ordered} / {@code @Order} order, after the {@code sequere.*}
 * properties and the {@code SequereConfigurer} beans of {@code sequere-spring} were applied.
 *
 * <pre>{@code
 * @Bean
 * SequereBuilderCustomizer types(UserRepository users) {
 *     return builder -> builder.register(User.class, t -> t.loader(Long::valueOf, users::findAllById));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SequereBuilderCustomizer {

    /**
     * Configures the builder; the backend is already set.
     *
     * @param builder the builder
     */
    void customize(Sequere.Builder builder);
}
