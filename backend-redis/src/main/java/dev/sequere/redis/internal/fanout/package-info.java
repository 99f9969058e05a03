/**
 * Fan-out on write: writes a resource's followers' feeds chunk by chunk, by a script on the server
 * (single node) or in pipelines (Cluster).
 */
@NullMarked
package dev.sequere.redis.internal.fanout;

import org.jspecify.annotations.NullMarked;
