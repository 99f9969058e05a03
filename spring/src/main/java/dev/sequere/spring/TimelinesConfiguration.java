package dev.sequere.spring;

import dev.sequere.RegistrationException;
import dev.sequere.Sequere;
import dev.sequere.spring.event.TimelineEventBridge;
import dev.sequere.spring.timeline.FanOutExecutorFinder;
import dev.sequere.spring.timeline.TimelinesShutdown;
import dev.sequere.timeline.Timelines;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The timeline beans of {@link EnableSequere}. Imported unless {@code timelines = false}; not
 * meant to be used directly.
 *
 * <p>Shutdown order: {@code sequereTimelinesShutdown} depends on {@code timelines}, so the
 * context destroys it first; it waits for pending fan-out and detaches the timelines while the
 * executor, the {@code Sequere} and the backend are all still open.
 */
@Configuration(proxyBeanMethods = false)
public class TimelinesConfiguration implements BeanFactoryAware {

    /** Name of the timelines bean. */
    public static final String TIMELINES_BEAN = "timelines";

    /** Property: how long closing the context waits for pending fan-out (default 30 s). */
    public static final String SHUTDOWN_TIMEOUT = "sequere.timelines.shutdown-timeout";

    private @Nullable ConfigurableListableBeanFactory beanFactory;

    /** Created by Spring. */
    public TimelinesConfiguration() {
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    /**
     * The timelines: fan-out on the context's task executor, verbs and options from every
     * {@link SequereConfigurer}.
     *
     * @param sequere the {@code Sequere} bean
     * @param configurers the configurer beans, called in order
     * @param publisher the context's event publisher
     * @return the timelines; closed by {@code sequereTimelinesShutdown}
     */
    @Bean(name = TIMELINES_BEAN, destroyMethod = "")
    public Timelines timelines(Sequere sequere, ObjectProvider<SequereConfigurer> configurers,
            ApplicationEventPublisher publisher) {
        if (beanFactory == null) {
            throw new IllegalStateException("TimelinesConfiguration must be created by a Spring context");
        }
        Timelines.Builder builder = Timelines.builder(sequere).listener(new TimelineEventBridge(publisher));
        Executor executor = new FanOutExecutorFinder(beanFactory).find(TIMELINES_BEAN);
        if (executor != null) {
            builder.executor(executor);
        }
        configurers.orderedStream().forEach(configurer -> configurer.configureTimelines(builder));
        try {
            return builder.build();
        } catch (RegistrationException e) {
            throw new RegistrationException(e.getMessage() + " (with @EnableSequere: override "
                    + "SequereConfigurer.configureTimelines in a configurer bean, or use @EnableSequere(timelines = false) "
                    + "for follows only)");
        }
    }

    /**
     * Lets pending fan-out finish, then detaches the timelines, when the context closes.
     *
     * @param timelines the timelines bean
     * @param environment for {@value #SHUTDOWN_TIMEOUT}
     * @return the shutdown hook bean
     */
    @Bean(destroyMethod = "close")
    public TimelinesShutdown sequereTimelinesShutdown(Timelines timelines, Environment environment) {
        Duration timeout = environment.getProperty(SHUTDOWN_TIMEOUT, Duration.class, Duration.ofSeconds(30));
        return new TimelinesShutdown(timelines, timeout);
    }
}
