package dev.sequere.boot;

import dev.sequere.timeline.Timelines;

/**
 * A bean that configures the auto-configured {@link Timelines} before they are built: verbs
 * (some customizer, {@code SequereConfigurer} or {@code sequere.timelines.verbs} must register at
 * least one), retry policy, action ids, listeners. Every customizer bean is called, in
 * {@link org.springframework.core.Ordered} / {@code @Order} order, after the
 * {@code sequere.timelines.*} properties and the {@code SequereConfigurer} beans were applied, so
 * it may override them.
 *
 * <pre>{@code
 * @Bean
 * TimelinesBuilderCustomizer verbs() {
 *     return builder -> builder.verbs(User.class, Verb.of("post"), Verb.of("star"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TimelinesBuilderCustomizer {

    /**
     * Configures the builder; the executor is already set.
     *
     * @param builder the builder
     */
    void customize(Timelines.Builder builder);
}
