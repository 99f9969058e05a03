/**
 * Benchmarks of the in-memory backend against {@link dev.sequere.benchmarks.memory.RawFollowIndex},
 * two bare {@code ConcurrentHashMap<Ref, Set<Ref>>} indexes: following, lookups and counts,
 * the first page of a resource with a million followers, and heap per follow edge
 * ({@link dev.sequere.benchmarks.memory.HeapPerEdge}).
 */
@NullMarked
package dev.sequere.benchmarks.memory;

import org.jspecify.annotations.NullMarked;
