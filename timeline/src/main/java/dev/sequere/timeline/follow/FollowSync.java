package dev.sequere.timeline.follow;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.event.FollowEvent;
import dev.sequere.event.SequereListener;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.ActionCodec;
import dev.sequere.timeline.fanout.FanOutEngine;
import dev.sequere.timeline.fanout.PairLocks;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.feed.FeedTrimmer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SequereListener} that makes a follower's private timeline agree with what it
 * follows: a follow imports the followee's newest public actions (in their own time order,
 * since entries keep the action's time as score), an unfollow removes every action of the
 * followee still in its public timeline.
 *
 * <p>Both run as one "reconcile" step under the pair's lock that re-reads the follow first, so
 * a follow, unfollow and follow again in quick succession on several threads ends with the
 * state of the last one, whatever order the listeners run in.
 */
public final class FollowSync implements SequereListener {

    private static final int PAGE = 500;

    private final Backend backend;
    private final FeedNames names;
    private final FeedTrimmer trimmer;
    private final FanOutEngine engine;
    private final PairLocks locks;
    private final boolean importOnFollow;
    private final int importLimit;
    private final boolean removeOnUnfollow;

    /**
     * Creates the synchronisation.
     *
     * @param backend the storage
     * @param names the feed naming scheme
     * @param trimmer applies bounds after an import
     * @param engine the fan-out engine, told about unfollows
     * @param locks the pair locks shared with the engine
     * @param importOnFollow whether a follow imports recent public actions
     * @param importLimit how many at most
     * @param removeOnUnfollow whether an unfollow removes the followee's actions
     */
    public FollowSync(Backend backend, FeedNames names, FeedTrimmer trimmer, FanOutEngine engine, PairLocks locks,
            boolean importOnFollow, int importLimit, boolean removeOnUnfollow) {
        this.backend = backend;
        this.names = names;
        this.trimmer = trimmer;
        this.engine = engine;
        this.locks = locks;
        this.importOnFollow = importOnFollow && importLimit > 0;
        this.importLimit = importLimit;
        this.removeOnUnfollow = removeOnUnfollow;
    }

    @Override
    public void onFollowed(FollowEvent event) {
        if (importOnFollow) {
            reconcile(event.follower(), event.followee());
        }
    }

    @Override
    public void onUnfollowed(FollowEvent event) {
        engine.noteUnfollowed(event.follower(), event.followee());
        if (removeOnUnfollow) {
            reconcile(event.follower(), event.followee());
        }
    }

    @Override
    public void onForgotten(Ref resource, long removedEdges) {
        // Its followings are gone without unfollow events: empty its own private timeline.
        walk(new FeedKey(resource, FeedNames.PRIVATE), batch -> removeFrom(resource, batch));
    }

    /**
     * Makes {@code follower}'s private timeline agree with whether it follows {@code source}.
     *
     * @param follower the follower
     * @param source the followed (or unfollowed) resource
     */
    public void reconcile(Ref follower, Ref source) {
        locks.run(follower, source, () -> {
            if (engine.withRetry(() -> backend.follows().exists(follower, source))) {
                if (importOnFollow) {
                    importRecent(follower, source);
                }
            } else if (removeOnUnfollow) {
                walk(new FeedKey(source, FeedNames.PUBLIC), batch -> removeFrom(follower, batch));
            }
        });
    }

    private void importRecent(Ref follower, Ref source) {
        FeedKey publicFeed = new FeedKey(source, FeedNames.PUBLIC);
        List<Action> imported = new ArrayList<>();
        @Nullable FeedEntry after = null;
        while (imported.size() < importLimit) {
            FeedQuery query = new FeedQuery(Order.NEWEST_FIRST, after, Math.min(PAGE, importLimit - imported.size()));
            List<FeedEntry> entries = engine.withRetry(() -> backend.feeds().page(publicFeed, query));
            if (entries.isEmpty()) {
                break;
            }
            List<FeedKey> written = new ArrayList<>();
            for (Action action : actions(entries)) {
                List<FeedKey> keys = new ArrayList<>(4);
                names.keys(follower, FeedNames.PRIVATE, action, keys);
                FeedEntry entry = ActionCodec.entry(action);
                engine.withRetry(() -> backend.feeds().add(entry, keys));
                written.addAll(keys);
                imported.add(action);
            }
            engine.withRetry(() -> trimmer.afterWrite(new LinkedHashSet<>(written)));
            if (entries.size() < query.limit()) {
                break;
            }
            after = entries.get(entries.size() - 1);
        }
        // An action deleted while we copied it may have been removed from our feeds before we
        // wrote it: read the items again and take back what no longer exists.
        List<String> ids = new ArrayList<>(imported.size());
        imported.forEach(a -> ids.add(a.id()));
        Map<String, String> still = ids.isEmpty() ? Map.of() : engine.withRetry(() -> backend.feeds().items(ids));
        List<Action> gone = new ArrayList<>();
        for (Action action : imported) {
            if (!still.containsKey(action.id())) {
                gone.add(action);
            }
        }
        if (!gone.isEmpty()) {
            removeActions(follower, gone);
        }
    }

    private void removeFrom(Ref owner, List<FeedEntry> entries) {
        List<String> ids = new ArrayList<>(entries.size());
        entries.forEach(e -> ids.add(e.id()));
        // Entries whose item is gone were deleted everywhere already; the base feed is enough.
        engine.withRetry(() -> backend.feeds().removeEntries(new FeedKey(owner, FeedNames.PRIVATE), ids));
        if (names.hasFilterFeeds(FeedNames.PRIVATE)) {
            // Which filter feeds hold an entry is in its action: read them only when there are some.
            removeActions(owner, actions(entries));
        }
    }

    /** Removes actions from a private timeline and its filter feeds. */
    private void removeActions(Ref owner, List<Action> actions) {
        Map<String, List<String>> idsByFeed = new HashMap<>();
        for (Action action : actions) {
            for (String name : names.of(FeedNames.PRIVATE, action)) {
                idsByFeed.computeIfAbsent(name, n -> new ArrayList<>()).add(action.id());
            }
        }
        idsByFeed.forEach((name, ids) ->
                engine.withRetry(() -> backend.feeds().removeEntries(new FeedKey(owner, name), ids)));
    }

    /** Walks a feed oldest first in pages. */
    private void walk(FeedKey feed, java.util.function.Consumer<List<FeedEntry>> batch) {
        @Nullable FeedEntry after = null;
        while (true) {
            FeedQuery query = new FeedQuery(Order.OLDEST_FIRST, after, PAGE);
            List<FeedEntry> entries = engine.withRetry(() -> backend.feeds().page(feed, query));
            if (entries.isEmpty()) {
                return;
            }
            batch.accept(entries);
            if (entries.size() < PAGE) {
                return;
            }
            after = entries.get(entries.size() - 1);
        }
    }

    /** Decodes the actions behind entries with one item read; undecodable ones are logged and skipped. */
    private List<Action> actions(List<FeedEntry> entries) {
        List<String> ids = new ArrayList<>(entries.size());
        entries.forEach(e -> ids.add(e.id()));
        Map<String, String> bodies = engine.withRetry(() -> backend.feeds().items(ids));
        return ActionCodec.decodeAll(ids, bodies);
    }
}
