package dev.sequere.examples.chirp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chirp end to end over HTTP, started as {@code ChirpApp} runs it (Spring context, JDK HTTP
 * server) on a free port and an H2 file in a temporary directory. The steps build on each
 * other: sign up, follow, post, read, page, unfollow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChirpHttpTest {

    @TempDir
    static Path dir;

    static ChirpApp app;
    static ChirpClient client;
    static String alice;
    static String bob;
    static long aliceId;
    static long bobId;

    @BeforeAll
    static void start() {
        // Few PBKDF2 iterations keep the test fast; the hashing itself is the same code.
        app = ChirpApp.start(new ChirpSettings(0, dir.resolve("chirp"), null, null, "chirp_", 1_000));
        client = new ChirpClient(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void signUpAndLogIn() {
        ChirpClient.Answer a = client.post("/api/signup", null, Map.of("username", "alice", "password", "correct horse", "name", "Alice"));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.raw().headers().firstValue("Set-Cookie")).hasValueSatisfying(
                c -> assertThat(c).startsWith("chirp_session=").contains("HttpOnly").contains("SameSite=Strict"));
        alice = a.json().get("token").asText();
        aliceId = a.json().get("user").get("id").asLong();
        ChirpClient.Answer b = client.post("/api/signup", null, Map.of("username", "Bob", "password", "battery staple"));
        assertThat(b.status()).isEqualTo(201);
        assertThat(b.json().get("user").get("username").asText()).isEqualTo("bob");
        bobId = b.json().get("user").get("id").asLong();

        assertThat(client.post("/api/signup", null, Map.of("username", "alice", "password", "another one")).status()).isEqualTo(409);
        assertThat(client.post("/api/signup", null, Map.of("username", "a!", "password", "long enough")).status()).isEqualTo(400);
        assertThat(client.post("/api/signup", null, Map.of("username", "carol", "password", "short")).status()).isEqualTo(400);
        assertThat(client.post("/api/signup", null, Map.of("username", "carol")).status()).isEqualTo(400);
        assertThat(client.post("/api/login", null, Map.of("username", "bob", "password", "wrong password")).status()).isEqualTo(401);
        assertThat(client.post("/api/login", null, Map.of("username", "nobody", "password", "wrong password")).status()).isEqualTo(401);

        ChirpClient.Answer login = client.post("/api/login", null, Map.of("username", "bob", "password", "battery staple"));
        assertThat(login.status()).isEqualTo(200);
        bob = login.json().get("token").asText();
        assertThat(client.get("/api/me", bob).json().get("user").get("username").asText()).isEqualTo("bob");
        assertThat(client.get("/api/me", null).status()).isEqualTo(401);
        assertThat(client.get("/api/me", "forged-token").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void followAnswersWithDjangoSequeresCounts() {
        ChirpClient.Answer follow = client.post("/api/follow", bob, Map.of("identifier", "user", "object_id", String.valueOf(aliceId)));
        assertThat(follow.status()).isEqualTo(200);
        JsonNode counts = follow.json();
        assertThat(counts.get("followers_count").asLong()).isEqualTo(1);
        assertThat(counts.get("followings_count").asLong()).isEqualTo(1);
        assertThat(counts.get("user_followers_count").asLong()).isEqualTo(1);
        assertThat(counts.get("user_followings_count").asLong()).isEqualTo(1);
        // Following again changes nothing, and form-encoded bodies work like django's POST.
        ChirpClient.Answer again = client.postForm("/api/follow", bob, "identifier=user&object_id=" + aliceId);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("followers_count").asLong()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void followErrorsAnswerLikeDjangoSequere() {
        assertThat(client.post("/api/follow", bob, Map.of("identifier", "user")).status()).isEqualTo(400);
        assertThat(client.post("/api/follow", bob, Map.of("object_id", "1")).status()).isEqualTo(400);
        assertThat(client.post("/api/follow", bob, Map.of("identifier", "planet", "object_id", "1")).status()).isEqualTo(400);
        assertThat(client.post("/api/follow", bob, Map.of("identifier", "user", "object_id", "999999")).status()).isEqualTo(404);
        assertThat(client.post("/api/follow", bob, Map.of("identifier", "user", "object_id", "x'; DROP TABLE")).status()).isEqualTo(404);
        assertThat(client.post("/api/follow", bob, Map.of("identifier", "user", "object_id", String.valueOf(bobId))).status()).isEqualTo(400);
        assertThat(client.post("/api/follow", null, Map.of("identifier", "user", "object_id", String.valueOf(aliceId))).status()).isEqualTo(401);
        assertThat(client.post("/api/unfollow", bob, Map.of("identifier", "user")).status()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void postsReachFollowersHomeTimelinesNewestFirst() {
        ChirpClient.Answer posted = client.post("/api/posts", alice, Map.of("text", "hello <b>world</b>"));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(client.post("/api/posts", alice, Map.of("text", "   ")).status()).isEqualTo(400);
        assertThat(client.post("/api/posts", alice, Map.of("text", "x".repeat(281))).status()).isEqualTo(400);
        assertThat(client.post("/api/posts", null, Map.of("text", "anonymous")).status()).isEqualTo(401);
        client.post("/api/posts", bob, Map.of("text", "bob here"));

        // Fan-out runs on the executor: wait until bob's home has both posts.
        JsonNode home = await("/api/timeline", bob, h -> h.get("items").size() == 2);
        assertThat(texts(home)).containsExactly("bob here", "hello <b>world</b>");
        assertThat(home.get("items").get(1).get("author").get("username").asText()).isEqualTo("alice");
        // Alice follows nobody: her home holds her own post only.
        assertThat(texts(client.get("/api/timeline", alice).json())).containsExactly("hello <b>world</b>");
        assertThat(texts(client.get("/api/users/alice/posts", null).json())).containsExactly("hello <b>world</b>");
    }

    @Test
    @Order(5)
    void homeTimelinePagesWithCursors() {
        for (int i = 0; i < 24; i++) {
            assertThat(client.post("/api/posts", alice, Map.of("text", "post " + i)).status()).isEqualTo(201);
        }
        await("/api/timeline?limit=100", bob, h -> h.get("items").size() == 26);
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = client.get("/api/timeline?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), bob).json();
            walked.addAll(texts(page));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(walked).hasSize(26).doesNotHaveDuplicates();
        assertThat(walked.get(0)).isEqualTo("post 23");
        assertThat(walked.get(25)).isEqualTo("hello <b>world</b>");
        assertThat(client.get("/api/timeline?cursor=damaged", bob).status()).isEqualTo(400);
        assertThat(client.get("/api/timeline?limit=0", bob).status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void profilesShowCountsAndLists() {
        JsonNode profile = client.get("/api/users/alice", bob).json();
        assertThat(profile.get("followers_count").asLong()).isEqualTo(1);
        assertThat(profile.get("followings_count").asLong()).isEqualTo(0);
        assertThat(profile.get("posts_count").asLong()).isEqualTo(25);
        assertThat(profile.get("following").asBoolean()).isTrue();
        assertThat(client.get("/api/users/bob", alice).json().get("follows_you").asBoolean()).isTrue();
        assertThat(client.get("/api/users/alice/followers", null).json().get("items").get(0).get("username").asText()).isEqualTo("bob");
        assertThat(client.get("/api/users/bob/following", null).json().get("items").get(0).get("username").asText()).isEqualTo("alice");
        assertThat(client.get("/api/users/nobody", null).status()).isEqualTo(404);
        assertThat(client.get("/", null).raw().body()).contains("<title>chirp</title>");
        assertThat(client.get("/nowhere", null).status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void unfollowRemovesTheirPostsFromTheHomeTimeline() {
        ChirpClient.Answer unfollow = client.post("/api/unfollow", bob, Map.of("identifier", "user", "object_id", String.valueOf(aliceId)));
        assertThat(unfollow.status()).isEqualTo(200);
        assertThat(unfollow.json().get("followers_count").asLong()).isZero();
        assertThat(unfollow.json().get("user_followings_count").asLong()).isZero();
        JsonNode home = await("/api/timeline?limit=100", bob, h -> h.get("items").size() == 1);
        assertThat(texts(home)).containsExactly("bob here");
        assertThat(client.get("/api/users/alice", bob).json().get("following").asBoolean()).isFalse();
    }

    @Test
    @Order(8)
    void logOutEndsTheSession() {
        ChirpClient.Answer out = client.postRaw("/api/logout", null, "chirp_session=" + bob);
        assertThat(out.status()).isEqualTo(204);
        assertThat(client.get("/api/me", bob).status()).isEqualTo(401);
    }

    @Test
    @Order(9)
    void brokenPercentEscapesInAFormBodyAnswer400() {
        // URLDecoder throws IllegalArgumentException on "%zz" and on a trailing "%": a client's
        // mistake, not the server's.
        for (String form : List.of("identifier=user&object_id=%zz", "identifier=user&object_id=1%", "%g1=user")) {
            ChirpClient.Answer a = client.postForm("/api/follow", alice, form);
            assertThat(a.status()).as(form).isEqualTo(400);
            assertThat(a.json().get("error").asText()).as(form).contains("percent");
        }
    }

    @Test
    @Order(10)
    void methodNotAllowedSaysWhichMethodsAre() {
        ChirpClient.Answer get = client.get("/api/follow", alice);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.raw().headers().firstValue("Allow")).hasValue("POST");
        ChirpClient.Answer post = client.post("/api/users/alice", alice, Map.of());
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.raw().headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    @Order(11)
    void aDamagedCursorIsReportedAsADamagedLink() {
        String valid = client.get("/api/users/alice/posts?limit=1", null).json().get("next").asText();
        for (String path : List.of("/api/timeline?cursor=damaged", "/api/users/alice/posts?cursor=damaged",
                "/api/users/alice/followers?cursor=damaged", "/api/users/bob/following?cursor=AQ",
                // a real cursor of one listing passed to another
                "/api/users/bob/posts?cursor=" + valid)) {
            ChirpClient.Answer a = client.get(path, alice);
            assertThat(a.status()).as(path).isEqualTo(400);
            assertThat(a.json().get("error").asText()).as(path)
                    .contains("damaged or expired").doesNotContain("another version");
        }
    }

    @Test
    @Order(12)
    void anUnknownUserIs404EverywhereItIsNamed() {
        for (String path : List.of("/api/users/nobody", "/api/users/nobody/posts", "/api/users/nobody/followers",
                "/api/users/nobody/following")) {
            ChirpClient.Answer a = client.get(path, alice);
            assertThat(a.status()).as(path).isEqualTo(404);
            assertThat(a.json().get("error").asText()).as(path).contains("nobody");
        }
    }

    private static JsonNode await(String path, String token, Predicate<JsonNode> done) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return Awaitility.await(path).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        JsonNode answer = client.get(path, token).json();
                        last.set(answer);
                        return answer;
                    }, done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting on " + path + "; last answer " + last.get(), e);
        }
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.get("items").forEach(item -> texts.add(item.get("text").asText()));
        return texts;
    }
}
