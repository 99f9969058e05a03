/**
 * Conditional delivery: entries land in a feed only while its owner follows their source, and
 * the cleanup after an unfollow never races a delivery, each checked and written by one script in
 * the owner's slot.
 */
@NullMarked
package dev.sequere.redis.internal.delivery;

import org.jspecify.annotations.NullMarked;
