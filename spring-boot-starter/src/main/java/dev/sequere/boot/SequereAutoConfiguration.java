package dev.sequere.boot;

import dev.sequere.Sequere;
import dev.sequere.boot.backend.BackendChooser;
import dev.sequere.spi.Backend;
import dev.sequere.spring.FollowableLoader;
import dev.sequere.spring.SequereConfigurer;
import dev.sequere.spring.event.ApplicationEventBridge;
import dev.sequere.spring.registration.FollowableRegistrations;
import dev.sequere.spring.registration.FollowableScanner;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * The {@link Backend} and {@link Sequere} beans. Each backs off when the application defines its
 * own; an application {@code Sequere} bean (or {@code @EnableSequere}) also turns the backend bean
 * off, since nothing would use it.
 *
 * <p>Runs after Spring Boot's {@code DataSource} auto-configuration, so that {@code sequere.backend=auto}
 * sees the {@code DataSource} it makes. Shutdown order follows bean dependencies: the
 * {@code Sequere} closes before the backend, the backend before the {@code DataSource} or Redis
 * client it writes through (which it does not close).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(SequereProperties.class)
public class SequereAutoConfiguration {

    /** Name of the backend bean. */
    public static final String BACKEND_BEAN = "sequereBackend";

    /** Created by Spring. */
    public SequereAutoConfiguration() {
    }

    /**
     * The backend {@code sequere.backend} names; see {@link BackendChooser}.
     *
     * @param properties the {@code sequere.*} properties
     * @param beanFactory the context's bean factory, for the {@code DataSource} or client
     * @return the backend, closed with the context
     */
    @Bean(name = BACKEND_BEAN)
    @ConditionalOnMissingBean({Backend.class, Sequere.class})
    public Backend sequereBackend(SequereProperties properties, ConfigurableListableBeanFactory beanFactory) {
        return new BackendChooser(beanFactory, properties, classLoader(beanFactory)).choose(BACKEND_BEAN);
    }

    /**
     * The {@code Sequere}: the backend, {@code sequere.allow-self-follow}, {@code @Followable}
     * classes of the application's package with their {@link FollowableLoader} beans, follows
     * republished as application events ({@code dev.sequere.spring.event}), then every
     * {@link SequereConfigurer} and every {@link SequereBuilderCustomizer}, each in {@code @Order}.
     *
     * @param backend the backend bean
     * @param properties the {@code sequere.*} properties
     * @param configurers the {@code sequere-spring} configurer beans
     * @param customizers the customizer beans
     * @param loaders loaders of {@code @Followable} classes
     * @param publisher the context's event publisher
     * @param beanFactory for the application's packages
     * @return the facade
     */
    @Bean
    @ConditionalOnMissingBean
    public Sequere sequere(Backend backend, SequereProperties properties, ObjectProvider<SequereConfigurer> configurers,
            ObjectProvider<SequereBuilderCustomizer> customizers, ObjectProvider<FollowableLoader<?>> loaders,
            ApplicationEventPublisher publisher, BeanFactory beanFactory) {
        Sequere.Builder builder = Sequere.builder().backend(backend).allowSelfFollow(properties.isAllowSelfFollow());
        List<FollowableLoader<?>> loaderBeans = loaders.orderedStream().toList();
        if (properties.isScanFollowables() || !loaderBeans.isEmpty()) {
            FollowableRegistrations.of(followables(properties, beanFactory), loaderBeans).forEach(builder::register);
        }
        builder.listener(new ApplicationEventBridge(publisher));
        configurers.orderedStream().forEach(configurer -> configurer.configure(builder));
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static Set<Class<?>> followables(SequereProperties properties, BeanFactory beanFactory) {
        if (!properties.isScanFollowables() || !AutoConfigurationPackages.has(beanFactory)) {
            return Set.of();
        }
        return new FollowableScanner(classLoader(beanFactory)).scan(AutoConfigurationPackages.get(beanFactory));
    }

    private static ClassLoader classLoader(BeanFactory beanFactory) {
        ClassLoader loader = beanFactory instanceof ConfigurableListableBeanFactory configurable
                ? configurable.getBeanClassLoader() : null;
        return loader != null ? loader : SequereAutoConfiguration.class.getClassLoader();
    }
}
