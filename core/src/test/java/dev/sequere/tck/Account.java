package dev.sequere.tck;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sample entity-like class with a bean-style {@code getId()}: not final, so that a subclass can
 * stand in for the proxy an ORM such as Hibernate hands out.
 */
public class Account {

    private final @Nullable String id;

    /**
     * Creates an account.
     *
     * @param id its id, {@code null} for an unsaved entity
     */
    public Account(@Nullable String id) {
        this.id = id;
    }

    /**
     * The id, JavaBeans style.
     *
     * @return the id, or {@code null} before the entity is saved
     */
    public @Nullable String getId() {
        return id;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Account account && Objects.equals(id, account.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + id + ")";
    }
}
