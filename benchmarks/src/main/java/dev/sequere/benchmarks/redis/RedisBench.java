package dev.sequere.benchmarks.redis;

import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Where the Redis benchmarks run and how they clean up: the server named by the system property
 * {@code sequere.bench.redis} (set by {@link RedisBenchmarks} for its private server), else by
 * {@code SEQUERE_BENCH_REDIS_URL}, else {@code redis://127.0.0.1:6379}; keys under a
 * {@code sequere-bench:} prefix of their own, deleted by {@code SCAN MATCH prefix*} afterwards
 * (never {@code FLUSHDB}: the server may be shared).
 */
final class RedisBench {

    /** System property naming the prefix of an already loaded fixture (set by {@link RedisBenchmarks}). */
    static final String PREFIX_PROPERTY = "sequere.bench.prefix";
    /** System property: followers of the big project. */
    static final String FOLLOWERS_PROPERTY = "sequere.bench.followers";
    /** System property: followers of the fan-out source. */
    static final String FAN_OUT_PROPERTY = "sequere.bench.fanout";

    private RedisBench() {
    }

    /** System property naming the server (set by {@link RedisBenchmarks} for its private one). */
    static final String URL_PROPERTY = "sequere.bench.redis";

    static String url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv("SEQUERE_BENCH_REDIS_URL");
        }
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url.trim();
    }

    static String newPrefix(String what) {
        return "sequere-bench:" + what + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    /** Deletes every key under {@code prefix}; returns how many. */
    static long clean(String prefix) {
        long deleted = 0;
        try (Jedis jedis = new Jedis(java.net.URI.create(url()))) {
            ScanParams params = new ScanParams().match(prefix + "*").count(10_000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                List<String> keys = page.getResult();
                if (!keys.isEmpty()) {
                    Pipeline pipeline = jedis.pipelined();
                    keys.forEach(pipeline::unlink);
                    pipeline.sync();
                    deleted += keys.size();
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
        return deleted;
    }
}
