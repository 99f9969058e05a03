package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What the timeline benchmarks share: a backend chosen by name ({@code memory}, {@code h2},
 * {@code redis}) that deletes what it wrote when closed, and a {@link Sequere} whose types have
 * loaders (the timeline's pages load actors).
 */
final class TimelineBench {

    private TimelineBench() {
    }

    /** The application's objects: a user, loaded from a map by the loader. */
    record User(String id) {
    }

    /** A project: the fan-out source. */
    record Project(String id) {
    }

    /** A backend and what deletes its data. */
    record Handle(Backend backend, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            try {
                cleanup.run();
            } finally {
                backend.close();
            }
        }
    }

    static Handle open(String name) {
        switch (name) {
            case "memory":
                return new Handle(MemoryBackend.create(), () -> { });
            case "h2":
                // A private in-memory database: it disappears with the benchmark's fork.
                return new Handle(JdbcBackend.h2InMemory("tl" + UUID.randomUUID().toString().substring(0, 8)), () -> { });
            case "redis":
                String url = redisUrl();
                String prefix = "sequere-bench:timeline:" + UUID.randomUUID().toString().substring(0, 8) + ":";
                RedisClient client = RedisClient.create(url);
                Backend backend = RedisBackend.builder(client).prefix(prefix).build();
                return new Handle(backend, () -> {
                    clean(url, prefix);
                    client.close();
                });
            default:
                throw new IllegalArgumentException("unknown backend " + name + ": use memory, h2 or redis");
        }
    }

    static Sequere sequere(Backend backend, Map<String, User> users) {
        return Sequere.builder()
                .backend(backend)
                .register(User.class, t -> t.type("user").id(User::id).loader(ids -> {
                    List<User> found = new ArrayList<>(ids.size());
                    for (String id : ids) {
                        User user = users.get(id);
                        if (user != null) {
                            found.add(user);
                        }
                    }
                    return found;
                }))
                .register(Project.class, t -> t.type("project").id(Project::id).loader(ids -> List.of()))
                .build();
    }

    static Map<String, User> users(int count) {
        Map<String, User> users = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            users.put("u" + i, new User("u" + i));
        }
        return users;
    }

    static Ref user(int i) {
        return new Ref("user", "u" + i);
    }

    private static String redisUrl() {
        String url = System.getenv("SEQUERE_BENCH_REDIS_URL");
        if (url == null || url.isBlank()) {
            url = System.getenv("SEQUERE_TEST_REDIS_URL");
        }
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url.trim();
    }

    private static void clean(String url, String prefix) {
        try (Jedis jedis = new Jedis(java.net.URI.create(url))) {
            ScanParams params = new ScanParams().match(prefix + "*").count(10_000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    Pipeline pipeline = jedis.pipelined();
                    page.getResult().forEach(pipeline::unlink);
                    pipeline.sync();
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
    }
}
