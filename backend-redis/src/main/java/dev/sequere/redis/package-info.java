/**
 * The Redis backend: {@link dev.sequere.redis.RedisBackend} and its builder. See the module README for the key layout.
 */
@NullMarked
package dev.sequere.redis;

import org.jspecify.annotations.NullMarked;
