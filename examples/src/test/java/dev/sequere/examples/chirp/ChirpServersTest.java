package dev.sequere.examples.chirp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequere.tck.ExternalServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Chirp on the running servers instead of the embedded default: everything on PostgreSQL
 * ({@code --db}), and follows and timelines on Redis ({@code --redis}). Each run uses its own
 * table and key prefix and removes only what it made.
 */
class ChirpServersTest {

    @TempDir
    Path dir;

    @Test
    void runsOnPostgres() throws Exception {
        String url = ExternalServer.require("SEQUERE_TEST_POSTGRES_URL", "PostgreSQL server");
        String prefix = uniquePrefix();
        try {
            try (ChirpApp app = ChirpApp.start(new ChirpSettings(0, dir.resolve("unused"), url, null, prefix, 1_000))) {
                scenario(app);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                for (String table : new String[] {"user", "session", "sq_follow_edges", "sq_feed_rows", "sq_resources", "sq_items",
                        "sq_schema_version"}) {
                    s.execute("DROP TABLE IF EXISTS " + prefix + table);
                }
            }
        }
    }

    @Test
    void runsWithFollowsOnRedis() {
        String url = ExternalServer.require("SEQUERE_TEST_REDIS_URL", "Redis server");
        String prefix = uniquePrefix();
        try {
            try (ChirpApp app = ChirpApp.start(new ChirpSettings(0, dir.resolve("chirp"), null, url, prefix, 1_000))) {
                scenario(app);
            }
        } finally {
            try (RedisClient redis = RedisClient.create(url)) {
                assertThat(deleteKeys(redis, prefix + ":")).as("keys written under the prefix").isPositive();
            }
        }
    }

    private static void scenario(ChirpApp app) {
        ChirpClient client = new ChirpClient(app.port());
        JsonNode ann = client.post("/api/signup", null, Map.of("username", "ann", "password", "password-1")).json();
        JsonNode ben = client.post("/api/signup", null, Map.of("username", "ben", "password", "password-2")).json();
        String benToken = ben.get("token").asText();
        String annToken = ann.get("token").asText();
        JsonNode counts = client.post("/api/follow", benToken,
                Map.of("identifier", "user", "object_id", ann.get("user").get("id").asText())).json();
        assertThat(counts.get("followers_count").asLong()).isEqualTo(1);
        assertThat(client.post("/api/posts", annToken, Map.of("text", "on a real server")).status()).isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode home;
        do {
            home = client.get("/api/timeline", benToken).json();
        } while (home.get("items").size() == 0 && System.nanoTime() < deadline);
        assertThat(home.get("items").get(0).get("text").asText()).isEqualTo("on a real server");
        assertThat(client.get("/api/users/ann", null).json().get("followers_count").asLong()).isEqualTo(1);
    }

    private static String uniquePrefix() {
        return "chirp" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    private static int deleteKeys(RedisClient redis, String prefix) {
        Set<String> keys = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
        }
        return keys.size();
    }
}
