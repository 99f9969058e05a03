package dev.sequere.benchmarks.redis;

import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Redis memory per follow edge (both sides) and per feed entry, written through the backend
 * under a prefix of their own and deleted afterwards. Two figures each: the change of
 * {@code used_memory} ({@code INFO memory}; other clients of a shared server add noise) and the
 * sum of {@code MEMORY USAGE} over the prefix's keys (exact to this data, includes key overhead).
 *
 * <p>Shapes: {@code social}, users following 50 random others each (most sorted sets stay under
 * 128 members, Redis's compact listpack encoding), {@code grid}, 1 000 users x 1 000
 * projects (every set holds 1 000 members: the skiplist encoding), and {@code star}, 1 000 000
 * users following one project (one huge set, and two small keys per user: the page benchmark's
 * shape, where per-key overhead dominates).
 */
public final class RedisMemory {

    private RedisMemory() {
    }

    /**
     * Runs both measurements and prints them.
     *
     * @param args {@code [edges]}, default 1 000 000
     * @throws Exception when loading fails
     */
    public static void main(String[] args) throws Exception {
        int edges = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        for (String line : measure(edges, false)) {
            System.out.println(line);
        }
    }

    /**
     * Measures and returns one line per figure.
     *
     * @param edges how many edges (and feed entries) to write
     * @return the figures
     * @throws Exception when loading fails
     */
    static List<String> measure(int edges, boolean privateServer) throws Exception {
        List<String> lines = new ArrayList<>();
        try (RedisClient client = RedisClient.create(RedisBench.url())) {
            lines.add(edgeMemory(client, "social", edges));
            lines.add(edgeMemory(client, "grid", edges));
            lines.add(edgeMemory(client, "star", edges));
            if (privateServer) {
                // The grid's 1 000-member sets exceed the default zset-max-listpack-entries (128) and
                // take the skiplist encoding; show what the server's own knob buys on our server.
                String previous = client.configGet("zset-max-listpack-entries").get("zset-max-listpack-entries");
                client.configSet("zset-max-listpack-entries", "1024");
                try {
                    lines.add(edgeMemory(client, "grid", edges) + " [zset-max-listpack-entries 1024]");
                } finally {
                    client.configSet("zset-max-listpack-entries", previous);
                }
            }
            lines.add(feedMemory(client, edges));
        }
        return lines;
    }

    private static String edgeMemory(RedisClient client, String shape, int edges) throws Exception {
        String prefix = RedisBench.newPrefix("memory-" + shape);
        RedisBackend backend = RedisBackend.builder(client).prefix(prefix).build();
        try {
            long before = usedMemory(client);
            long start = System.nanoTime();
            long created = load(backend, shape, edges);
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = usedMemory(client);
            long keys = sumMemoryUsage(client, prefix);
            return String.format("edges %-6s %,d edges: INFO used_memory %+.1f bytes/edge, MEMORY USAGE %.1f bytes/edge; "
                    + "loaded through the backend at %,.0f follows/s (8 threads)",
                    shape, created, (after - before) / (double) created, keys / (double) created, edges / seconds);
        } finally {
            RedisBench.clean(prefix);
        }
    }

    /** Follows through the backend from 8 threads; returns how many edges were created. */
    private static long load(RedisBackend backend, String shape, int edges) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(first);
                    long created = 0;
                    for (int i = first; i < edges; i += threads) {
                        Ref follower;
                        Ref followee;
                        if (shape.equals("grid")) {
                            int side = (int) Math.ceil(Math.sqrt(edges));
                            follower = Ref.of("user", "u" + (i / side));
                            followee = Ref.of("project", "p" + (i % side));
                        } else if (shape.equals("star")) {
                            // Every user follows the one project: the page benchmark's shape.
                            follower = Ref.of("user", "u" + i);
                            followee = Ref.of("project", "p0");
                        } else {
                            // 50 follows per user, to others drawn at random: in-degree about 50 too.
                            int users = Math.max(51, edges / 50);
                            int user = i / 50;
                            follower = Ref.of("user", "u" + user);
                            followee = Ref.of("user", "u" + ((user + 1 + random.nextInt(users - 1)) % users));
                        }
                        if (backend.follows().follow(follower, followee, Instant.ofEpochSecond(1_700_000_000L, i * 1_000L))) {
                            created++;
                        }
                    }
                    return created;
                }));
            }
            long created = 0;
            for (Future<Long> f : done) {
                created += f.get(30, TimeUnit.MINUTES);
            }
            return created;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String feedMemory(RedisClient client, int entries) throws InterruptedException {
        String prefix = RedisBench.newPrefix("memory-feed");
        RedisBackend backend = RedisBackend.builder(client).prefix(prefix).build();
        try {
            int feedCount = Math.max(1, entries / 100);
            List<FeedKey> feeds = new ArrayList<>(feedCount);
            for (int i = 0; i < feedCount; i++) {
                feeds.add(new FeedKey(Ref.of("user", "u" + i), "private"));
            }
            long before = usedMemory(client);
            long written = 0;
            for (int e = 0; written < entries; e++) {
                FeedEntry entry = new FeedEntry("a" + (1_000_000 + e), 1_700_000_000_000_000L + e);
                for (int from = 0; from < feeds.size() && written < entries; from += 1_000) {
                    List<FeedKey> chunk = feeds.subList(from, Math.min(feeds.size(), from + 1_000));
                    written += backend.feeds().add(entry, chunk);
                }
            }
            long after = usedMemory(client);
            long keys = sumMemoryUsage(client, prefix);
            return String.format("feed entries %,d in %,d feeds of 100: INFO used_memory %+.1f bytes/entry, "
                    + "MEMORY USAGE %.1f bytes/entry", written, feedCount, (after - before) / (double) written,
                    keys / (double) written);
        } finally {
            RedisBench.clean(prefix);
        }
    }

    private static long usedMemory(RedisClient client) throws InterruptedException {
        // UNLINK frees in the background: wait until the previous shape's memory is really gone.
        for (int i = 0; i < 600 && !client.info("memory").contains("lazyfree_pending_objects:0"); i++) {
            Thread.sleep(100);
        }
        for (String line : client.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO memory has no used_memory");
    }

    private static long sumMemoryUsage(RedisClient client, String prefix) {
        long total = 0;
        ScanParams params = new ScanParams().match(prefix + "*").count(10_000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, params);
            for (String key : page.getResult()) {
                Long bytes = client.memoryUsage(key, 0);
                total += bytes == null ? 0 : bytes;
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return total;
    }
}
