/**
 * Feeds on sorted sets and item bodies stored once as strings.
 */
@NullMarked
package dev.sequere.redis.internal.feed;

import org.jspecify.annotations.NullMarked;
