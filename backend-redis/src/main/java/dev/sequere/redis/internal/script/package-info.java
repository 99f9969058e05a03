/**
 * Lua scripts the backend runs server-side, each atomic on the keys of one resource (one Cluster slot), and how they are invoked.
 */
@NullMarked
package dev.sequere.redis.internal.script;

import org.jspecify.annotations.NullMarked;
