/**
 * Redis backend benchmarks: each operation beside a raw-Jedis baseline ({@link dev.sequere.benchmarks.redis.RawRedis}) that issues the same commands by hand on the same server, plus Redis memory per edge and per feed entry. {@link dev.sequere.benchmarks.redis.RedisBenchmarks} runs everything with one command.
 */
@NullMarked
package dev.sequere.benchmarks.redis;

import org.jspecify.annotations.NullMarked;
