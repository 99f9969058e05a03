package dev.sequere.examples.chirp.seed;

import dev.sequere.Sequere;
import dev.sequere.examples.chirp.ChirpApp;
import dev.sequere.examples.chirp.ChirpSettings;
import dev.sequere.examples.chirp.user.PasswordHasher;
import dev.sequere.examples.chirp.user.UserStore;
import dev.sequere.timeline.Timelines;
import java.util.ArrayList;
import java.util.List;

/**
 * The data generator command: fills chirp's store (the same flags as {@link ChirpApp}) with
 * users, a power-law follow graph and posts, then prints what it made.
 *
 * <pre>
 * mvn -B -ntp -q -pl examples -am compile exec:java -Dexec.mainClass=dev.sequere.examples.chirp.seed.ChirpSeed \
 *     -Dexec.args="--users=10000 --posts=100000"
 * </pre>
 *
 * Extra flags: {@code --users} (default 10 000), {@code --posts} (100 000), {@code --follows}
 * (average followings per user, 10), {@code --seed} (random seed, 42).
 */
public final class ChirpSeed {

    private ChirpSeed() {
    }

    /**
     * Runs the generator.
     *
     * @param args flags
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int userCount = 10_000;
        int posts = 100_000;
        int follows = 10;
        long seed = 42;
        List<String> appArgs = new ArrayList<>();
        appArgs.add("--port=0");
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--users=")) {
                userCount = Integer.parseInt(value);
            } else if (arg.startsWith("--posts=")) {
                posts = Integer.parseInt(value);
            } else if (arg.startsWith("--follows=")) {
                follows = Integer.parseInt(value);
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(value);
            } else {
                appArgs.add(arg);
            }
        }
        ChirpSettings settings = ChirpSettings.from(appArgs.toArray(String[]::new), System.getenv());
        long started = System.nanoTime();
        try (ChirpApp app = ChirpApp.start(settings)) {
            var context = app.context();
            DataGenerator generator = new DataGenerator(context.getBean(UserStore.class), context.getBean(Sequere.class),
                    context.getBean(Timelines.class), System.out, seed);
            DataGenerator.Summary summary = generator.generate(userCount, follows, posts,
                    new PasswordHasher(settings.passwordIterations()));
            System.out.printf("made %d users, %d follows, %d posts in %.1f s; log in as seed00001 with password %s%n",
                    summary.users(), summary.follows(), summary.posts(), (System.nanoTime() - started) / 1e9,
                    DataGenerator.PASSWORD);
        }
    }
}
