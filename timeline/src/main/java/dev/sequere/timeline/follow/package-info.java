/**
 * Keeps private timelines in step with the follow graph: import on follow, removal on unfollow
 * ({@link dev.sequere.timeline.follow.FollowSync}).
 */
@NullMarked
package dev.sequere.timeline.follow;

import org.jspecify.annotations.NullMarked;
