package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one feed: an ordered set of entries owned by a resource ({@code owner}) under a name
 * ({@code "private"}, {@code "public"}, {@code "private.v.like"}...). The feed store gives names
 * no meaning; the timeline module decides them.
 *
 * @param owner the resource the feed belongs to
 * @param name the feed's name, {@code [a-z0-9_.-]{1,64}}
 */
public record FeedKey(Ref owner, String name) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_.-]{1,64}");

    /** Validates the key. */
    public FeedKey {
        Objects.requireNonNull(owner, "owner");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("feed name '" + name
                    + "' is invalid: use 1 to 64 characters among a-z, 0-9, '_', '.' and '-'");
        }
    }

    /**
     * Checks a feed name without building a key.
     *
     * @param name the candidate name
     * @return the same name
     * @throws InvalidArgumentException when it is not a valid feed name
     */
    public static String requireValidName(String name) {
        return new FeedKey(new Ref("x", "x"), name).name();
    }
}
