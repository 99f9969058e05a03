package dev.sequere.registry;

import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.UnregisteredTypeException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The immutable set of registered types, looked up by class or by type name.
 *
 * <p>An instance of a subclass of a registered class (a Hibernate proxy, a subclass entity)
 * maps to the nearest registered ancestor: superclasses first, then interfaces.
 */
public final class TypeRegistry {

    private final Map<String, TypeRegistration<?>> byType;
    private final Map<Class<?>, TypeRegistration<?>> byClass;
    private final ClassValue<Optional<TypeRegistration<?>>> resolved = new ClassValue<>() {
        @Override
        protected Optional<TypeRegistration<?>> computeValue(Class<?> type) {
            return Optional.ofNullable(findAncestor(type));
        }
    };

    /**
     * Builds a registry.
     *
     * @param registrations the registrations, in registration order
     * @throws RegistrationException when two registrations share a type name or a class
     */
    public TypeRegistry(Collection<? extends TypeRegistration<?>> registrations) {
        Map<String, TypeRegistration<?>> types = new LinkedHashMap<>();
        Map<Class<?>, TypeRegistration<?>> classes = new LinkedHashMap<>();
        for (TypeRegistration<?> registration : registrations) {
            TypeRegistration<?> sameType = types.putIfAbsent(registration.type(), registration);
            if (sameType != null) {
                throw new RegistrationException("type name '" + registration.type() + "' is registered twice, by "
                        + sameType.javaClass().getName() + " and " + registration.javaClass().getName()
                        + "; give one of them another name with t.type(\"...\")");
            }
            TypeRegistration<?> sameClass = classes.putIfAbsent(registration.javaClass(), registration);
            if (sameClass != null) {
                throw new RegistrationException("class " + registration.javaClass().getName()
                        + " is registered twice (as '" + sameClass.type() + "' and '" + registration.type()
                        + "'); register each class once");
            }
        }
        this.byType = Map.copyOf(types);
        this.byClass = Map.copyOf(classes);
    }

    /**
     * The registration of an object's class or of its nearest registered ancestor.
     *
     * @param type the class of an application object
     * @return the registration
     * @throws UnregisteredTypeException when neither the class nor an ancestor is registered
     */
    public TypeRegistration<?> forClass(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return resolved.get(type).orElseThrow(() -> UnregisteredTypeException.forClass(type));
    }

    /**
     * The registration under a type name.
     *
     * @param type the type name
     * @return the registration
     * @throws UnregisteredTypeException when no class is registered under that name
     */
    public TypeRegistration<?> forType(String type) {
        TypeRegistration<?> registration = type == null ? null : byType.get(type);
        if (registration == null) {
            // Validate only on the failure path: a registered name is valid by construction,
            // and this lookup sits on every call that takes a Ref.
            throw UnregisteredTypeException.forTypeName(Ref.requireValidType(type));
        }
        return registration;
    }

    /**
     * Whether a type name is registered.
     *
     * @param type the type name
     * @return {@code true} when a class is registered under it
     */
    public boolean contains(String type) {
        return byType.containsKey(type);
    }

    /**
     * Every registration.
     *
     * @return the registrations
     */
    public List<TypeRegistration<?>> registrations() {
        return List.copyOf(byType.values());
    }

    private @Nullable TypeRegistration<?> findAncestor(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            TypeRegistration<?> registration = byClass.get(c);
            if (registration != null) {
                return registration;
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                TypeRegistration<?> registration = findInterface(i);
                if (registration != null) {
                    return registration;
                }
            }
        }
        return null;
    }

    private @Nullable TypeRegistration<?> findInterface(Class<?> type) {
        TypeRegistration<?> registration = byClass.get(type);
        if (registration != null) {
            return registration;
        }
        for (Class<?> parent : type.getInterfaces()) {
            registration = findInterface(parent);
            if (registration != null) {
                return registration;
            }
        }
        return null;
    }
}
