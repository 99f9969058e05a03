package dev.sequere.timeline;

import dev.sequere.timeline.action.Action;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One action of a timeline page, with its actor and target loaded.
 *
 * @param action the stored action
 * @param actor the actor, as the type's loader returned it
 * @param target the target as loaded, or {@code null} when the action has none
 */
public record TimelineItem(Action action, Object actor, @Nullable Object target) {

    /** Rejects nulls where they make no sense. */
    public TimelineItem {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
    }
}
