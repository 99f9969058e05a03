package dev.sequere.timeline.internal.follow;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.event.SequereListener;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.Job;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.internal.action.ActionCodec;
import dev.sequere.timeline.internal.fanout.ActionFeeds;
import dev.sequere.timeline.internal.fanout.StoreCalls;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.internal.feed.FeedTrimmer;
import dev.sequere.timeline.internal.job.JobControl;
import dev.sequere.timeline.internal.job.JobEngine;
import dev.sequere.timeline.internal.job.JobHandler;
import dev.sequere.timeline.internal.job.Payloads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Makes a follower's private timeline agree with whether it follows a resource: the job
 * ({@value #KIND}) that every {@code follow} and {@code unfollow} records <b>before</b> the follow
 * store changes, so that neither a crash, nor a lost reply, nor a failed import loses it.
 *
 * <p>The job reads the follow state when it runs, not the event that caused it: following, it
 * imports the followee's newest public actions in one {@link Backend#deliver conditional
 * delivery}; not following, it {@link Backend#purge purges} every action of the followee (its
 * public timeline and its recently deleted actions) from the follower's timeline. Both are
 * conditional on the follow state in the store, atomically with the write, so any number of
 * processes racing follow, unfollow and fan-out end with the state the last change explains.
 */
public final class FollowSync implements SequereListener, JobHandler {

    /** The job kind. */
    public static final String KIND = "sync";
    private static final int PAGE = 500;

    private final Backend backend;
    private final StoreCalls calls;
    private final ActionFeeds feeds;
    private final FeedNames names;
    private final FeedTrimmer trimmer;
    private final boolean importOnFollow;
    private final int importLimit;
    private final boolean removeOnUnfollow;
    private final ThreadLocal<Map<List<Ref>, Job>> recorded = ThreadLocal.withInitial(HashMap::new);
    private @Nullable JobEngine engine;

    /**
     * Creates the synchronisation.
     *
     * @param backend the storage
     * @param calls storage calls under the retry policy
     * @param feeds which feeds hold an action
     * @param trimmer applies bounds after an import
     * @param importOnFollow whether a follow imports recent public actions
     * @param importLimit how many at most
     * @param removeOnUnfollow whether an unfollow removes the followee's actions
     */
    public FollowSync(Backend backend, StoreCalls calls, ActionFeeds feeds, FeedTrimmer trimmer,
            boolean importOnFollow, int importLimit, boolean removeOnUnfollow) {
        this.backend = backend;
        this.calls = calls;
        this.feeds = feeds;
        this.names = feeds.names();
        this.trimmer = trimmer;
        this.importOnFollow = importOnFollow && importLimit > 0;
        this.importLimit = importLimit;
        this.removeOnUnfollow = removeOnUnfollow;
    }

    /**
     * Attaches the engine that records and runs the jobs (built after the handlers).
     *
     * @param engine the engine
     */
    public void attach(JobEngine engine) {
        this.engine = engine;
    }

    @Override
    public void beforeFollowChange(Ref follower, Ref followee) {
        JobEngine jobs = engine;
        if (jobs == null || (!importOnFollow && !removeOnUnfollow)) {
            return;
        }
        // Recorded before the change: whatever happens next, a worker makes the timeline agree.
        Job job = jobs.create(KIND, Payloads.refs(follower, followee));
        recorded.get().put(List.of(follower, followee), job);
    }

    @Override
    public void afterFollowChange(Ref follower, Ref followee) {
        Map<List<Ref>, Job> mine = recorded.get();
        Job job = mine.remove(List.of(follower, followee));
        if (mine.isEmpty()) {
            recorded.remove();
        }
        JobEngine jobs = engine;
        if (job != null && jobs != null) {
            jobs.runHere(job, false);
        }
    }

    @Override
    public void onForgotten(Ref resource, long removedEdges) {
        // Its followings are gone without unfollow events: empty its own private timeline.
        walk(new FeedKey(resource, FeedNames.PRIVATE), batch -> removeActions(resource, actions(batch), ids(batch)));
    }

    @Override
    public void run(Job job, JobControl control) {
        List<Ref> pair = Payloads.refs(job.payload());
        sync(pair.get(0), pair.get(1), control);
    }

    /**
     * Makes {@code follower}'s private timeline agree with whether it follows {@code source} now.
     *
     * @param follower the follower
     * @param source the followed or unfollowed resource
     * @param control counts deliveries
     */
    public void sync(Ref follower, Ref source, JobControl control) {
        // A follow cut between its two sides (Redis Cluster) is completed first: fan-outs walk the
        // followee's side, so every action published after this is delivered; the import covers
        // what was published before. If the followee's side cannot be written now, the job fails
        // and is retried.
        calls.call(() -> backend.repair(follower, source));
        if (calls.call(() -> backend.follows().exists(follower, source))) {
            if (importOnFollow) {
                control.delivered(importRecent(follower, source, importLimit));
            }
        } else if (removeOnUnfollow) {
            purgeAll(follower, source);
        }
    }

    /**
     * Imports the newest public actions of {@code source} into {@code follower}'s private timeline,
     * if it follows {@code source}, in one conditional delivery per page.
     *
     * @param follower the follower
     * @param source the followee
     * @param limit how many actions at most
     * @return how many entries were newly written
     */
    public long importRecent(Ref follower, Ref source, int limit) {
        FeedKey publicFeed = new FeedKey(source, FeedNames.PUBLIC);
        long written = 0;
        @Nullable FeedEntry after = null;
        int seen = 0;
        while (seen < limit) {
            FeedQuery query = new FeedQuery(Order.NEWEST_FIRST, after, Math.min(PAGE, limit - seen));
            List<FeedEntry> entries = calls.call(() -> backend.feeds().page(publicFeed, query));
            if (entries.isEmpty()) {
                break;
            }
            seen += entries.size();
            List<Action> actions = actions(entries);
            List<Delivery> deliveries = new ArrayList<>(actions.size());
            Set<FeedKey> keys = new LinkedHashSet<>();
            for (Action action : actions) {
                List<FeedKey> mine = feeds.privateKeys(follower, action);
                deliveries.add(new Delivery(ActionCodec.entry(action), mine));
                keys.addAll(mine);
            }
            if (!deliveries.isEmpty()) {
                written += calls.call(() -> backend.deliver(source, deliveries));
                calls.call(() -> trimmer.afterWrite(keys));
            }
            if (entries.size() < query.limit()) {
                break;
            }
            after = entries.get(entries.size() - 1);
        }
        // An action deleted while we copied it, or by an earlier attempt of this job that failed
        // before its cleanup, may have reached our feeds after the delete passed them. Every
        // deleted action is marked before its item goes: take the marked ones back.
        Set<String> every = feeds.everyPrivateName();
        walk(new FeedKey(source, FeedNames.DELETED), batch -> {
            List<String> ids = ids(batch);
            for (String name : every) {
                calls.call(() -> backend.feeds().removeEntries(new FeedKey(follower, name), ids));
            }
        });
        return written;
    }

    /** Removes every action of {@code source}, live or recently deleted, unless it is followed again. */
    private void purgeAll(Ref follower, Ref source) {
        walk(new FeedKey(source, FeedNames.PUBLIC), batch -> {
            List<String> ids = ids(batch);
            Set<String> feedNames = new LinkedHashSet<>();
            List<Action> actions = actions(batch);
            if (names.hasFilterFeeds(FeedNames.PRIVATE)) {
                actions.forEach(a -> feedNames.addAll(feeds.privateNames(a)));
                if (actions.size() < batch.size()) {
                    feedNames.addAll(feeds.everyPrivateName());
                }
            } else {
                feedNames.add(FeedNames.PRIVATE);
            }
            calls.call(() -> backend.purge(follower, source, ids, feedNames));
        });
        Set<String> every = feeds.everyPrivateName();
        walk(new FeedKey(source, FeedNames.DELETED),
                batch -> calls.call(() -> backend.purge(follower, source, ids(batch), every)));
    }

    /** Removes actions from a private timeline and its filter feeds, and entries whose action is gone. */
    private void removeActions(Ref owner, List<Action> actions, List<String> alsoIds) {
        Map<String, List<String>> idsByFeed = new HashMap<>();
        for (Action action : actions) {
            for (String name : feeds.privateNames(action)) {
                idsByFeed.computeIfAbsent(name, n -> new ArrayList<>()).add(action.id());
            }
        }
        if (!alsoIds.isEmpty()) {
            idsByFeed.computeIfAbsent(FeedNames.PRIVATE, n -> new ArrayList<>()).addAll(alsoIds);
        }
        idsByFeed.forEach((name, ids) ->
                calls.call(() -> backend.feeds().removeEntries(new FeedKey(owner, name), ids)));
    }

    /** Walks a feed oldest first in pages. */
    private void walk(FeedKey feed, Consumer<List<FeedEntry>> batch) {
        @Nullable FeedEntry after = null;
        while (true) {
            FeedQuery query = new FeedQuery(Order.OLDEST_FIRST, after, PAGE);
            List<FeedEntry> entries = calls.call(() -> backend.feeds().page(feed, query));
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

    private static List<String> ids(List<FeedEntry> entries) {
        List<String> ids = new ArrayList<>(entries.size());
        entries.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** Decodes the actions behind entries with one item read; missing or undecodable ones are skipped. */
    private List<Action> actions(List<FeedEntry> entries) {
        List<String> ids = ids(entries);
        Map<String, String> bodies = calls.call(() -> backend.feeds().items(ids));
        return ActionCodec.decodeAll(ids, bodies);
    }
}
