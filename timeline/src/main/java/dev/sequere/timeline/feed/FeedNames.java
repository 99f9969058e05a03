package dev.sequere.timeline.feed;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
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
 * Filters are extra feeds written in the same {@code FeedStore.add} call as the base feed:
 * {@code <base>.v.<verb>}, {@code <base>.t.<target type>} and {@code <base>.vt.<verb>.<type>}.
 * That costs 2 to 4 entries per delivery instead of 1, and buys exact, index-backed counts,
 * unread counts and pages for every filter: the alternative (reading the base feed and
 * dropping what does not match) makes a count a full scan and a page of a rare verb
 * unbounded. Filter feeds can be switched off ({@code Timelines.Builder.filterFeeds(false)}).
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
    /** Owner of the global feed: no registered resource, so it never meets an application's feeds. */
    public static final Ref GLOBAL_OWNER = new Ref("sequere", "global");

    private static final int MAX_NAME = 64;

    private final boolean filterFeeds;

    /**
     * Creates the scheme.
     *
     * @param filterFeeds whether per-verb and per-target-type feeds are written
     */
    public FeedNames(boolean filterFeeds) {
        this.filterFeeds = filterFeeds;
    }

    /**
     * Whether filter feeds are written.
     *
     * @return {@code true} when filtered queries are available
     */
    public boolean filterFeeds() {
        return filterFeeds;
    }

    /**
     * Names of every feed of timeline {@code base} that holds {@code action}.
     *
     * @param base {@link #PRIVATE}, {@link #PUBLIC} or {@link #GLOBAL}
     * @param action the action
     * @return the base feed first, then its filter feeds
     */
    public List<String> of(String base, Action action) {
        if (!filterFeeds) {
            return List.of(base);
        }
        List<String> names = new ArrayList<>(4);
        names.add(base);
        names.add(filtered(base, action.verb(), null));
        Ref target = action.target();
        if (target != null) {
            names.add(filtered(base, null, target.type()));
            names.add(filtered(base, action.verb(), target.type()));
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
     * The feed a filtered query reads.
     *
     * @param base the base name
     * @param verb only this verb, or {@code null}
     * @param targetType only targets of this type, or {@code null}
     * @return the feed name
     * @throws InvalidArgumentException when a filter is asked for but filter feeds are off
     */
    public String filtered(String base, @Nullable Verb verb, @Nullable String targetType) {
        if (verb == null && targetType == null) {
            return base;
        }
        if (!filterFeeds) {
            throw new InvalidArgumentException("filtering by verb or target type needs filter feeds, which are off; "
                    + "build Timelines with filterFeeds(true) (the default) before writing the actions");
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
