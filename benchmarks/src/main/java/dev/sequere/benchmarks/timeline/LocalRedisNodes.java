package dev.sequere.benchmarks.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Redis servers of a benchmark's own on free loopback ports: one standalone server, or a Cluster
 * of three masters (no replicas). Nothing is kept on disk ({@code --save "" --appendonly no}). The
 * servers run in the foreground as children of this JVM, so the benchmark knows their PIDs: it
 * reads their CPU time from {@code /proc} and stops them by PID when closed (and from a shutdown
 * hook if the benchmark dies first).
 */
final class LocalRedisNodes implements AutoCloseable {

    private final Path dir;
    private final List<Integer> ports;
    private final List<Process> processes;
    private final boolean cluster;
    private final Thread hook;

    private LocalRedisNodes(Path dir, List<Integer> ports, List<Process> processes, boolean cluster) {
        this.dir = dir;
        this.ports = ports;
        this.processes = processes;
        this.cluster = cluster;
        this.hook = new Thread(this::stopProcesses, "stop-bench-redis");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** One standalone server. */
    static LocalRedisNodes standalone() {
        return start(1, false);
    }

    /** A Cluster of three masters, every slot assigned, {@code cluster_state:ok} on every node. */
    static LocalRedisNodes cluster() {
        return start(3, true);
    }

    private static LocalRedisNodes start(int count, boolean cluster) {
        try {
            Path dir = Files.createTempDirectory("sequere-bench-nodes");
            List<Integer> ports = freePorts(count);
            List<Process> processes = new ArrayList<>();
            for (int port : ports) {
                List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                        "--logfile", "redis-" + port + ".log"));
                if (cluster) {
                    command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                            "nodes-" + port + ".conf", "--cluster-node-timeout", "5000"));
                }
                processes.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("out-" + port + ".log").toFile()).start());
            }
            LocalRedisNodes nodes = new LocalRedisNodes(dir, ports, processes, cluster);
            for (int port : ports) {
                awaitPing(port);
            }
            if (cluster) {
                List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
                ports.forEach(p -> create.add("127.0.0.1:" + p));
                create.add("--cluster-yes");
                Process process = new ProcessBuilder(create).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("create.log").toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    nodes.close();
                    throw new IllegalStateException("redis-cli --cluster create failed; see " + dir);
                }
                for (int port : ports) {
                    awaitClusterOk(port);
                }
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code redis://host:port} of the first (for a standalone server, the only) node. */
    String url() {
        return "redis://127.0.0.1:" + ports.get(0);
    }

    /** The nodes, as seeds for a Cluster client. */
    Set<HostAndPort> hostsAndPorts() {
        Set<HostAndPort> nodes = new HashSet<>();
        ports.forEach(p -> nodes.add(new HostAndPort("127.0.0.1", p)));
        return nodes;
    }

    /** The seeds as {@code host:port,host:port,...}, for a child JVM's command line. */
    String seeds() {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    boolean isCluster() {
        return cluster;
    }

    /** The servers' PIDs. */
    List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /**
     * CPU seconds (user + system) a process has used so far, from {@code /proc/<pid>/stat}.
     *
     * @return seconds, or -1 when unreadable
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds of every server, summed. */
    double serversCpuSeconds() {
        double total = 0;
        for (long pid : pids()) {
            total += Math.max(0, cpuSeconds(pid));
        }
        return total;
    }

    /** Flushes every node (the servers are the benchmark's own). */
    void flushAll() {
        for (int port : ports) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.flushAll();
            }
        }
    }

    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs (and finds them stopped).
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    /** SIGTERM by PID (redis-server exits without saving, as configured), then SIGKILL if it lingers. */
    private void stopProcesses() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitPing(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server on port " + port + " did not start", e);
                }
            }
            Thread.sleep(50);
        }
    }

    private static void awaitClusterOk(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                if (jedis.clusterInfo().contains("cluster_state:ok")) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster node " + port + " did not reach cluster_state:ok");
            }
            Thread.sleep(100);
        }
    }

    /** Free ports whose cluster bus port (+10 000) is free too. */
    private static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
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
}
