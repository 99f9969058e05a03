package dev.sequere.spring;

import dev.sequere.Sequere;
import dev.sequere.spring.backend.BackendSelector;
import dev.sequere.spring.backend.SelectedBackend;
import dev.sequere.spring.event.ApplicationEventBridge;
import dev.sequere.spring.registration.FollowableRegistrations;
import dev.sequere.spring.registration.FollowableScanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportAware;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The beans of {@link EnableSequere}. Imported by the annotation; not meant to be used directly.
 *
 * <p>Bean dependencies encode the shutdown order: {@code sequere} depends on
 * {@code sequereBackend}, which depends on the {@code DataSource} or {@code UnifiedJedis} it
 * wraps, so the context destroys them in the reverse order.
 */
@Configuration(proxyBeanMethods = false)
public class SequereConfiguration implements ImportAware, BeanClassLoaderAware, BeanFactoryAware, EnvironmentAware {

    /** Name of the bean holding the chosen backend. */
    public static final String BACKEND_BEAN = "sequereBackend";

    private @Nullable AnnotationMetadata importMetadata;
    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader() != null
            ? ClassUtils.getDefaultClassLoader() : SequereConfiguration.class.getClassLoader();
    private @Nullable ConfigurableListableBeanFactory beanFactory;
    private @Nullable Environment environment;

    /** Created by Spring. */
    public SequereConfiguration() {
    }

    @Override
    public void setImportMetadata(AnnotationMetadata importMetadata) {
        this.importMetadata = importMetadata;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /**
     * The backend: the application's {@code Backend} bean, else one made from its
     * {@code DataSource} or {@code UnifiedJedis}, else in memory; see {@link BackendSelector}.
     *
     * @return the selection, which closes the backend with the context if it made it
     */
    @Bean(name = BACKEND_BEAN, destroyMethod = "close")
    public SelectedBackend sequereBackend() {
        return new BackendSelector(requireNonNull(beanFactory), requireNonNull(environment), classLoader)
                .select(BACKEND_BEAN);
    }

    /**
     * The {@link Sequere} facade: the chosen backend, {@link Followable} classes, every
     * {@link SequereConfigurer} bean, and follows republished as application events.
     *
     * @param sequereBackend the chosen backend
     * @param configurers the configurer beans, called in order
     * @param loaders loaders of {@link Followable} classes
     * @param publisher the context's event publisher
     * @return the facade
     */
    @Bean
    public Sequere sequere(SelectedBackend sequereBackend, ObjectProvider<SequereConfigurer> configurers,
            ObjectProvider<FollowableLoader<?>> loaders, ApplicationEventPublisher publisher) {
        Sequere.Builder builder = Sequere.builder().backend(sequereBackend.backend());
        FollowableRegistrations.of(followableClasses(), loaders.orderedStream().toList()).forEach(builder::register);
        builder.listener(new ApplicationEventBridge(publisher));
        configurers.orderedStream().forEach(configurer -> configurer.configure(builder));
        return builder.build();
    }

    private Set<Class<?>> followableClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        if (importMetadata == null) {
            return classes;
        }
        AnnotationAttributes attributes = AnnotationAttributes.fromMap(
                importMetadata.getAnnotationAttributes(EnableSequere.class.getName()));
        if (attributes == null) {
            return classes;
        }
        List<String> packages = new ArrayList<>(List.of(attributes.getStringArray("scanPackages")));
        for (Class<?> marker : attributes.getClassArray("scanClasses")) {
            packages.add(marker.getPackageName());
        }
        Class<?>[] explicit = attributes.getClassArray("followables");
        if (packages.isEmpty() && explicit.length == 0) {
            packages.add(ClassUtils.getPackageName(importMetadata.getClassName()));
        }
        classes.addAll(List.of(explicit));
        if (!packages.isEmpty()) {
            classes.addAll(new FollowableScanner(classLoader).scan(packages));
        }
        return classes;
    }

    private static <T> T requireNonNull(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("SequereConfiguration must be created by a Spring context");
        }
        return value;
    }
}
