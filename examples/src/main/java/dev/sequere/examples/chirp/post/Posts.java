package dev.sequere.examples.chirp.post;

import dev.sequere.Page;
import dev.sequere.examples.chirp.ChirpException;
import dev.sequere.examples.chirp.user.User;
import dev.sequere.timeline.TimelineItem;
import dev.sequere.timeline.TimelineQuery;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Posting and reading. A post is a timeline action ({@code user post}) whose text is in its
 * data: publishing puts it in the author's timelines and fans it out to the followers' home
 * timelines; following imports the followee's recent posts, unfollowing removes them.
 */
public final class Posts {

    /** The verb of a post. */
    public static final Verb POST = Verb.of("post");

    /** Longest post, in code points. */
    public static final int MAX_LENGTH = 280;

    private final Timelines timelines;

    /**
     * Creates the service.
     *
     * @param timelines the timelines
     */
    public Posts(Timelines timelines) {
        this.timelines = Objects.requireNonNull(timelines, "timelines");
    }

    /**
     * Publishes a post.
     *
     * @param author who writes
     * @param text 1 to 280 characters
     * @return the post
     */
    public Post publish(User author, @Nullable String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw ChirpException.badRequest("text is required");
        }
        if (body.codePointCount(0, body.length()) > MAX_LENGTH) {
            throw ChirpException.badRequest("a post is at most " + MAX_LENGTH + " characters long");
        }
        if (body.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw ChirpException.badRequest("text must not contain control characters");
        }
        Action action = timelines.publish(Action.of(author, POST).data(Map.of("text", body)));
        return new Post(action.id(), author, body, action.time());
    }

    /**
     * The home timeline: own posts and those of followed users, newest first.
     *
     * @param user whose home
     * @param cursor from the previous page, or {@code null}
     * @param limit page size
     * @return the page
     */
    public Page<Post> home(User user, @Nullable String cursor, int limit) {
        return page(timelines.of(user).privateFeed().verb(POST), cursor, limit);
    }

    /**
     * A user's public timeline: their own posts, newest first.
     *
     * @param user whose posts
     * @param cursor from the previous page, or {@code null}
     * @param limit page size
     * @return the page
     */
    public Page<Post> byUser(User user, @Nullable String cursor, int limit) {
        return page(timelines.of(user).publicFeed().verb(POST), cursor, limit);
    }

    /**
     * How many posts a user wrote.
     *
     * @param user the user
     * @return the count
     */
    public long count(User user) {
        return timelines.of(user).publicFeed().verb(POST).count();
    }

    private static Page<Post> page(TimelineQuery query, @Nullable String cursor, int limit) {
        Page<TimelineItem> page = query.page(cursor, limit);
        List<Post> items = new ArrayList<>(page.items().size());
        for (TimelineItem item : page.items()) {
            Action action = item.action();
            items.add(new Post(action.id(), (User) item.actor(), action.data().getOrDefault("text", ""), action.time()));
        }
        return new Page<>(items, page.nextCursor());
    }
}
