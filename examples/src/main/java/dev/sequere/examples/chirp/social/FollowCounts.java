package dev.sequere.examples.chirp.social;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What django-sequere's follow and unfollow views answer: the followers of the followed object
 * and the followings of the user, in total and for the object's type.
 *
 * @param type the object's type name ({@code identifier})
 * @param followers followers of the object
 * @param followings followings of the user
 * @param typedFollowers followers of the object that are of the type
 * @param typedFollowings followings of the user that are of the type
 */
public record FollowCounts(String type, long followers, long followings, long typedFollowers, long typedFollowings) {

    /**
     * The JSON body, with django-sequere's keys ({@code followers_count},
     * {@code user_followers_count}...).
     *
     * @return the body
     */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("followers_count", followers);
        body.put("followings_count", followings);
        body.put(type + "_followers_count", typedFollowers);
        body.put(type + "_followings_count", typedFollowings);
        return body;
    }
}
