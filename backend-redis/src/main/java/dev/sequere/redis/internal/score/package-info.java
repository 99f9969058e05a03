/**
 * Scores: how times and feed scores become exact Redis sorted-set scores (doubles) and range bounds.
 */
@NullMarked
package dev.sequere.redis.internal.score;

import org.jspecify.annotations.NullMarked;
