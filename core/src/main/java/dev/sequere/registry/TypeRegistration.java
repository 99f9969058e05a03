package dev.sequere.registry;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One registered type: the class, its type name, how to read an instance's id and how to load
 * instances back.
 *
 * @param javaClass the registered class (instances of subclasses map to it too)
 * @param type the type name stored in {@link dev.sequere.Ref}s
 * @param idExtractor reads the id of an instance; its result is turned into a string with
 *     {@link String#valueOf(Object)}
 * @param loader loads instances by id, or {@code null} when the type can only be listed as refs
 * @param <T> the registered class
 */
public record TypeRegistration<T>(Class<T> javaClass, String type, Function<? super T, ?> idExtractor,
        @Nullable BatchLoader<? extends T> loader) {

    /** Rejects nulls. */
    public TypeRegistration {
        Objects.requireNonNull(javaClass, "javaClass");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(idExtractor, "idExtractor");
    }

    /**
     * Reads the id of an instance as a string.
     *
     * @param instance an instance of {@link #javaClass()} or a subclass
     * @return its id, not yet validated
     */
    public @Nullable String idOf(Object instance) {
        Object id = idExtractor.apply(javaClass.cast(instance));
        return id == null ? null : String.valueOf(id);
    }
}
