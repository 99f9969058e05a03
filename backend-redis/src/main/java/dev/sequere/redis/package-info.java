/**
 * The Redis backend's API: {@link dev.sequere.redis.RedisBackend} and its builder,
 * {@link dev.sequere.redis.ClusterTimeouts} (client timeouts for a Cluster) and
 * {@link dev.sequere.redis.KeyLayout} (the keys it writes). Everything under
 * {@code dev.sequere.redis.internal} is not API and may change in any release. See the module
 * README for the key layout.
 */
@NullMarked
package dev.sequere.redis;

import org.jspecify.annotations.NullMarked;
