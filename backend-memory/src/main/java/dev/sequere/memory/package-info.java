/**
 * The in-memory backend: the zero-configuration default. Thread-safe without a global lock:
 * each resource has its own node and a follow locks only the two nodes it touches. Follow,
 * unfollow and paging are O(log n) on per-node B+ trees of sorted arrays, read and written
 * under that node's lock; {@code isFollowing} and counts are lock-free hash lookups and O(1)
 * counters updated under the same node locks as the indexes they count. Nothing survives the
 * process.
 */
@NullMarked
package dev.sequere.memory;

import org.jspecify.annotations.NullMarked;
