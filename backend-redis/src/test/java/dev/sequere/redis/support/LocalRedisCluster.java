package dev.sequere.redis.support;

import dev.sequere.tck.ExternalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A throw-away Redis Cluster of three masters on free loopback ports, started with the local
 * {@code redis-server} and {@code redis-cli} binaries, keeping nothing on disk
 * ({@code --save "" --appendonly no}) and stopped with {@code SHUTDOWN NOSAVE}. Tests that kill
 * nodes start one of their own with {@link #startOwned} and stop it with {@link #stop}.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final int MASTERS = 3;

    private final Path dir;
    private final List<Integer> ports;
    private final List<String> extraOptions;

    private LocalRedisCluster(Path dir, List<Integer> ports, List<String> extraOptions) {
        this.dir = dir;
        this.ports = ports;
        this.extraOptions = extraOptions;
    }

    /**
     * Starts a cluster owned by one test: the masters declare each other failed after
     * {@code nodeTimeoutMillis}, and keep serving their own slots when another master is down
     * ({@code cluster-require-full-coverage no}). Skips the test when the binaries are missing,
     * fails it under {@code CI=true}.
     *
     * @param nodeTimeoutMillis {@code cluster-node-timeout}
     * @return the running cluster; close it to stop every node
     */
    public static LocalRedisCluster startOwned(int nodeTimeoutMillis) {
        if (!onPath("redis-server") || !onPath("redis-cli")) {
            String message = "this test starts and kills its own Redis Cluster: install redis-server and redis-cli";
            if (ExternalServer.underCi()) {
                throw new IllegalStateException(message + " [CI=true: a missing server is a failure, not a skip]");
            }
            Assumptions.abort(message);
        }
        try {
            LocalRedisCluster cluster = new LocalRedisCluster(Files.createTempDirectory("sequere-redis-own-cluster"),
                    freePorts(), List.of("--cluster-node-timeout", Integer.toString(nodeTimeoutMillis),
                            "--cluster-require-full-coverage", "no"));
            cluster.start();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The master ports.
     *
     * @return one port per master
     */
    public List<Integer> ports() {
        return ports;
    }

    /**
     * The seed nodes, for a client.
     *
     * @return every master
     */
    public Set<HostAndPort> hostsAndPorts() {
        Set<HostAndPort> nodes = new HashSet<>();
        ports.forEach(p -> nodes.add(new HostAndPort("127.0.0.1", p)));
        return nodes;
    }

    /**
     * The port of the master serving a key's slot.
     *
     * @param key any key (its hash tag decides)
     * @return the master's port
     */
    public int portOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        try (Jedis jedis = new Jedis("127.0.0.1", ports.get(0))) {
            for (String line : jedis.clusterNodes().split("\n")) {
                String[] fields = line.trim().split(" ");
                if (fields.length < 9 || !fields[2].contains("master")) {
                    continue;
                }
                for (int i = 8; i < fields.length; i++) {
                    String[] range = fields[i].split("-");
                    if (range[0].startsWith("[")) {
                        continue;
                    }
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) {
                        return Integer.parseInt(fields[1].split("@")[0].split(":")[1]);
                    }
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /**
     * Kills one node's process with SIGKILL (no shutdown, no goodbye to its clients) and waits
     * until it is gone.
     *
     * @param port the node
     */
    public void kill(int port) {
        long pid;
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            pid = Long.parseLong(jedis.info("server").lines().filter(l -> l.startsWith("process_id:"))
                    .findFirst().orElseThrow().substring("process_id:".length()).trim());
        }
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        Awaitility.await("redis-server " + pid + " gone").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> !process.isAlive());
    }

    /**
     * Waits until a surviving node has marked {@code port} as failed (after the node timeout).
     *
     * @param port the dead node
     * @param observer a live node
     */
    public void awaitFailed(int port, int observer) {
        Awaitility.await("node " + port + " marked fail").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", observer)) {
                        return jedis.clusterNodes().lines().anyMatch(l -> l.contains(":" + port + "@")
                                && l.split(" ")[2].contains("fail") && !l.split(" ")[2].contains("fail?"));
                    }
                });
    }

    /**
     * Restarts a node killed by {@link #kill} with its cluster configuration (it rejoins owning
     * the same slots, empty: nothing was kept on disk) and waits until the cluster is ok again.
     *
     * @param port the node
     */
    public void restart(int port) {
        try {
            exec(serverCommand(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitPing(port);
        for (int p : ports) {
            awaitClusterOk(p);
        }
    }

    @Override
    public void close() {
        stop();
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
            LocalRedisCluster cluster = new LocalRedisCluster(dir, ports, List.of("--cluster-node-timeout", "5000"));
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
    public String nodes() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    private void start() throws IOException {
        for (int port : ports) {
            exec(serverCommand(port));
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

    private List<String> serverCommand(int port) {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                "--save", "", "--appendonly", "no", "--daemonize", "yes", "--dir", dir.toString(),
                "--logfile", "redis-" + port + ".log"));
        command.addAll(extraOptions);
        return command;
    }

    /** Stops every node without saving, then deletes the working directory. */
    public void stop() {
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
