package dev.sequere.boot;

import dev.sequere.RegistrationException;
import dev.sequere.Sequere;
import dev.sequere.spring.SequereConfigurer;
import dev.sequere.spring.event.TimelineEventBridge;
import dev.sequere.spring.timeline.FanOutExecutorFinder;
import dev.sequere.spring.timeline.TimelinesShutdown;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.Bounds;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Timelines} bean, when {@code sequere-timeline} is on the class path, a
 * {@code Sequere} bean exists, {@code sequere.timelines.enabled} is not {@code false} and
 * something registers verbs ({@link TimelineVerbsCondition}). It backs off when the application
 * defines its own {@code Timelines}.
 *
 * <p>Runs after Spring Boot's task execution auto-configuration, whose
 * {@code applicationTaskExecutor} then runs fan-out. On context
 * close, {@code sequereTimelinesShutdown} waits for this instance's pending fan-out, then closes
 * the timelines (stopping its workers), before the executor, the {@code Sequere} and the backend
 * go.
 */
@AutoConfiguration(after = SequereAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnClass(Timelines.class)
@ConditionalOnBean(Sequere.class)
@ConditionalOnBooleanProperty(name = "sequere.timelines.enabled", matchIfMissing = true)
@Conditional(TimelineVerbsCondition.class)
@EnableConfigurationProperties(SequereProperties.class)
public class SequereTimelinesAutoConfiguration {

    /** Name of the timelines bean. */
    public static final String TIMELINES_BEAN = "timelines";

    /** Name of Spring Boot's auto-configured task executor. */
    static final String BOOT_TASK_EXECUTOR = "applicationTaskExecutor";

    /** Created by Spring. */
    public SequereTimelinesAutoConfiguration() {
    }

    /**
     * Keeps the timelines and their shutdown hook eager under {@code spring.main.lazy-initialization}:
     * lazily, nothing might ask for them, so the workers that take over other instances' jobs
     * would never start, and timelines created late would never be closed.
     *
     * @return the filter
     */
    @Bean
    static LazyInitializationExcludeFilter sequereTimelinesEagerly() {
        return LazyInitializationExcludeFilter.forBeanTypes(Timelines.class, TimelinesShutdown.class);
    }

    /**
     * The timelines bean and its shutdown hook, together: the hook only ever closes timelines
     * this configuration made; an application's own {@code Timelines} bean is its own to close.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Timelines.class)
    static class OwnedTimelines {

        /**
         * The timelines: {@code sequere.timelines.*}, fan-out on the context's task executor
         * (unless {@code fan-out-executor=caller}), published actions republished as application
         * events, then every {@link SequereConfigurer} and every {@link TimelinesBuilderCustomizer}.
         *
         * @param sequere the {@code Sequere} bean
         * @param properties the {@code sequere.*} properties
         * @param configurers the {@code sequere-spring} configurer beans
         * @param customizers the customizer beans
         * @param publisher the context's event publisher
         * @param beanFactory for the executor
         * @return the timelines; closed by {@code sequereTimelinesShutdown}
         */
        @Bean(name = TIMELINES_BEAN, destroyMethod = "")
        Timelines timelines(Sequere sequere, SequereProperties properties,
                ObjectProvider<SequereConfigurer> configurers, ObjectProvider<TimelinesBuilderCustomizer> customizers,
                ApplicationEventPublisher publisher, ConfigurableListableBeanFactory beanFactory) {
            SequereProperties.TimelineOptions options = properties.getTimelines();
            SequereProperties.BoundsOptions bounds = options.getBounds();
            Timelines.Builder builder = Timelines.builder(sequere)
                    .batchSize(options.getBatchSize())
                    .importOnFollow(options.isImportOnFollow())
                    .importLimit(options.getImportLimit())
                    .removeOnUnfollow(options.isRemoveOnUnfollow())
                    .globalFeed(options.isGlobalFeed())
                    .filterFeeds(options.getFilterFeeds())
                    .filterScanLimit(options.getFilterScanLimit())
                    .workers(options.getWorkers())
                    .lease(options.getLease())
                    .pollInterval(options.getPollInterval())
                    .maxPendingFanOuts(options.getMaxPendingFanOuts())
                    .bounds(new Bounds(bounds.getKeepNewest(), bounds.getRetention(), bounds.getTrimEvery()))
                    .listener(new TimelineEventBridge(publisher));
            if (!options.getVerbs().isEmpty()) {
                builder.verbs(options.getVerbs().stream().map(Verb::of).toArray(Verb[]::new));
            }
            if (options.getFanOutExecutor() == FanOutExecutor.TASK_EXECUTOR) {
                Executor executor = fanOutExecutor(beanFactory);
                if (executor != null) {
                    builder.executor(executor);
                }
            }
            configurers.orderedStream().forEach(configurer -> configurer.configureTimelines(builder));
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            try {
                return builder.build();
            } catch (RegistrationException e) {
                throw new RegistrationException(e.getMessage() + " (with the Spring Boot starter: a "
                        + "TimelinesBuilderCustomizer bean, SequereConfigurer.configureTimelines or sequere.timelines.verbs; "
                        + "sequere.timelines.enabled=false for follows only)");
            }
        }

        /**
         * The context's task executor: {@code taskExecutor}, else Spring Boot's
         * {@code applicationTaskExecutor} (Boot 4 registers no {@code taskExecutor} alias, and a
         * {@code @EnableScheduling} application also has a {@code TaskScheduler}, which is a
         * {@code TaskExecutor} too), else the only or {@code @Primary} {@code TaskExecutor}. The
         * executor becomes a dependency of the timelines, so it shuts down after them.
         */
        private static @Nullable Executor fanOutExecutor(ConfigurableListableBeanFactory beanFactory) {
            if (!beanFactory.containsBean(FanOutExecutorFinder.DEFAULT_NAME)
                    && beanFactory.containsBean(BOOT_TASK_EXECUTOR)
                    && beanFactory.isTypeMatch(BOOT_TASK_EXECUTOR, Executor.class)) {
                beanFactory.registerDependentBean(BOOT_TASK_EXECUTOR, TIMELINES_BEAN);
                return beanFactory.getBean(BOOT_TASK_EXECUTOR, Executor.class);
            }
            return new FanOutExecutorFinder(beanFactory).find(TIMELINES_BEAN);
        }

        /**
         * Waits for pending fan-out ({@code sequere.timelines.shutdown-timeout}), then closes the
         * timelines, when the context closes.
         *
         * @param timelines the timelines bean
         * @param properties the {@code sequere.*} properties
         * @return the hook
         */
        @Bean(destroyMethod = "close")
        TimelinesShutdown sequereTimelinesShutdown(Timelines timelines, SequereProperties properties) {
            return new TimelinesShutdown(timelines, properties.getTimelines().getShutdownTimeout());
        }
    }
}
