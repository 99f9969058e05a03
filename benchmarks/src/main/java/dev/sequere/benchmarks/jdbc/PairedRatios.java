package dev.sequere.benchmarks.jdbc;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.benchmarks.Rounds;
import dev.sequere.spi.Direction;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A paired comparison for shared, noisy machines: each round runs one operation through the
 * backend and then by hand (order alternating between rounds) for a short, equal time, and the
 * ratio is taken per round, so load that comes and goes hits both sides alike. Prints the median
 * ratio over the rounds. Complements the JMH benchmarks, whose sequential forks see whatever load
 * the machine has at that moment.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.sequere.benchmarks.jdbc.PairedRatios
 * [h2|postgresql ...]}; {@code -Dops=fanOut,count} runs only the named operations.
 */
public final class PairedRatios {

    private static final int ROUNDS = 7;
    private static final long SLICE_NANOS = 1_000_000_000L;
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() & 0xffffffffL);
    private static final EdgeQuery FIRST_20 = new EdgeQuery(null, Order.NEWEST_FIRST, null, 20);

    private PairedRatios() {
    }

    /**
     * Runs the comparison.
     *
     * @param args database names, default {@code h2 postgresql}
     * @throws Exception when a database fails
     */
    public static void main(String[] args) throws Exception {
        List<String> dbs = args.length == 0 ? List.of("h2", "postgresql") : Arrays.asList(args);
        System.out.println("| operation | db | Sequere (median) | raw JDBC (median) | median ratio | min-max ratio |");
        System.out.println("|---|---|---|---|---|---|");
        for (String db : dbs) {
            JdbcFixture fixture = new JdbcFixture();
            fixture.db = db;
            fixture.setUp();
            try {
                run(fixture);
            } finally {
                fixture.tearDown();
            }
        }
    }

    /** One side of a pair of equivalent operations (a named type, so that pairs can be arrays). */
    private interface Op extends Rounds.Op<Exception> {
    }

    private static void run(JdbcFixture f) throws Exception {
        RawJdbc raw = new RawJdbc(f.dataSource(), f.isPostgres());
        Map<String, Op[]> ops = new LinkedHashMap<>();
        ops.put("follow", new Op[] {
            () -> {
                long n = NEXT.incrementAndGet();
                f.backend().follows().follow(Ref.of("user", "pw" + n), Ref.of("bench", "b" + n % 1000),
                        Instant.ofEpochSecond(1_800_000_000L, n * 1000));
            },
            () -> {
                long n = NEXT.incrementAndGet();
                raw.follow("user", "pr" + n, "bench", "b" + n % 1000, 1_800_000_000_000_000L + n);
            }});
        ops.put("isFollowing", new Op[] {
            () -> f.backend().follows().exists(randomFollower(), JdbcFixture.BIG_PROJECT),
            () -> {
                Ref u = randomFollower();
                raw.exists(u.type(), u.id(), "project", "big");
            }});
        ops.put("followersPage", new Op[] {
            () -> f.backend().follows().page(JdbcFixture.BIG_PROJECT, Direction.FOLLOWERS, FIRST_20),
            () -> raw.newestFollowers("project", "big", 20)});
        ops.put("count", new Op[] {
            () -> f.backend().follows().count(JdbcFixture.BIG_PROJECT, Direction.FOLLOWERS, null),
            () -> raw.countFollowers("project", "big")});
        // Both sides draw entry ids from one growing sequence (JdbcFixture.entryId): separate
        // prefixes would put one side's key rows always before the other's, in the middle.
        ops.put("fanOut", new Op[] {
            () -> {
                long n = NEXT.incrementAndGet();
                f.backend().fanOut(JdbcFixture.FAN_PROJECT, "private", new FeedEntry(JdbcFixture.entryId(n), n), 1_000);
            },
            () -> {
                long n = NEXT.incrementAndGet();
                raw.fanOut("project", "fan", "private", JdbcFixture.entryId(n), n);
            }});
        String only = System.getProperty("ops", "");
        if (!only.isBlank()) {
            ops.keySet().retainAll(List.of(only.split(",")));
        }
        for (Map.Entry<String, Op[]> e : ops.entrySet()) {
            // Warm-up: caches, JIT, server-side prepared statements, on both sides.
            for (int i = 0; i < 2; i++) {
                Rounds.perSecond(e.getValue()[0], SLICE_NANOS);
                Rounds.perSecond(e.getValue()[1], SLICE_NANOS);
            }
            double[] ours = new double[ROUNDS];
            double[] theirs = new double[ROUNDS];
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    ours[round] = Rounds.perSecond(e.getValue()[0], SLICE_NANOS);
                    theirs[round] = Rounds.perSecond(e.getValue()[1], SLICE_NANOS);
                } else {
                    theirs[round] = Rounds.perSecond(e.getValue()[1], SLICE_NANOS);
                    ours[round] = Rounds.perSecond(e.getValue()[0], SLICE_NANOS);
                }
                ratios[round] = ours[round] / theirs[round];
            }
            double[] sortedRatios = ratios.clone();
            Arrays.sort(sortedRatios);
            String unit = e.getKey().equals("fanOut") ? "deliveries/s" : "ops/s";
            double scale = e.getKey().equals("fanOut") ? JdbcFixture.FAN : 1;
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f %s | %.0f %s | %.2fx | %.2f-%.2f |%n", e.getKey(), f.db,
                    Rounds.median(ours) * scale, unit, Rounds.median(theirs) * scale, unit, Rounds.median(ratios),
                    sortedRatios[0], sortedRatios[ROUNDS - 1]);
        }
    }

    private static Ref randomFollower() {
        return Ref.of("user", "u" + (1 + ThreadLocalRandom.current().nextInt(JdbcFixture.BIG)));
    }
}
