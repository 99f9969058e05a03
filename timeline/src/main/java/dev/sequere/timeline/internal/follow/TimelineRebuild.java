package dev.sequere.timeline.internal.follow;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.timeline.TimelineCheck;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.internal.action.ActionCodec;
import dev.sequere.timeline.internal.fanout.ActionFeeds;
import dev.sequere.timeline.internal.fanout.StoreCalls;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.internal.job.JobControl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes one private timeline from the follow graph and the public timelines: the repair
 * tool for any drift, and the reference the tests compare timelines with. Reads every entry of
 * the private timeline and of the public timelines of the owner and its followees, so it costs
 * what they hold; meant for operators and tests, not for every request.
 *
 * <p>Repairs are the same conditional writes as the live protocol (an import, a purge), so a
 * rebuild racing follows, unfollows and fan-outs never makes things worse.
 */
public final class TimelineRebuild {

    private static final int PAGE = 500;

    private final Backend backend;
    private final StoreCalls calls;
    private final ActionFeeds feeds;
    private final FollowSync sync;
    private final int importLimit;

    /**
     * Creates the tool.
     *
     * @param backend the storage
     * @param calls storage calls under the retry policy
     * @param feeds which feeds hold an action
     * @param sync imports like a follow does
     * @param importLimit how many newest actions of each followee a timeline must hold
     */
    public TimelineRebuild(Backend backend, StoreCalls calls, ActionFeeds feeds, FollowSync sync, int importLimit) {
        this.backend = backend;
        this.calls = calls;
        this.feeds = feeds;
        this.sync = sync;
        this.importLimit = importLimit;
    }

    /**
     * Compares, and repairs when asked.
     *
     * @param owner whose private timeline
     * @param repair whether to write the repairs
     * @return what differed (before the repair)
     */
    public TimelineCheck run(Ref owner, boolean repair) {
        Set<String> own = new HashSet<>(ids(new FeedKey(owner, FeedNames.PUBLIC), Integer.MAX_VALUE));
        Set<Ref> followees = new HashSet<>();
        @Nullable Edge after = null;
        while (true) {
            EdgeQuery query = new EdgeQuery(null, Order.OLDEST_FIRST, after, PAGE);
            List<Edge> page = calls.call(() -> backend.follows().page(owner, Direction.FOLLOWINGS, query));
            page.forEach(e -> followees.add(e.ref()));
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        List<String> current = ids(new FeedKey(owner, FeedNames.PRIVATE), Integer.MAX_VALUE);
        Set<String> held = new HashSet<>(current);
        Map<String, Action> actions = load(current);
        Map<Ref, Set<String>> publicOf = new HashMap<>();
        Set<String> extra = new LinkedHashSet<>();
        for (String id : current) {
            Action action = actions.get(id);
            if (action == null) {
                extra.add(id);
            } else if (action.actor().equals(owner)) {
                if (!own.contains(id)) {
                    extra.add(id);
                }
            } else if (!followees.contains(action.actor())
                    || !publicOf.computeIfAbsent(action.actor(), this::publicIds).contains(id)) {
                extra.add(id);
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String id : own) {
            if (!held.contains(id)) {
                missing.add(id);
            }
        }
        Map<Ref, List<String>> missingByFollowee = new HashMap<>();
        for (Ref followee : followees) {
            for (String id : ids(new FeedKey(followee, FeedNames.PUBLIC), importLimit, Order.NEWEST_FIRST)) {
                if (!held.contains(id)) {
                    missing.add(id);
                    missingByFollowee.computeIfAbsent(followee, k -> new ArrayList<>()).add(id);
                }
            }
        }
        if (repair) {
            repair(owner, own, missing, extra, actions, followees, missingByFollowee.keySet());
        }
        return new TimelineCheck(missing, extra);
    }

    private void repair(Ref owner, Set<String> own, Set<String> missing, Set<String> extra, Map<String, Action> actions,
            Set<Ref> followees, Set<Ref> followeesMissing) {
        Map<Ref, List<String>> extraByActor = new HashMap<>();
        List<String> dead = new ArrayList<>();
        for (String id : extra) {
            Action action = actions.get(id);
            if (action == null) {
                dead.add(id);
            } else {
                extraByActor.computeIfAbsent(action.actor(), k -> new ArrayList<>()).add(id);
            }
        }
        Set<String> every = feeds.everyPrivateName();
        if (!dead.isEmpty()) {
            for (String name : every) {
                calls.call(() -> backend.feeds().removeEntries(new FeedKey(owner, name), dead));
            }
        }
        extraByActor.forEach((actor, ids) -> {
            if (actor.equals(owner) || followees.contains(actor)) {
                // Not in the actor's public timeline any more: no follow makes it valid.
                for (String name : every) {
                    calls.call(() -> backend.feeds().removeEntries(new FeedKey(owner, name), ids));
                }
            } else {
                calls.call(() -> backend.purge(owner, actor, ids, every));
            }
        });
        List<String> ownMissing = new ArrayList<>();
        for (String id : missing) {
            if (own.contains(id)) {
                ownMissing.add(id);
            }
        }
        for (Action action : load(ownMissing).values()) {
            FeedEntry entry = ActionCodec.entry(action);
            List<FeedKey> keys = feeds.privateKeys(owner, action);
            calls.call(() -> backend.feeds().add(entry, keys));
        }
        for (Ref followee : followeesMissing) {
            sync.importRecent(owner, followee, importLimit);
        }
    }

    private Set<String> publicIds(Ref actor) {
        return new HashSet<>(ids(new FeedKey(actor, FeedNames.PUBLIC), Integer.MAX_VALUE));
    }

    private List<String> ids(FeedKey feed, int limit) {
        return ids(feed, limit, Order.OLDEST_FIRST);
    }

    private List<String> ids(FeedKey feed, int limit, Order order) {
        List<String> ids = new ArrayList<>();
        @Nullable FeedEntry after = null;
        while (ids.size() < limit) {
            FeedQuery query = new FeedQuery(order, after, Math.min(PAGE, limit - ids.size()));
            List<FeedEntry> entries = calls.call(() -> backend.feeds().page(feed, query));
            entries.forEach(e -> ids.add(e.id()));
            if (entries.size() < query.limit()) {
                break;
            }
            after = entries.get(entries.size() - 1);
        }
        return ids;
    }

    private Map<String, Action> load(List<String> ids) {
        Map<String, Action> actions = new HashMap<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
            Map<String, String> bodies = calls.call(() -> backend.feeds().items(chunk));
            for (Action action : ActionCodec.decodeAll(chunk, bodies)) {
                actions.put(action.id(), action);
            }
        }
        return actions;
    }

    /** A control for a rebuild run outside a job: nothing to save, deliveries not counted. */
    static final JobControl NO_JOB = new JobControl() {
        @Override
        public void checkpoint(dev.sequere.spi.Job job, @Nullable String progress) {
        }

        @Override
        public void delivered(long entries) {
        }
    };
}
