package dev.sequere.redis.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import redis.clients.jedis.Jedis;

/**
 * A throw-away Redis Cluster of three masters on free loopback ports, started with the local
 * {@code redis-server} and {@code redis-cli} binaries, keeping nothing on disk
 * ({@code --save "" --appendonly no}) and stopped with {@code SHUTDOWN NOSAVE}.
 */
final class LocalRedisCluster {

    private static final int MASTERS = 3;

    private final Path dir;
    private final List<Integer> ports;

    private LocalRedisCluster(Path dir, List<Integer> ports) {
        this.dir = dir;
        this.ports = ports;
    }

    /**
     * Starts a cluster if {@code redis-server} and {@code redis-cli} are on the PATH.
     *
     * @return the cluster, or empty when the binaries are missing
     */
    static Optional<LocalRedisCluster> startIfPossible() {
        if (!onPath("redis-server") || !onPath("redis-cli")) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("sequere-redis-cluster");
            List<Integer> ports = freePorts();
            LocalRedisCluster cluster = new LocalRedisCluster(dir, ports);
            cluster.start();
            return Optional.of(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seed list {@code host:port,host:port,...}.
     *
     * @return the nodes
     */
    String nodes() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    private void start() throws IOException {
        for (int port : ports) {
            exec(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no",
                    "--daemonize", "yes", "--dir", dir.toString(), "--logfile", "redis-" + port + ".log"));
        }
        for (int port : ports) {
            awaitPing(port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(p -> create.add("127.0.0.1:" + p));
        create.add("--cluster-yes");
        exec(create);
        for (int port : ports) {
            awaitClusterOk(port);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-redis-cluster"));
    }

    /** Stops every node without saving, then deletes the working directory. */
    void stop() {
        for (int port : ports) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.shutdown();
            } catch (RuntimeException e) {
                // SHUTDOWN closes the connection before replying; a node already gone is fine too.
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    private static void awaitPing(int port) {
        try {
            Awaitility.await("redis-server on port " + port + " answers PING")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> {
                        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                            return "PONG".equals(jedis.ping());
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("redis-server on port " + port + " did not start", e);
        }
    }

    private static void awaitClusterOk(int port) {
        try {
            Awaitility.await("cluster_state:ok on port " + port)
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                            return jedis.clusterInfo().contains("cluster_state:ok");
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Redis Cluster node " + port + " did not reach cluster_state:ok", e);
        }
    }

    /** Ports whose cluster bus port (+10000) is free too. */
    private static List<Integer> freePorts() throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < MASTERS) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (!ports.contains(port) && free(port) && free(port + 10_000)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void exec(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("exec.log").toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + dir.resolve("exec.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
