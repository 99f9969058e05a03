package dev.sequere.timeline;

import java.util.Set;

/**
 * How a private timeline differs from what the follow graph and the public timelines say it
 * should hold, as {@link Timeline#check()} found it (or {@link Timeline#rebuild()} repaired it).
 *
 * <p>A private timeline should hold the owner's own actions, the newest actions of each resource
 * it follows (as many as a follow imports), and nothing else but other still existing actions of
 * those resources (delivered by fan-out while it followed them).
 *
 * @param missing ids of actions it should hold and does not
 * @param extra ids of entries it should not hold: actions of resources it does not follow,
 *     deleted actions, actions no longer in their actor's public timeline
 */
public record TimelineCheck(Set<String> missing, Set<String> extra) {

    /** Copies the sets. */
    public TimelineCheck {
        missing = Set.copyOf(missing);
        extra = Set.copyOf(extra);
    }

    /**
     * Whether the timeline is as it should be.
     *
     * @return {@code true} when nothing is missing or extra
     */
    public boolean consistent() {
        return missing.isEmpty() && extra.isEmpty();
    }
}
