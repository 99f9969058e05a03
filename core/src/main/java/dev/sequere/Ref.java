package dev.sequere;

import java.util.Objects;

/**
 * The storage identity of a followable resource: its registered type name and its id.
 *
 * <p>Backends only ever see {@code Ref}s. Both parts are validated on construction so that a
 * {@code Ref} that exists is always storable:
 * <ul>
 *   <li>{@code type} matches {@code [a-z0-9_-]{1,64}};</li>
 *   <li>{@code id} is non-empty, at most {@value #MAX_ID_LENGTH} characters, holds no control
 *       characters and no unpaired surrogate (it must survive a UTF-8 round trip).</li>
 * </ul>
 * Anything else (separators such as {@code :}, braces, quotes, spaces, {@code %}, Unicode) is
 * allowed, and it is each backend's job to store it exactly and without collisions.
 *
 * <p>Refs are ordered by type, then id (natural {@link String} order). That order is only used
 * in memory; backends may break timestamp ties in their own total order.
 *
 * @param type the registered type name
 * @param id the resource's id within its type
 */
public record Ref(String type, String id) implements Comparable<Ref> {

    /** Longest accepted id, in UTF-16 characters (so also at most that many code points). */
    public static final int MAX_ID_LENGTH = 255;

    /** Longest accepted type name. */
    public static final int MAX_TYPE_LENGTH = 64;

    /**
     * Validates and creates a ref.
     *
     * @throws InvalidRefException if the type or the id is not acceptable
     */
    public Ref {
        requireValidType(type);
        requireValidId(id, "id");
    }

    /**
     * Creates a ref; same as the constructor.
     *
     * @param type the registered type name
     * @param id the id within that type
     * @return the ref
     */
    public static Ref of(String type, String id) {
        return new Ref(type, id);
    }

    /**
     * Checks a type name against {@code [a-z0-9_-]{1,64}}.
     *
     * @param type the candidate type name
     * @return the same type name
     * @throws InvalidRefException if it does not match
     */
    public static String requireValidType(String type) {
        if (type == null) {
            throw new InvalidRefException("type must not be null");
        }
        if (!isValidType(type)) {
            throw new InvalidRefException("type '" + printable(type)
                    + "' is invalid: use 1 to 64 characters among a-z, 0-9, '_' and '-'");
        }
        return type;
    }

    /**
     * {@code [a-z0-9_-]{1,64}}, written as a loop: every ref a backend reads back is checked,
     * and a regular expression costs several times more per call on that path.
     */
    private static boolean isValidType(String type) {
        int length = type.length();
        if (length < 1 || length > MAX_TYPE_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = type.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks an identifier (a resource id, an entry id, an item id) against the rules every
     * backend can store: non-empty, at most {@value #MAX_ID_LENGTH} characters, no control
     * character, no unpaired surrogate.
     *
     * @param id the candidate id
     * @param what what the id names, for the message ("id", "entry id"...)
     * @return the same id
     * @throws InvalidRefException if it breaks a rule
     */
    public static String requireValidId(String id, String what) {
        if (id == null) {
            throw new InvalidRefException(what + " must not be null");
        }
        if (id.isEmpty()) {
            throw new InvalidRefException(what + " must not be empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidRefException(what + " is " + id.length() + " characters long; at most "
                    + MAX_ID_LENGTH + " are allowed (map longer keys to a shorter id, e.g. a hash)");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidRefException(what + " '" + printable(id) + "' contains control character U+"
                        + String.format("%04X", (int) c) + " at index " + i + "; control characters are not allowed");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidRefException(what + " has an unpaired surrogate at index " + i
                        + "; ids must be valid Unicode text");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidRefException(what + " has an unpaired surrogate at index " + i
                        + "; ids must be valid Unicode text");
            }
        }
        return id;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }

    @Override
    public int compareTo(Ref other) {
        // Hand-written: sorted indexes call this on every comparison.
        int byType = type.compareTo(Objects.requireNonNull(other, "other").type);
        return byType != 0 ? byType : id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return type + "/" + id;
    }
}
