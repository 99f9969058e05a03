package dev.sequere.spring;

import dev.sequere.Sequere;
import dev.sequere.timeline.Timelines;

/**
 * A bean that configures what {@link EnableSequere} builds: types (with their loaders), clock and
 * listeners of the {@link Sequere}, then verbs and options of the {@link Timelines}. Every
 * configurer bean of the context is called, in {@link org.springframework.core.Ordered} /
 * {@code @Order} order.
 *
 * <pre>{@code
 * @Bean
 * SequereConfigurer sequereConfigurer(ProjectRepository projects) {
 *     return new SequereConfigurer() {
 *         public void configure(Sequere.Builder builder) {
 *             builder.register(Project.class, t -> t.loader(Long::valueOf, projects::findAllById));
 *         }
 *         public void configureTimelines(Timelines.Builder builder) {
 *             builder.verbs(User.class, Verb.of("star"));
 *         }
 *     };
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

    /**
     * Configures the timelines builder: verbs (at least one must be registered by some
     * configurer, unless {@code @EnableSequere(timelines = false)}), bounds, global feed. The
     * executor is already set to the context's {@code TaskExecutor} when it has one.
     *
     * @param builder the builder
     */
    default void configureTimelines(Timelines.Builder builder) {
    }
}
