package dev.sequere.examples.chirp.seed;

import dev.sequere.Sequere;
import dev.sequere.examples.chirp.post.Posts;
import dev.sequere.examples.chirp.user.PasswordHasher;
import dev.sequere.examples.chirp.user.User;
import dev.sequere.examples.chirp.user.UserStore;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.ActionDraft;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates users, follows and posts through chirp's own services, so the data is exactly what
 * the application would have written.
 *
 * <ul>
 *   <li>users {@code seed00001}... share one password ({@value #PASSWORD}), hashed once: hashing
 *       each with 600 000 PBKDF2 iterations would take hours;</li>
 *   <li>followees are drawn from a Zipf distribution over users (exponent 1.1), so a few users
 *       have thousands of followers and most have a handful, like real social graphs; each user
 *       follows 1 to {@code 4 x average} others;</li>
 *   <li>posts pick authors uniformly (being followed a lot does not make one post more) and are
 *       dated over the past 30 days, oldest first, so fan-out fills home timelines as in
 *       production: on average each post reaches {@code averageFollowings} home timelines.</li>
 * </ul>
 */
public final class DataGenerator {

    /** The password of every generated user. */
    public static final String PASSWORD = "chirp-seed-password";

    private static final String[] WORDS = ("the a of to and in is it you that was for on are with as I his they be at one have "
            + "this from or had by hot word but what some we can out other were all there when up use your how said an each "
            + "she which do their time if will way about many then them write would like so these her long make thing see him "
            + "two has look more day could go come did number sound no most people my over know water than call first who may "
            + "down side been now find java redis timeline follow coffee rain deploy friday").split(" ");

    private static final int PUBLISHERS = 4;

    private final UserStore users;
    private final Sequere sequere;
    private final Timelines timelines;
    private final PrintStream out;
    private final SplittableRandom random;

    /**
     * Creates a generator.
     *
     * @param users the user store
     * @param sequere the follow graph
     * @param timelines the timelines
     * @param out where progress is drawn
     * @param seed random seed, for repeatable data
     */
    public DataGenerator(UserStore users, Sequere sequere, Timelines timelines, PrintStream out, long seed) {
        this.users = Objects.requireNonNull(users, "users");
        this.sequere = Objects.requireNonNull(sequere, "sequere");
        this.timelines = Objects.requireNonNull(timelines, "timelines");
        this.out = Objects.requireNonNull(out, "out");
        this.random = new SplittableRandom(seed);
    }

    /**
     * Generates everything.
     *
     * @param userCount how many users
     * @param averageFollowings how many users each one follows on average
     * @param postCount how many posts
     * @param hasher hashes the shared password once
     * @return what was made
     * @throws InterruptedException when interrupted while waiting for fan-out
     */
    public Summary generate(int userCount, int averageFollowings, int postCount, PasswordHasher hasher)
            throws InterruptedException {
        List<User> people = createUsers(userCount, hasher);
        Zipf popularity = new Zipf(people.size(), 1.1);
        long follows = follow(people, popularity, averageFollowings);
        post(people, postCount);
        return new Summary(people.size(), follows, postCount);
    }

    private List<User> createUsers(int count, PasswordHasher hasher) {
        String hash = hasher.hash(PASSWORD.toCharArray());
        long start = users.count();
        ProgressBar bar = new ProgressBar(out, "users", count);
        List<User> made = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String name = String.format("seed%05d", start + i);
            users.insert(name, "Seed user " + (start + i), hash).ifPresent(made::add);
            bar.update(i);
        }
        bar.finish(count);
        return made;
    }

    private long follow(List<User> people, Zipf popularity, int average) throws InterruptedException {
        Instant now = Instant.now();
        List<Runnable> follows = new ArrayList<>();
        AtomicInteger made = new AtomicInteger();
        for (User follower : people) {
            int wanted = 1 + random.nextInt(Math.max(1, 2 * average - 1));
            for (int k = 0; k < wanted; k++) {
                User followee = people.get(popularity.sample(random));
                if (followee.id() != follower.id()) {
                    Instant since = now.minus(Duration.ofMinutes(random.nextLong(60L * 24 * 60)));
                    follows.add(() -> {
                        if (sequere.follow(follower, followee, since)) {
                            made.incrementAndGet();
                        }
                    });
                }
            }
        }
        runInParallel("follows", follows);
        return made.get();
    }

    private void post(List<User> people, int count) throws InterruptedException {
        Instant start = Instant.now().minus(Duration.ofDays(30));
        long step = Duration.ofDays(30).toNanos() / Math.max(1, count);
        // Drafts are drawn in order (repeatable data), then published by a few threads, since
        // a publish mostly waits on the store's round trips.
        List<ActionDraft> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            User author = people.get(random.nextInt(people.size()));
            Instant at = start.plusNanos(step * i + random.nextLong(Math.max(1, step)));
            drafts.add(Action.of(author, Posts.POST).at(at).data(Map.of("text", sentence())));
        }
        List<Runnable> publishes = new ArrayList<>(count);
        for (ActionDraft draft : drafts) {
            publishes.add(() -> timelines.publish(draft));
        }
        runInParallel("posts", publishes);
        long pending = timelines.stats().pending();
        if (pending > 0) {
            ProgressBar fanOut = new ProgressBar(out, "fan-out", pending);
            while (!timelines.awaitFanOut(Duration.ofMillis(200))) {
                fanOut.update(pending - timelines.stats().pending());
            }
            fanOut.finish(pending);
        }
    }

    /** Runs tasks on a few threads, in order of submission, with a progress bar; stops at the first failure. */
    private void runInParallel(String label, List<Runnable> tasks) throws InterruptedException {
        ProgressBar bar = new ProgressBar(out, label, tasks.size());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < PUBLISHERS; w++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < tasks.size() && failures.isEmpty(); i = next.getAndIncrement()) {
                    try {
                        tasks.get(i).run();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                    done.incrementAndGet();
                }
            }, "seed-" + label + "-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                worker.join(100);
                bar.update(done.get());
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        bar.finish(tasks.size());
    }

    private String sentence() {
        int length = 4 + random.nextInt(14);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    /**
     * What {@link #generate} made.
     *
     * @param users users created
     * @param follows follows created
     * @param posts posts published
     */
    public record Summary(int users, long follows, int posts) {
    }

    /** Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by inverting the CDF. */
    static final class Zipf {

        private final double[] cumulative;

        Zipf(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, exponent);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
        }
    }
}
