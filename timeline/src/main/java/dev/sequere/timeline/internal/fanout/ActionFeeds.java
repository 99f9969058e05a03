package dev.sequere.timeline.internal.fanout;

import dev.sequere.Ref;
import dev.sequere.registry.TypeRegistration;
import dev.sequere.registry.TypeRegistry;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.action.VerbRegistry;
import dev.sequere.timeline.feed.FeedNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which feeds hold an action: its actor's own (private, public, global when enabled) and, in
 * each follower, the private feed and its filter feeds.
 */
public final class ActionFeeds {

    private final FeedNames names;
    private final boolean globalFeed;
    private final VerbRegistry verbs;
    private final TypeRegistry types;

    /**
     * Creates the scheme.
     *
     * @param names the naming scheme
     * @param globalFeed whether the global timeline is kept
     * @param verbs every registered verb (for the feeds a deleted action may be in)
     * @param types every registered type (same)
     */
    public ActionFeeds(FeedNames names, boolean globalFeed, VerbRegistry verbs, TypeRegistry types) {
        this.names = names;
        this.globalFeed = globalFeed;
        this.verbs = verbs;
        this.types = types;
    }

    /**
     * The naming scheme.
     *
     * @return the names
     */
    public FeedNames names() {
        return names;
    }

    /**
     * The actor's own feeds that hold an action.
     *
     * @param action the action
     * @return its keys
     */
    public List<FeedKey> ownKeys(Action action) {
        List<FeedKey> keys = new ArrayList<>(12);
        names.keys(action.actor(), FeedNames.PRIVATE, action, keys);
        names.keys(action.actor(), FeedNames.PUBLIC, action, keys);
        if (globalFeed) {
            names.keys(FeedNames.GLOBAL_OWNER, FeedNames.GLOBAL, action, keys);
        }
        return keys;
    }

    /**
     * The names of a follower's feeds that receive an action.
     *
     * @param action the action
     * @return the private feed first, then its filter feeds
     */
    public List<String> privateNames(Action action) {
        return names.of(FeedNames.PRIVATE, action);
    }

    /**
     * Keys of {@code owner}'s private feeds that hold an action.
     *
     * @param owner the timeline's owner
     * @param action the action
     * @return the keys
     */
    public List<FeedKey> privateKeys(Ref owner, Action action) {
        List<FeedKey> keys = new ArrayList<>(4);
        names.keys(owner, FeedNames.PRIVATE, action, keys);
        return keys;
    }

    /**
     * Every private feed name an action of any verb and target may have been written to: what a
     * cleanup uses when the action itself is gone (deleted) and its verb and target are unknown.
     *
     * @return the names; just the private feed when private timelines keep no filter feeds
     */
    public Set<String> everyPrivateName() {
        Set<String> all = new LinkedHashSet<>();
        all.add(FeedNames.PRIVATE);
        if (!names.hasFilterFeeds(FeedNames.PRIVATE)) {
            return all;
        }
        for (Verb verb : verbs.all()) {
            all.add(names.filtered(FeedNames.PRIVATE, verb.name(), null));
            for (TypeRegistration<?> type : types.registrations()) {
                all.add(names.filtered(FeedNames.PRIVATE, verb.name(), type.type()));
            }
        }
        for (TypeRegistration<?> type : types.registrations()) {
            all.add(names.filtered(FeedNames.PRIVATE, null, type.type()));
        }
        return all;
    }
}
