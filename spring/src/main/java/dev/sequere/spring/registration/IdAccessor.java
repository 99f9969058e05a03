package dev.sequere.spring.registration;

import dev.sequere.RegistrationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads an id through the method or field that {@link dev.sequere.spring.Followable#id()} names.
 * Resolved once at registration through a method handle, so a wrong name fails at start-up and
 * reading costs no reflective lookup per call.
 */
final class IdAccessor implements Function<Object, @Nullable Object> {

    private final MethodHandle handle;
    private final String description;

    private IdAccessor(MethodHandle handle, String description) {
        this.handle = handle.asType(MethodType.methodType(Object.class, Object.class));
        this.description = description;
    }

    /**
     * Resolves {@code name} on {@code type}: a public no-argument method first (records and
     * getters), then a field declared by the class or a superclass.
     */
    static IdAccessor of(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            if (method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())) {
                method.trySetAccessible();
                return new IdAccessor(MethodHandles.lookup().unreflect(method), type.getName() + "." + name + "()");
            }
        } catch (NoSuchMethodException | IllegalAccessException e) {
            // not a usable method: try a field
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (!field.trySetAccessible()) {
                    throw new RegistrationException("@Followable(id = \"" + name + "\") on " + type.getName()
                            + ": field " + c.getName() + "." + name + " is not accessible (open the package "
                            + "to Sequere, or name a public method instead)");
                }
                return new IdAccessor(MethodHandles.lookup().unreflectGetter(field), type.getName() + "." + name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new RegistrationException("@Followable(id = \"" + name + "\") on " + type.getName()
                        + ": cannot read field " + name + ": " + e.getMessage());
            }
        }
        throw new RegistrationException("@Followable(id = \"" + name + "\") on " + type.getName()
                + ": no public no-argument method and no instance field named '" + name + "'");
    }

    @Override
    public @Nullable Object apply(Object instance) {
        try {
            return handle.invokeExact(instance);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("id accessor " + description + " failed", e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
