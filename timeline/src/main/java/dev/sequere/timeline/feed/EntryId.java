package dev.sequere.timeline.feed;

import dev.sequere.Ref;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedEntry;
import dev.sequere.timeline.action.Action;
import org.jspecify.annotations.Nullable;

/**
 * The id of an action's entry in every timeline feed: {@code <verb>:<target type>:<action id>}
 * ({@code like:project:42}, {@code join::43} without target).
 *
 * <p>Carrying the verb and target type in the entry is what lets a timeline without filter
 * feeds answer filtered counts and pages from its entries alone, without loading one action
 * per entry; it costs a few bytes per entry. Verbs and type names never contain {@code ':'},
 * so the first two colons delimit the fields whatever the action id holds. An entry id not in
 * this form (written by hand, or by an earlier snapshot) is read as a bare action id that
 * matches no filter.
 *
 * @param actionId the action's id
 * @param verb the verb's name
 * @param targetType the target's type name, or {@code null} without target
 */
public record EntryId(String actionId, String verb, @Nullable String targetType) {

    private static final char SEPARATOR = ':';

    /**
     * The entry id of an action.
     *
     * @param action the action
     * @return its entry id
     */
    public static EntryId of(Action action) {
        Ref target = action.target();
        return new EntryId(action.id(), action.verb().name(), target == null ? null : target.type());
    }

    /**
     * The feed entry of an action: its entry id, scored with its time in epoch microseconds.
     *
     * @param action the action
     * @return the entry
     */
    public static FeedEntry entry(Action action) {
        return new FeedEntry(of(action).encode(), EpochMicros.of(action.time()));
    }

    /**
     * The entry id as stored.
     *
     * @return {@code <verb>:<target type>:<action id>}
     */
    public String encode() {
        String type = targetType == null ? "" : targetType;
        return new StringBuilder(verb.length() + type.length() + actionId.length() + 2)
                .append(verb).append(SEPARATOR).append(type).append(SEPARATOR).append(actionId).toString();
    }

    /**
     * Reads a stored entry id.
     *
     * @param entryId the stored id
     * @return its fields, or {@code null} when it is not in this form
     */
    public static @Nullable EntryId parse(String entryId) {
        int first = verbEnd(entryId);
        int second = first < 0 ? -1 : typeEnd(entryId, first);
        if (second < 0) {
            return null;
        }
        return new EntryId(entryId.substring(second + 1), entryId.substring(0, first),
                second == first + 1 ? null : entryId.substring(first + 1, second));
    }

    /**
     * The action id behind a stored entry id (the whole id when it is not in this form).
     *
     * @param entryId the stored id
     * @return the item id to load
     */
    public static String actionIdOf(String entryId) {
        int first = verbEnd(entryId);
        int second = first < 0 ? -1 : typeEnd(entryId, first);
        return second < 0 ? entryId : entryId.substring(second + 1);
    }

    /**
     * Whether a stored entry passes a filter, read from the id alone (no allocation).
     *
     * @param entryId the stored id
     * @param verb the verb asked for, or {@code null} for any
     * @param targetType the target type asked for, or {@code null} for any
     * @return {@code true} when it matches; an id not in this form matches only the empty filter
     */
    public static boolean matches(String entryId, @Nullable String verb, @Nullable String targetType) {
        if (verb == null && targetType == null) {
            return true;
        }
        int first = verbEnd(entryId);
        int second = first < 0 ? -1 : typeEnd(entryId, first);
        if (second < 0) {
            return false;
        }
        if (verb != null && (first != verb.length() || !entryId.startsWith(verb))) {
            return false;
        }
        return targetType == null
                || second - first - 1 == targetType.length() && entryId.startsWith(targetType, first + 1);
    }

    /** End of a well-formed verb field ({@code [a-z0-9_-]{1,32}} then ':'), or -1. */
    private static int verbEnd(String id) {
        int limit = Math.min(id.length(), 33);
        for (int i = 0; i < limit; i++) {
            char c = id.charAt(i);
            if (c == SEPARATOR) {
                return i == 0 ? -1 : i;
            }
            if (!nameChar(c)) {
                return -1;
            }
        }
        return -1;
    }

    /** End of a well-formed, possibly empty type field after {@code from}, or -1. */
    private static int typeEnd(String id, int from) {
        int limit = Math.min(id.length(), from + 66);
        for (int i = from + 1; i < limit; i++) {
            char c = id.charAt(i);
            if (c == SEPARATOR) {
                // The action id after it must not be empty.
                return i + 1 < id.length() ? i : -1;
            }
            if (!nameChar(c)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean nameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
