package dev.sequere.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Wires Sequere into a Spring application context: a {@link dev.sequere.Sequere} bean and a
 * {@link dev.sequere.timeline.Timelines} bean, types and verbs registered from
 * {@link SequereConfigurer} beans and from {@link Followable} classes, follows published as
 * application events, timeline fan-out on the context's {@code TaskExecutor}.
 *
 * <pre>{@code
 * @Configuration
 * @EnableSequere
 * class AppConfig {
 *     @Bean DataSource dataSource() { ... }   // follows are stored there (JDBC backend)
 * }
 * }</pre>
 *
 * <p>The backend, in order of precedence:
 * <ol>
 *   <li>the application's own {@link dev.sequere.spi.Backend} bean (the application owns and
 *       closes it);</li>
 *   <li>else a JDBC backend over the context's {@code DataSource} (needs
 *       {@code sequere-backend-jdbc});</li>
 *   <li>else a Redis backend over the context's {@code UnifiedJedis} (needs
 *       {@code sequere-backend-redis});</li>
 *   <li>else an in-memory backend (needs {@code sequere-backend-memory}).</li>
 * </ol>
 * A backend chosen this way is closed with the context; the {@code DataSource} or
 * {@code UnifiedJedis} it wraps is not.
 *
 * <p>Fan-out runs on the context's {@code Executor} bean named {@code taskExecutor}, else on its
 * only {@code TaskExecutor} bean, else on the publishing thread. When the context closes,
 * pending fan-out finishes first, then the timelines detach, then the backend closes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SequereImportSelector.class)
public @interface EnableSequere {

    /**
     * Packages scanned for {@link Followable} classes. When this, {@link #scanClasses()} and
     * {@link #followables()} are all empty, the package of the annotated class is scanned.
     *
     * @return package names
     */
    String[] scanPackages() default {};

    /**
     * Type-safe alternative to {@link #scanPackages()}: the package of each class is scanned.
     *
     * @return marker classes
     */
    Class<?>[] scanClasses() default {};

    /**
     * {@link Followable} classes registered explicitly, without scanning.
     *
     * @return annotated classes
     */
    Class<?>[] followables() default {};

    /**
     * Whether to build a {@link dev.sequere.timeline.Timelines} bean too (default {@code true});
     * it needs verbs from a {@link SequereConfigurer#configureTimelines} method.
     *
     * @return {@code false} for follows only
     */
    boolean timelines() default true;
}
