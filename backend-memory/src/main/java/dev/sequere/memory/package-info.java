/**
 * The in-memory backend: the zero-configuration default. Thread-safe without a global lock:
 * each resource has its own node and a follow locks only the two nodes it touches. Follow,
 * unfollow and paging are O(log n) on concurrent skip lists; counts are O(1) counters updated
 * under the same node locks as the sets they count. Nothing survives the process.
 */
@NullMarked
package dev.sequere.memory;

import org.jspecify.annotations.NullMarked;
