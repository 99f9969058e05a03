package dev.sequere.examples.chirp.social;

import dev.sequere.Follow;
import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.examples.chirp.ChirpException;
import dev.sequere.examples.chirp.post.Posts;
import dev.sequere.examples.chirp.user.User;
import dev.sequere.examples.chirp.user.UserStore;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Follows between chirp's objects, answering like django-sequere's views: 400 for a missing
 * field or an unknown type, 404 for an unknown object, 400 for a self-follow, else the counts.
 */
public final class Social {

    private final Sequere sequere;
    private final UserStore users;
    private final Posts posts;

    /**
     * Creates the service.
     *
     * @param sequere the follow graph
     * @param users the users
     * @param posts the posts, for counts on profiles
     */
    public Social(Sequere sequere, UserStore users, Posts posts) {
        this.sequere = Objects.requireNonNull(sequere, "sequere");
        this.users = Objects.requireNonNull(users, "users");
        this.posts = Objects.requireNonNull(posts, "posts");
    }

    /**
     * Makes {@code user} follow the object named by {@code identifier} and {@code objectId}.
     *
     * @param user the logged-in user
     * @param identifier the object's type name, e.g. {@code user}
     * @param objectId the object's id
     * @return the counts after the follow
     */
    public FollowCounts follow(User user, @Nullable String identifier, @Nullable String objectId) {
        Object target = resolve(user, identifier, objectId);
        sequere.follow(user, target);
        return counts(user, target);
    }

    /**
     * Makes {@code user} stop following the object.
     *
     * @param user the logged-in user
     * @param identifier the object's type name
     * @param objectId the object's id
     * @return the counts after the unfollow
     */
    public FollowCounts unfollow(User user, @Nullable String identifier, @Nullable String objectId) {
        Object target = resolve(user, identifier, objectId);
        sequere.unfollow(user, target);
        return counts(user, target);
    }

    /**
     * A user's profile as another user (or an anonymous visitor) sees it.
     *
     * @param username whose profile
     * @param viewer who looks, or {@code null}
     * @return the profile
     */
    public Profile profile(String username, @Nullable User viewer) {
        User user = users.findByUsername(username).orElseThrow(() -> ChirpException.notFound("no user '" + username + "'"));
        boolean following = viewer != null && sequere.isFollowing(viewer, user);
        boolean followsYou = viewer != null && sequere.isFollowing(user, viewer);
        return new Profile(user, sequere.followers(user).count(), sequere.followings(user).count(),
                posts.count(user), following, followsYou);
    }

    /**
     * A page of a user's followers, newest first.
     *
     * @param username whose followers
     * @param cursor from the previous page, or {@code null}
     * @param limit page size
     * @return the page
     */
    public Page<Follow<User>> followers(String username, @Nullable String cursor, int limit) {
        return sequere.followers(user(username)).ofType(User.class).page(cursor, limit);
    }

    /**
     * A page of the users a user follows, newest first.
     *
     * @param username whose followings
     * @param cursor from the previous page, or {@code null}
     * @param limit page size
     * @return the page
     */
    public Page<Follow<User>> followings(String username, @Nullable String cursor, int limit) {
        return sequere.followings(user(username)).ofType(User.class).page(cursor, limit);
    }

    private User user(String username) {
        return users.findByUsername(username).orElseThrow(() -> ChirpException.notFound("no user '" + username + "'"));
    }

    private Object resolve(User user, @Nullable String identifier, @Nullable String objectId) {
        if (identifier == null || identifier.isBlank() || objectId == null || objectId.isBlank()) {
            throw ChirpException.badRequest("identifier and object_id are required");
        }
        if (!sequere.registry().contains(identifier)) {
            throw ChirpException.badRequest("unknown identifier '" + identifier + "'");
        }
        Ref ref;
        try {
            ref = Ref.of(identifier, objectId);
        } catch (RuntimeException e) {
            throw ChirpException.badRequest("invalid object_id: " + e.getMessage());
        }
        Optional<Object> target = Optional.ofNullable(sequere.load(java.util.List.of(ref)).get(ref));
        Object found = target.orElseThrow(() -> ChirpException.notFound("no " + identifier + " with id '" + objectId + "'"));
        if (sequere.ref(found).equals(sequere.ref(user))) {
            throw ChirpException.badRequest("you cannot follow yourself");
        }
        return found;
    }

    private FollowCounts counts(User user, Object target) {
        String type = sequere.ref(target).type();
        return new FollowCounts(type, sequere.followers(target).count(), sequere.followings(user).count(),
                sequere.followers(target).ofType(type).count(), sequere.followings(user).ofType(type).count());
    }

    /**
     * A profile.
     *
     * @param user the user
     * @param followers how many follow them
     * @param followings how many they follow
     * @param posts how many posts they wrote
     * @param following whether the viewer follows them
     * @param followsYou whether they follow the viewer
     */
    public record Profile(User user, long followers, long followings, long posts, boolean following, boolean followsYou) {
    }
}
