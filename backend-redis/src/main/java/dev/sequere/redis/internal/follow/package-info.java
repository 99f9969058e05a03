/**
 * The follow graph on sorted sets: one set per (resource, direction, type), score = epoch microseconds.
 */
@NullMarked
package dev.sequere.redis.internal.follow;

import org.jspecify.annotations.NullMarked;
