package dev.sequere.jdbc;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Argument checks that run before any statement, so bad input never reaches the database. */
final class Checks {

    private Checks() {
    }

    static <T> T notNull(@Nullable T value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        return value;
    }

    static <T> Collection<T> noNulls(@Nullable Collection<T> values, String name) {
        notNull(values, name);
        for (T value : values) {
            if (value == null) {
                throw new InvalidArgumentException(name + " must not contain null");
            }
        }
        return values;
    }

    static Collection<String> validIds(@Nullable Collection<String> ids, String what) {
        noNulls(ids, what + "s");
        for (String id : ids) {
            Ref.requireValidId(id, what);
        }
        return ids;
    }
}
