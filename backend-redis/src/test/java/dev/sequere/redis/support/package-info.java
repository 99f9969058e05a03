/**
 * Test support: the Redis servers the tests run on (the shared standalone server, a Redis Cluster started once per test run) and prefix-scoped cleanup.
 */
@NullMarked
package dev.sequere.redis.support;

import org.jspecify.annotations.NullMarked;
