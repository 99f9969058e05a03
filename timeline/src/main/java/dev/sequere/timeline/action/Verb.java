package dev.sequere.timeline.action;

import dev.sequere.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * What an actor did: {@code join}, {@code like}, {@code follow}... A verb is a name; it must be
 * registered for the actor's type in {@code Timelines.builder(...).verbs(...)} before use.
 *
 * <p>Names are short ({@code [a-z0-9_-]{1,32}}) because they become part of feed names (one
 * filter feed per verb) and every feed name must fit in 64 characters.
 *
 * @param name the verb's name
 */
public record Verb(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    /** Validates the name. */
    public Verb {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("verb '" + name
                    + "' is invalid: use 1 to 32 characters among a-z, 0-9, '_' and '-'");
        }
    }

    /**
     * A verb by name.
     *
     * @param name the name, {@code [a-z0-9_-]{1,32}}
     * @return the verb
     */
    public static Verb of(String name) {
        return new Verb(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
