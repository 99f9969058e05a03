package dev.sequere.examples.chirp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.examples.chirp.post.Posts;
import dev.sequere.examples.chirp.seed.DataGenerator;
import dev.sequere.examples.chirp.user.PasswordHasher;
import dev.sequere.examples.chirp.user.User;
import dev.sequere.examples.chirp.user.UserStore;
import dev.sequere.timeline.Timelines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data generator at a small size: users that can log in, a skewed graph, every post stored. */
class DataGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void generatesUsersAPowerLawGraphAndPosts() throws Exception {
        try (ChirpApp app = ChirpApp.start(new ChirpSettings(0, dir.resolve("chirp"), null, null, "chirp_", 1_000))) {
            var context = app.context();
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            UserStore users = context.getBean(UserStore.class);
            Sequere sequere = context.getBean(Sequere.class);
            Posts posts = context.getBean(Posts.class);
            DataGenerator.Summary summary = new DataGenerator(users, sequere, context.getBean(Timelines.class),
                    new PrintStream(progress, true, StandardCharsets.UTF_8), 7)
                    .generate(100, 5, 150, new PasswordHasher(1_000));

            assertThat(summary.users()).isEqualTo(100);
            assertThat(users.count()).isEqualTo(100);
            assertThat(summary.follows()).isBetween(100L, 1_000L);
            long postsStored = 0;
            long mostFollowed = 0;
            for (User user : users.findAllById(java.util.stream.LongStream.rangeClosed(1, 100)
                    .mapToObj(Long::toString).toList())) {
                postsStored += posts.count(user);
                mostFollowed = Math.max(mostFollowed, sequere.followers(Ref.of("user", Long.toString(user.id()))).count());
            }
            assertThat(postsStored).isEqualTo(150);
            // Power law: the most followed user has far more followers than the average (~5).
            assertThat(mostFollowed).isGreaterThan(30);
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("users").contains("posts").contains("100%");

            ChirpClient client = new ChirpClient(app.port());
            assertThat(client.post("/api/login", null, Map.of("username", "seed00001", "password", DataGenerator.PASSWORD))
                    .status()).isEqualTo(200);
        }
    }
}
