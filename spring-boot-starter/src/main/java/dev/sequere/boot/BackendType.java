package dev.sequere.boot;

/**
 * Which backend the auto-configuration builds ({@code sequere.backend}).
 */
public enum BackendType {

    /**
     * JDBC when the context has a {@code DataSource} bean and {@code sequere-backend-jdbc} is on
     * the class path, else Redis when it has a {@code UnifiedJedis} bean ({@code RedisClient},
     * {@code RedisSentinelClient}, {@code RedisClusterClient}) and {@code sequere-backend-redis}
     * is on the class path, else in memory.
     */
    AUTO,

    /** In memory: one process, lost at shutdown; for tests and demos. */
    MEMORY,

    /** JDBC over the context's {@code DataSource} bean; start-up fails without one. */
    JDBC,

    /** Redis over the context's {@code UnifiedJedis} bean; start-up fails without one. */
    REDIS
}
