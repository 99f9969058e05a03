package dev.sequere.timeline.feed;

import dev.sequere.Ref;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.action.Action;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The naming scheme of timeline feeds.
 *
 * <p>Every timeline is a base feed ({@value #PRIVATE}, {@value #PUBLIC}, {@value #GLOBAL}).
 * Timelines the {@link FilterFeeds} mode covers also keep filter feeds, written in the same
 * {@code FeedStore.add} call as the base feed: {@code <base>.v.<verb>}, {@code <base>.t.<target
 * type>} and {@code <base>.vt.<verb>.<type>}, 2 to 4 entries per write instead of 1, which buy
 * index-backed filtered counts and pages. Other timelines are filtered on read, from the
 * actions their entries point to.
 *
 * <p>A name longer than the 64 characters a feed name allows (a long target type) is replaced
 * by {@code <base>.x.<first 32 hex digits of its SHA-256>}.
 */
public final class FeedNames {

    /** A resource's own actions and those of whom it follows. */
    public static final String PRIVATE = "private";
    /** A resource's own actions. */
    public static final String PUBLIC = "public";
    /** Every public action (opt-in). */
    public static final String GLOBAL = "global";
    /** The read marker of a resource. */
    public static final String READ = "read";
    /**
     * Marks of a resource's deleted actions (entry = action id, score = deletion time), kept for
     * {@code DELETED_RETENTION} so that the cleanup after an unfollow that raced the delete still
     * finds them once they have left the public timeline.
     */
    public static final String DELETED = "deleted";
    /** Owner of the global feed: no registered resource, so it never meets an application's feeds. */
    public static final Ref GLOBAL_OWNER = new Ref("sequere", "global");

    private static final int MAX_NAME = 64;

    private final FilterFeeds mode;

    /**
     * Creates the scheme.
     *
     * @param mode which timelines keep filter feeds
     */
    public FeedNames(FilterFeeds mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /**
     * Which timelines keep filter feeds.
     *
     * @return the mode
     */
    public FilterFeeds mode() {
        return mode;
    }

    /**
     * Whether timeline {@code base} keeps filter feeds.
     *
     * @param base the base name
     * @return {@code true} when its filtered queries read filter feeds
     */
    public boolean hasFilterFeeds(String base) {
        return mode.covers(base);
    }

    /**
     * Names of every feed of timeline {@code base} that holds {@code action}.
     *
     * @param base {@link #PRIVATE}, {@link #PUBLIC} or {@link #GLOBAL}
     * @param action the action
     * @return the base feed first, then its filter feeds
     */
    public List<String> of(String base, Action action) {
        Ref target = action.target();
        return of(base, action.verb().name(), target == null ? null : target.type());
    }

    private List<String> of(String base, String verb, @Nullable String targetType) {
        if (!hasFilterFeeds(base)) {
            return List.of(base);
        }
        List<String> names = new ArrayList<>(4);
        names.add(base);
        names.add(filtered(base, verb, null));
        if (targetType != null) {
            names.add(filtered(base, null, targetType));
            names.add(filtered(base, verb, targetType));
        }
        return names;
    }

    /**
     * Keys of every feed of timeline {@code base} of {@code owner} that holds {@code action}.
     *
     * @param owner the timeline's owner
     * @param base the base name
     * @param action the action
     * @param into where to add the keys
     */
    public void keys(Ref owner, String base, Action action, List<FeedKey> into) {
        for (String name : of(base, action)) {
            into.add(new FeedKey(owner, name));
        }
    }

    /**
     * The name of the filter feed of a filter, whether or not this mode writes it (it also
     * scopes cursors, so they stay valid across modes).
     *
     * @param base the base name
     * @param verb only this verb, or {@code null}
     * @param targetType only targets of this type, or {@code null}
     * @return the feed name; {@code base} itself without filter
     */
    public String filtered(String base, @Nullable String verb, @Nullable String targetType) {
        if (verb == null && targetType == null) {
            return base;
        }
        String name;
        if (targetType == null) {
            name = base + ".v." + verb;
        } else if (verb == null) {
            name = base + ".t." + targetType;
        } else {
            name = base + ".vt." + verb + "." + targetType;
        }
        return name.length() <= MAX_NAME ? name : base + ".x." + sha256Hex(name).substring(0, 32);
    }

    private static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
