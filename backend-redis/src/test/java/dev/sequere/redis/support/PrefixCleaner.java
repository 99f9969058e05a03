package dev.sequere.redis.support;

import java.util.List;
import java.util.UUID;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Unique prefixes for tests and deletion of exactly the keys under one of them: {@code SCAN MATCH
 * prefix*} on the standalone server or on every Cluster master, then {@code UNLINK} key by key
 * (a multi-key command would be cross-slot in a Cluster). Never {@code FLUSHDB}.
 */
public final class PrefixCleaner {

    private PrefixCleaner() {
    }

    /**
     * A prefix no other test run uses.
     *
     * @param owner the test class, named in the prefix to find leftovers' owner
     * @return e.g. {@code sequere-test:RedisFollowStoreTest:1a2b3c4d:}
     */
    public static String uniquePrefix(Class<?> owner) {
        return "sequere-test:" + owner.getSimpleName() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /**
     * Deletes the keys under a prefix on the standalone server.
     *
     * @param prefix the prefix
     * @return how many keys were deleted
     */
    public static long cleanStandalone(String prefix) {
        try (Jedis jedis = new Jedis(java.net.URI.create(RedisServers.standaloneUrl()))) {
            return clean(jedis, prefix);
        }
    }

    /**
     * Deletes the keys under a prefix on every master of the cluster.
     *
     * @param prefix the prefix
     * @return how many keys were deleted
     */
    public static long cleanCluster(String prefix) {
        long deleted = 0;
        for (HostAndPort master : RedisServers.clusterMasters()) {
            try (Jedis jedis = new Jedis(master.getHost(), master.getPort())) {
                deleted += clean(jedis, prefix);
            }
        }
        return deleted;
    }

    private static long clean(Jedis jedis, String prefix) {
        long deleted = 0;
        ScanParams params = new ScanParams().match(prefix + "*").count(1_000);
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
        return deleted;
    }
}
