/**
 * Timeline-level fault tests on Redis: a test-owned server restarted, a Sentinel failover, a
 * Cluster master killed, each in the middle of a timeline workload.
 */
@NullMarked
package dev.sequere.redis.faults;

import org.jspecify.annotations.NullMarked;
