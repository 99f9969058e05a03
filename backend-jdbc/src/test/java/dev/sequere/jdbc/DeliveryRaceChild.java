package dev.sequere.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Another application instance, in a JVM of its own ({@link DeliveryRaceTest} starts it): its own
 * connection pool and backend over the parent's tables, fanning entries of one source out to that
 * source's followers in a loop, alternately by {@code fanOutStep} and by {@code deliver}, until
 * its standard input says {@code stop} (or closes).
 *
 * <p>Arguments: JDBC URL, table prefix, source type, source id, feed name, threads, entry ids.
 */
public final class DeliveryRaceChild {

    private DeliveryRaceChild() {
    }

    /**
     * Runs the loop.
     *
     * @param args see the class comment
     * @throws Exception when the database fails
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        Ref source = Ref.of(args[2], args[3]);
        String feed = args[4];
        int threads = Integer.parseInt(args[5]);
        int entries = Integer.parseInt(args[6]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(threads + 1);
        config.setPoolName("sequere-race-child");
        if (url.startsWith("jdbc:postgresql:")) {
            config.setConnectionInitSql("SET synchronous_commit = off");
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong delivered = new AtomicLong();
        AtomicLong rounds = new AtomicLong();
        try (HikariDataSource pool = new HikariDataSource(config);
                JdbcBackend backend = JdbcBackend.builder(pool).tablePrefix(prefix).createSchema(false).build()) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                Thread thread = new Thread(() -> {
                    for (long round = worker; !stop.get(); round += threads) {
                        FeedEntry entry = new FeedEntry("e" + (round % entries), round);
                        delivered.addAndGet(round % 2 == 0 ? bySteps(backend, source, feed, entry)
                                : byDeliver(backend, source, feed, entry));
                        rounds.incrementAndGet();
                    }
                });
                thread.start();
                workers.add(thread);
            }
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                // Only "stop" (or the end of input) means anything.
            }
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
        }
        System.out.println("rounds " + rounds.get() + " delivered " + delivered.get());
        System.out.flush();
    }

    private static long bySteps(JdbcBackend backend, Ref source, String feed, FeedEntry entry) {
        long total = 0;
        Edge after = null;
        do {
            FanOutStep step = backend.fanOutStep(source, List.of(feed), entry, after, 50);
            total += step.delivered();
            after = step.last();
        } while (after != null);
        return total;
    }

    private static long byDeliver(JdbcBackend backend, Ref source, String feed, FeedEntry entry) {
        long total = 0;
        Edge after = null;
        while (true) {
            List<Edge> page = backend.follows().page(source, Direction.FOLLOWERS,
                    new EdgeQuery(null, Order.OLDEST_FIRST, after, 50));
            if (page.isEmpty()) {
                return total;
            }
            List<FeedKey> keys = page.stream().map(e -> new FeedKey(e.ref(), feed)).toList();
            total += backend.deliver(source, List.of(new Delivery(entry, keys)));
            after = page.get(page.size() - 1);
        }
    }
}
