/**
 * Running Jedis calls: maps client failures to {@link dev.sequere.BackendException} and decodes script replies.
 */
@NullMarked
package dev.sequere.redis.internal.command;

import org.jspecify.annotations.NullMarked;
