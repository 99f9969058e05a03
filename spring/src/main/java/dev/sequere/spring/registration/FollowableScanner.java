package dev.sequere.spring.registration;

import dev.sequere.RegistrationException;
import dev.sequere.spring.Followable;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds {@link Followable} classes under base packages. Reads class files through Spring's
 * metadata reader, so classes that are not {@code Followable} are never loaded.
 */
public final class FollowableScanner {

    private final ClassLoader classLoader;

    /**
     * Creates a scanner.
     *
     * @param classLoader the loader of the application's classes
     */
    public FollowableScanner(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Scans packages.
     *
     * @param basePackages package names, sub-packages included
     * @return the annotated classes, in a stable order (by package, then name)
     */
    public Set<Class<?>> scan(Collection<String> basePackages) {
        ClassPathScanningCandidateComponentProvider provider = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                // Unlike beans, followable types may be interfaces or abstract classes (an entity
                // hierarchy), as long as they are top-level or static nested classes.
                return definition.getMetadata().isIndependent();
            }
        };
        provider.addIncludeFilter(new AnnotationTypeFilter(Followable.class, false, true));
        provider.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(classLoader));
        Set<Class<?>> found = new LinkedHashSet<>();
        for (String basePackage : new java.util.TreeSet<>(basePackages)) {
            for (BeanDefinition candidate : provider.findCandidateComponents(basePackage)) {
                String className = Objects.requireNonNull(candidate.getBeanClassName());
                try {
                    found.add(ClassUtils.forName(className, classLoader));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new RegistrationException("@Followable class " + className
                            + " was found by the scan but cannot be loaded: " + e);
                }
            }
        }
        return found;
    }
}
