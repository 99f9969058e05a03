package dev.sequere.timeline.action;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Something a resource did, as stored: {@code actor} did {@code verb} (to {@code target}) at
 * {@code time}, with a little {@code data}.
 *
 * <p>Start one with {@link #of(Object, Verb)} and publish it with {@code Timeline.save(...)} or
 * {@code Timelines.publish(...)}, which fill in the id (unless the application gave its own)
 * and the time.
 *
 * @param id unique id: generated, or the application's own ("foreign id") for idempotent saves
 * @param actor who did it
 * @param verb what it did
 * @param target what it did it to, or {@code null}
 * @param time when, at microsecond precision
 * @param data small string map, at most {@value #MAX_DATA_ENTRIES} entries, keys
 *     {@code [A-Za-z0-9_.-]{1,64}}, values at most {@value #MAX_VALUE_LENGTH} characters
 */
public record Action(String id, Ref actor, Verb verb, @Nullable Ref target, Instant time, Map<String, String> data) {

    /** Most entries a data map may hold. */
    public static final int MAX_DATA_ENTRIES = 16;

    /** Longest data value, in characters. */
    public static final int MAX_VALUE_LENGTH = 1_024;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Validates the action and freezes its data (sorted by key). */
    public Action {
        Ref.requireValidId(id, "action id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.MICROS);
        data = checkedData(data);
    }

    /**
     * Starts an action of {@code actor}.
     *
     * @param actor a registered application object or a {@link Ref}
     * @param verb what it did; must be registered for the actor's type
     * @return a draft to complete and publish
     * @throws dev.sequere.InvalidArgumentException when {@code actor} or {@code verb} is null
     */
    public static ActionDraft of(Object actor, Verb verb) {
        return new ActionDraft(actor, verb);
    }

    /**
     * Checks a data map against the bounds, so that an item body always fits every backend.
     *
     * @param data the candidate map
     * @return an unmodifiable copy sorted by key
     * @throws InvalidActionException when a bound is broken
     */
    static Map<String, String> checkedData(@Nullable Map<String, String> data) {
        if (data == null) {
            throw new InvalidArgumentException("data must not be null; use Map.of() for none");
        }
        if (data.size() > MAX_DATA_ENTRIES) {
            throw new InvalidActionException("action data has " + data.size() + " entries; at most "
                    + MAX_DATA_ENTRIES + " are allowed: keep large content in your own store and put its id here");
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> entry : data.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key == null || !KEY.matcher(key).matches()) {
                throw new InvalidActionException("action data key '" + key
                        + "' is invalid: use 1 to 64 characters among A-Z, a-z, 0-9, '_', '.' and '-'");
            }
            if (value == null) {
                throw new InvalidActionException("action data value of '" + key + "' is null; leave the key out instead");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidActionException("action data value of '" + key + "' is " + value.length()
                        + " characters long; at most " + MAX_VALUE_LENGTH + " are allowed");
            }
            copy.put(key, value);
        }
        return Collections.unmodifiableMap(copy);
    }
}
