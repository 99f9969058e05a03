package dev.sequere.timeline.tck;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.fanout.RetryPolicy;
import dev.sequere.timeline.feed.FeedNames;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The program the multi-process kit ({@link MultiProcessTimelineContract}) starts in child JVMs,
 * as separate application instances over one store would run.
 *
 * <p>Arguments: the class name of a {@code Function<String, Backend>} with a public no-argument
 * constructor (the backend module's test fixture), the string it opens a backend from, then a
 * mode and its arguments:
 * <ul>
 *   <li>{@code workload <seed> <ops> <people>}: random publishes, follows, unfollows and deletes
 *       among {@code people} persons, with fan-out on a thread pool and a worker running; prints
 *       {@code done} once its own fan-outs are finished;</li>
 *   <li>{@code publish <actor id>}: publishes one action of that person with fan-out on a
 *       background thread, prints {@code published <action id>} as soon as {@code publish}
 *       returns, then keeps delivering until killed (or done);</li>
 *   <li>{@code follow <follower id> <followee id>}: prints {@code following}, then follows (and
 *       imports) until killed (or done).</li>
 * </ul>
 */
public final class WorkloadChild {

    /** The verb every workload action uses. */
    public static final Verb POST = Verb.of("post");
    /** Lease of the jobs children create: short, so that a killed child's jobs move on quickly. */
    public static final Duration LEASE = Duration.ofSeconds(1);

    private WorkloadChild() {
    }

    /**
     * Runs a mode.
     *
     * @param args see the class comment
     * @throws Exception whatever fails: the child exits non-zero and the parent shows its output
     */
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Function<String, Backend> factory = (Function<String, Backend>) Class.forName(args[0])
                .getDeclaredConstructor().newInstance();
        try (Backend backend = factory.apply(args[1])) {
            Sequere sequere = sequere(backend);
            switch (args[2]) {
                case "workload" -> workload(sequere, Long.parseLong(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
                case "publish" -> publish(sequere, args[3]);
                case "follow" -> follow(sequere, args[3], args[4]);
                default -> throw new IllegalArgumentException("unknown mode " + args[2]);
            }
        }
        System.exit(0);
    }

    /**
     * The Sequere every process of the kit uses: persons only, no loader calls needed.
     *
     * @param backend the backend
     * @return the instance
     */
    static Sequere sequere(Backend backend) {
        Directory directory = new Directory();
        return Sequere.builder().backend(backend)
                .register(Person.class, t -> t.type("person").id(Person::id).loader(directory::loadPersons))
                .build();
    }

    /**
     * The timeline configuration every process of the kit uses.
     *
     * @param sequere the Sequere
     * @return a builder to finish
     */
    static Timelines.Builder timelines(Sequere sequere) {
        return Timelines.builder(sequere).verbs(POST).importLimit(10_000).lease(LEASE)
                .pollInterval(Duration.ofMillis(50)).retry(new RetryPolicy(8, Duration.ofMillis(5), Duration.ofMillis(200)));
    }

    private static void workload(Sequere sequere, long seed, int ops, int people) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Random random = new Random(seed);
        try (Timelines timelines = timelines(sequere).executor(pool).batchSize(3).build()) {
            for (int op = 0; op < ops; op++) {
                Ref a = Ref.of("person", "u" + random.nextInt(people));
                Ref b = Ref.of("person", "u" + random.nextInt(people));
                int kind = random.nextInt(20);
                if (kind < 7) {
                    timelines.publish(Action.of(a, POST));
                } else if (kind < 9) {
                    List<FeedEntry> recent = sequere.backend().feeds().page(new FeedKey(a, FeedNames.PUBLIC),
                            new FeedQuery(Order.NEWEST_FIRST, null, 5));
                    if (!recent.isEmpty()) {
                        timelines.delete(recent.get(random.nextInt(recent.size())).id());
                    }
                } else if (a.equals(b)) {
                    continue;
                } else if (kind < 15) {
                    sequere.follow(a, b);
                } else {
                    sequere.unfollow(a, b);
                }
            }
            if (!timelines.awaitFanOut(Duration.ofMinutes(2))) {
                throw new IllegalStateException("fan-out did not finish");
            }
        } finally {
            pool.shutdown();
        }
        System.out.println("done");
    }

    private static void follow(Sequere sequere, String follower, String followee) {
        try (Timelines timelines = timelines(sequere).workers(0).build()) {
            System.out.println("following");
            System.out.flush();
            sequere.follow(Ref.of("person", follower), Ref.of("person", followee));
            System.out.println("done " + timelines.stats().delivered());
        }
    }

    private static void publish(Sequere sequere, String actorId) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Timelines timelines = timelines(sequere).executor(pool).batchSize(100).workers(0).build();
        Action action = timelines.publish(Action.of(Ref.of("person", actorId), POST));
        System.out.println("published " + action.id());
        System.out.flush();
        timelines.awaitFanOut(Duration.ofMinutes(5));
        System.out.println("done");
        pool.shutdown();
    }
}
