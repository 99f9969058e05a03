package dev.sequere.timeline;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.ActionDraft;
import dev.sequere.timeline.action.InvalidActionException;
import dev.sequere.timeline.feed.FeedNames;
import java.time.Instant;
import java.util.Optional;

/**
 * The timelines of one resource: its private timeline (its own actions and those of whom it
 * follows), its public timeline (its own actions), and its read marker. Obtained from
 * {@link Timelines#of(Object)}; cheap to create, immutable, thread-safe.
 */
public final class Timeline {

    private final Timelines timelines;
    private final Ref owner;

    Timeline(Timelines timelines, Ref owner) {
        this.timelines = timelines;
        this.owner = owner;
    }

    /**
     * Whose timelines these are.
     *
     * @return the owner's ref
     */
    public Ref owner() {
        return owner;
    }

    /**
     * Publishes an action of this timeline's owner (see {@link Timelines#publish}).
     *
     * @param draft an action whose actor is the owner
     * @return the stored action
     * @throws InvalidActionException when the action's actor is someone else
     */
    public Action save(ActionDraft draft) {
        if (draft == null) {
            throw new InvalidArgumentException("action must not be null");
        }
        Ref actor = timelines.sequere().ref(draft.actor());
        if (!actor.equals(owner)) {
            throw new InvalidActionException("action by " + actor + " saved in the timeline of " + owner
                    + "; save it with timelines.of(actor) or timelines.publish(...)");
        }
        return timelines.publish(draft);
    }

    /**
     * The private timeline: the owner's actions and those of the resources it follows.
     *
     * @return a query, newest first
     */
    public TimelineQuery privateFeed() {
        return new TimelineQuery(timelines, owner, FeedNames.PRIVATE, owner);
    }

    /**
     * The public timeline: the owner's own actions.
     *
     * @return a query, newest first
     */
    public TimelineQuery publicFeed() {
        return new TimelineQuery(timelines, owner, FeedNames.PUBLIC, owner);
    }

    /** Marks everything up to now read (the clock of the {@code Sequere}). */
    public void markRead() {
        markRead(timelines.sequere().clock().instant());
    }

    /**
     * Marks everything up to {@code time} read. Markers only move forward, so a stale device
     * cannot mark read actions unread again; an earlier time changes nothing.
     *
     * @param time read up to this time, inclusive
     */
    public void markRead(Instant time) {
        if (time == null) {
            throw new InvalidArgumentException("time must not be null");
        }
        timelines.engine().withRetry(() -> {
            timelines.readMarkers().markRead(owner, time);
            return null;
        });
    }

    /**
     * Up to when the owner has read its timelines.
     *
     * @return the marker, or empty when never marked
     */
    public Optional<Instant> readAt() {
        return timelines.engine().withRetry(() -> timelines.readMarkers().readAt(owner));
    }

    /**
     * Actions of the private timeline newer than the read marker (all of them before the first
     * {@link #markRead()}).
     *
     * @return the unread count
     */
    public long unreadCount() {
        return privateFeed().unreadCount();
    }

    /**
     * Compares the private timeline with what the follow graph and the public timelines say it
     * should hold, without changing anything: the check an operator runs when a timeline looks
     * wrong. Reads the whole private timeline and the public timelines of the owner and of whom it
     * follows.
     *
     * @return what is missing and what is extra
     */
    public TimelineCheck check() {
        return timelines.check(owner, false);
    }

    /**
     * Repairs the private timeline: adds what {@link #check()} finds missing (the newest actions
     * of each followee, as a follow imports them, and the owner's own), removes what it finds
     * extra. Safe to run while the owner follows, unfollows and receives fan-outs: the repairs are
     * the same conditional writes as the live protocol.
     *
     * @return what was missing and extra before the repair
     */
    public TimelineCheck rebuild() {
        return timelines.check(owner, true);
    }

    @Override
    public String toString() {
        return "timelines of " + owner;
    }
}
