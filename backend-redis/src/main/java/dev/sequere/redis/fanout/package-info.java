/**
 * Fan-out on write: streams a resource's followers and writes their feeds in pipelined chunks.
 */
@NullMarked
package dev.sequere.redis.fanout;

import org.jspecify.annotations.NullMarked;
