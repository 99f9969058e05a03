package dev.sequere.registry;

import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Describes how one class is registered; handed to the callback of
 * {@code Sequere.builder().register(Class, Consumer)}. Every setting has a default:
 * <ul>
 *   <li>type name: the class's simple name in lower case ({@code User} becomes {@code user});</li>
 *   <li>id: the class's public {@code id()} or {@code getId()} method (records and JPA entities
 *       work as they are);</li>
 *   <li>loader: none; the type's resources can then be listed as refs only.</li>
 * </ul>
 *
 * @param <T> the class being registered
 */
public final class TypeSpec<T> {

    private final Class<T> javaClass;
    private @Nullable String type;
    private @Nullable Function<? super T, ?> idExtractor;
    private @Nullable BatchLoader<? extends T> loader;

    /**
     * Starts a spec with every setting at its default.
     *
     * @param javaClass the class to register
     */
    public TypeSpec(Class<T> javaClass) {
        this.javaClass = Objects.requireNonNull(javaClass, "javaClass");
    }

    /**
     * Overrides the type name stored in refs.
     *
     * @param type a name matching {@code [a-z0-9_-]{1,64}}
     * @return this spec
     */
    public TypeSpec<T> type(String type) {
        this.type = type;
        return this;
    }

    /**
     * Sets how to read an instance's id; the result is stored as {@link String#valueOf(Object)}.
     *
     * @param idExtractor for example {@code User::id}
     * @return this spec
     */
    public TypeSpec<T> id(Function<? super T, ?> idExtractor) {
        this.idExtractor = Objects.requireNonNull(idExtractor, "idExtractor");
        return this;
    }

    /**
     * Sets the batch loader that takes ids as stored (strings).
     *
     * @param loader loads instances by id
     * @return this spec
     */
    public TypeSpec<T> loader(BatchLoader<? extends T> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /**
     * Sets a batch loader that takes ids of the application's own id type.
     *
     * @param idParser turns a stored id back into the application's id (for example
     *     {@code Long::valueOf})
     * @param loader loads instances by id, for example {@code users::findAllById}
     * @param <I> the application's id type
     * @return this spec
     */
    public <I> TypeSpec<T> loader(Function<String, I> idParser,
            Function<List<I>, ? extends Iterable<? extends T>> loader) {
        Objects.requireNonNull(idParser, "idParser");
        Objects.requireNonNull(loader, "loader");
        this.loader = ids -> {
            List<I> parsed = new ArrayList<>(ids.size());
            for (String id : ids) {
                parsed.add(idParser.apply(id));
            }
            List<T> found = new ArrayList<>();
            loader.apply(parsed).forEach(found::add);
            return found;
        };
        return this;
    }

    /**
     * Freezes the spec, applying defaults.
     *
     * @return the registration
     * @throws RegistrationException when the type name is invalid or no id accessor was given
     *     or found
     */
    public TypeRegistration<T> build() {
        String name = type != null ? type : javaClass.getSimpleName().toLowerCase(Locale.ROOT);
        try {
            Ref.requireValidType(name);
        } catch (RuntimeException e) {
            throw new RegistrationException("cannot register " + javaClass.getName() + ": " + e.getMessage()
                    + (type == null ? " (derived from the class name; set one with t.type(\"...\"))" : ""));
        }
        Function<? super T, ?> extractor = idExtractor != null ? idExtractor : defaultIdExtractor(javaClass);
        return new TypeRegistration<>(javaClass, name, extractor, loader);
    }

    private static <T> Function<T, Object> defaultIdExtractor(Class<T> javaClass) {
        for (String name : new String[] {"id", "getId"}) {
            try {
                Method method = javaClass.getMethod(name);
                if (method.getReturnType() == void.class || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                // A public method of a non-public class (a package-private record) still needs
                // the accessible flag before it can be unreflected.
                method.trySetAccessible();
                MethodHandle handle = MethodHandles.lookup().unreflect(method)
                        .asType(MethodType.methodType(Object.class, Object.class));
                return instance -> invoke(handle, instance);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                // try the next convention
            }
        }
        throw new RegistrationException("cannot register " + javaClass.getName()
                + ": it has no public id() or getId() method; pass one with t.id(" + javaClass.getSimpleName() + "::yourKey)");
    }

    private static Object invoke(MethodHandle handle, Object instance) {
        try {
            return handle.invoke(instance);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("id accessor failed", e);
        }
    }
}
