package dev.sequere.spring.registration;

import dev.sequere.RegistrationException;
import dev.sequere.registry.TypeRegistration;
import dev.sequere.registry.TypeSpec;
import dev.sequere.spring.Followable;
import dev.sequere.spring.FollowableLoader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the registrations of {@link Followable} classes, each with the {@link FollowableLoader}
 * declared for it. A loader whose class is not a registered {@code Followable} is refused, since
 * it would otherwise be silently unused.
 */
public final class FollowableRegistrations {

    private FollowableRegistrations() {
    }

    /**
     * Builds one registration per class.
     *
     * @param classes classes annotated with {@link Followable}
     * @param loaders the loader beans of the context
     * @return the registrations, in the order of {@code classes}
     * @throws RegistrationException when a class lacks the annotation, an id accessor cannot be
     *     resolved, two loaders serve one class or a loader serves no {@code Followable} class
     */
    public static List<TypeRegistration<?>> of(Collection<Class<?>> classes, Collection<FollowableLoader<?>> loaders) {
        Map<Class<?>, FollowableLoader<?>> byClass = new LinkedHashMap<>();
        for (FollowableLoader<?> loader : loaders) {
            FollowableLoader<?> previous = byClass.putIfAbsent(loader.resourceClass(), loader);
            if (previous != null) {
                throw new RegistrationException("two FollowableLoader beans serve " + loader.resourceClass().getName()
                        + " (" + previous + " and " + loader + "); keep one");
            }
        }
        List<TypeRegistration<?>> registrations = new ArrayList<>(classes.size());
        for (Class<?> type : classes) {
            registrations.add(registration(type, byClass.remove(type)));
        }
        if (!byClass.isEmpty()) {
            throw new RegistrationException("FollowableLoader beans for classes that are not @Followable classes found by "
                    + "@EnableSequere: " + byClass.keySet() + "; annotate them with @Followable and make sure they are "
                    + "under a scanned package, or register them with a SequereConfigurer instead");
        }
        return registrations;
    }

    private static <T> TypeRegistration<T> registration(Class<T> type, @Nullable FollowableLoader<?> loader) {
        Followable annotation = type.getAnnotation(Followable.class);
        if (annotation == null) {
            throw new RegistrationException(type.getName() + " is listed as followable but has no @Followable annotation");
        }
        TypeSpec<T> spec = new TypeSpec<>(type);
        if (!annotation.type().isEmpty()) {
            spec.type(annotation.type());
        }
        if (!annotation.id().isEmpty()) {
            IdAccessor accessor = IdAccessor.of(type, annotation.id());
            spec.id(accessor::apply);
        }
        if (loader != null) {
            @SuppressWarnings("unchecked") // keyed by resourceClass(), so it loads instances of type
            FollowableLoader<T> typed = (FollowableLoader<T>) loader;
            spec.loader(typed::load);
        }
        return spec.build();
    }
}
