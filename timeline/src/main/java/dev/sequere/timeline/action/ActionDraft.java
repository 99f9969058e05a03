package dev.sequere.timeline.action;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An action being written: actor and verb are set, the rest is optional. Mutable and not
 * thread-safe, like any builder; checked when published.
 *
 * <pre>{@code
 * timelines.of(alice).save(Action.of(alice, LIKE).target(project).data(Map.of("stars", "5")));
 * }</pre>
 */
public final class ActionDraft {

    private final Object actor;
    private final Verb verb;
    private @Nullable Object target;
    private Map<String, String> data = Map.of();
    private @Nullable String id;
    private @Nullable Instant time;

    ActionDraft(@Nullable Object actor, @Nullable Verb verb) {
        if (actor == null) {
            throw new InvalidArgumentException("actor must not be null");
        }
        if (verb == null) {
            throw new InvalidArgumentException("verb must not be null");
        }
        this.actor = actor;
        this.verb = verb;
    }

    /**
     * Sets what the action was done to.
     *
     * @param target a registered application object or a {@link Ref}
     * @return this draft
     */
    public ActionDraft target(Object target) {
        if (target == null) {
            throw new InvalidArgumentException("target must not be null; leave it out for an action without target");
        }
        this.target = target;
        return this;
    }

    /**
     * Sets the action's data (bounded: see {@link Action}).
     *
     * @param data a small string map
     * @return this draft
     * @throws InvalidActionException when a bound is broken
     */
    public ActionDraft data(Map<String, String> data) {
        this.data = Action.checkedData(data);
        return this;
    }

    /**
     * Gives the action the application's own id ("foreign id"): publishing the same id again
     * changes nothing, so a retried request never doubles an action.
     *
     * @param id the id, validated like a {@link Ref} id
     * @return this draft
     */
    public ActionDraft id(String id) {
        this.id = Ref.requireValidId(id, "action id");
        return this;
    }

    /**
     * Dates the action explicitly (imports of history); by default it is dated by the clock of
     * the {@code Sequere} instance when published.
     *
     * @param time when the action happened
     * @return this draft
     */
    public ActionDraft at(Instant time) {
        if (time == null) {
            throw new InvalidArgumentException("time must not be null");
        }
        this.time = time;
        return this;
    }

    /**
     * The actor as given.
     *
     * @return an application object or a ref
     */
    public Object actor() {
        return actor;
    }

    /**
     * The verb.
     *
     * @return the verb
     */
    public Verb verb() {
        return verb;
    }

    /**
     * The target as given.
     *
     * @return an application object, a ref, or {@code null}
     */
    public @Nullable Object target() {
        return target;
    }

    /**
     * The data.
     *
     * @return the checked data map
     */
    public Map<String, String> data() {
        return data;
    }

    /**
     * The application's own id.
     *
     * @return the foreign id, or {@code null} to generate one
     */
    public @Nullable String id() {
        return id;
    }

    /**
     * The explicit time.
     *
     * @return the time, or {@code null} to use the clock
     */
    public @Nullable Instant time() {
        return time;
    }
}
