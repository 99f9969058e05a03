package dev.sequere.redis.support;

import dev.sequere.BackendException;
import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/**
 * The child process of the crash tests: follows and unfollows random pairs among
 * {@code users} resources on many threads, forever, printing {@code ops N} every 100 calls so
 * that the parent knows when to kill it (SIGKILL: no shutdown hook, no finally block runs).
 *
 * <p>Arguments: {@code host:port,...} of the Cluster, key prefix, number of users, threads.
 */
public final class FollowBurst {

    private FollowBurst() {
    }

    /**
     * Runs the burst until killed.
     *
     * @param args nodes, prefix, users, threads
     */
    public static void main(String[] args) {
        Set<HostAndPort> nodes = new HashSet<>();
        for (String node : args[0].split(",")) {
            nodes.add(HostAndPort.from(node));
        }
        RedisBackend backend = RedisBackend.builder(RedisClusterClient.create(nodes)).prefix(args[1]).build();
        FollowStore store = backend.follows();
        List<Ref> users = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            users.add(Ref.of("user", "u" + i));
        }
        AtomicLong ops = new AtomicLong();
        System.out.println("ready");
        for (int t = 0; t < Integer.parseInt(args[3]); t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                Random random = new Random(seed);
                while (true) {
                    Ref a = users.get(random.nextInt(users.size()));
                    Ref b = users.get(random.nextInt(users.size()));
                    if (a.equals(b)) {
                        continue;
                    }
                    try {
                        if (random.nextInt(3) > 0) {
                            store.follow(a, b, Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000)));
                        } else {
                            store.unfollow(a, b);
                        }
                    } catch (BackendException e) {
                        System.out.println("failed " + e.getMessage());
                    }
                    long n = ops.incrementAndGet();
                    if (n % 100 == 0) {
                        System.out.println("ops " + n);
                    }
                }
            }, "burst-" + t);
            thread.start();
        }
    }
}
